"""The typed model: shapes and types, each mistake a problem at its line with a fix that helps."""

from __future__ import annotations

import pytest

from fixtures.util import ACCESS, ARCHIVE, PURCHASE, inject
from process_manual.core.model import Process, Step
from process_manual.core.problems import Problem, Severity

ERROR = Severity.ERROR


# --- unknown keys ------------------------------------------------------------------------------

def test_unknown_top_level_key_suggests_the_right_one(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "owner: purchasing-manager\neffective", "owenr: purchasing-manager\neffective"))
    # Only one problem: "missing required key 'owner'" would say the same thing twice.
    assert outcome.only() == Problem(PURCHASE, outcome.line_of(PURCHASE, "owenr:"), 1, ERROR,
                                     "unknown key 'owenr'", "did you mean 'owner'?")


def test_unknown_key_in_a_step_suggests_a_step_key(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    within: one week\n", "    whithin: one week\n"))
    assert outcome.only() == Problem(ARCHIVE, outcome.line_of(ARCHIVE, "whithin:"), 5, ERROR,
                                     "unknown key 'whithin'", "did you mean 'within'?")


def test_unknown_key_in_a_branch(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "{when: refused, next: refused}", "{when: refused, nxt: refused}"))
    problem = outcome.only()
    line = outcome.line_of(ACCESS, "nxt:")
    assert (problem.line, problem.column) == (line, outcome.column_of(ACCESS, "nxt:"))
    assert (problem.message, problem.fix) == ("unknown key 'nxt'", "did you mean 'next'?")


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "faq:\n", "colour: blue\nfaq:\n"))
    problem = outcome.only()
    assert (problem.line, problem.message) == (outcome.line_of(ARCHIVE, "colour:"), "unknown key 'colour'")
    assert problem.fix.startswith("allowed keys here: id, title, area, version, status, owner")


def test_unknown_key_in_a_catalog(tmp_path):
    outcome = inject(tmp_path, ("_roles.yml", "    department: facilities\n", "    departmnet: facilities\n"))
    assert outcome.only() == Problem("_roles.yml", outcome.line_of("_roles.yml", "departmnet"), 5, ERROR,
                                     "unknown key 'departmnet'", "did you mean 'department'?")


def test_a_misspelt_optional_list_keeps_the_rest_of_the_process_checked(tmp_path):
    # `risk:` instead of `risks:`, plus a real defect elsewhere in the same file: both are found.
    outcome = inject(tmp_path, (ARCHIVE, "risks:\n", "risk:\n"),
                     (ARCHIVE, "    next: archived", "    next: archive"))
    assert [(p.line, p.message) for p in outcome.problems] == [
        (outcome.line_of(ARCHIVE, "next: archive"), "unknown step 'archive'"),
        (outcome.line_of(ARCHIVE, "risk:"), "unknown key 'risk'"),
    ]


# --- wrong types, at several levels ------------------------------------------------------------

@pytest.mark.parametrize("file, old, new, snippet, message, fix", [
    (ARCHIVE, "title: Records archiving", "title: [Records, archiving]", "title:",
     "title: expected text, found a list", "write text here"),
    (ARCHIVE, "    forms: [archive-register]\n    next: store", "    forms: archive-register\n    next: store",
     "forms: archive-register", "steps.0.forms: expected a list, found 'archive-register'",
     "write a list: [a, b] or one '- item' per line"),
    (ACCESS, "{when: refused, next: refused}", "{when: refused, next: 5}", "next: 5}",
     "steps.1.branches.2.next: expected text, found the number 5", 'put it in quotes: "5"'),
    (ACCESS, "target: 95,", "target: {min: 95},", "target: {min",
     "kpis.0.target: expected a number, found a mapping", "write a number such as 3 or 95.5"),
    (ARCHIVE, "target: 20,", "target: .nan,", "target: .nan",
     "kpis.0.target: expected a number, found .nan (not a finite number)", "write a number such as 3 or 95.5"),
    (ARCHIVE, "effective: 2026-09-01", "effective: 1st of September", "effective:",
     "effective: expected a date, found '1st of September'", "write the date as YYYY-MM-DD"),
    (PURCHASE, "review: {every: 12 months, last: 2026-02-01}", "review: 12 months", "review:",
     "review: expected a mapping of keys, found '12 months'", "write `key: value` lines here"),
    (ARCHIVE, 'faq:\n  - {q: "Where are the keys?", a: With the records clerk.}', 'faq: {q: Keys, a: Clerk}',
     "faq:", "faq: expected a list, found a mapping", "write a list: [a, b] or one '- item' per line"),
    (ARCHIVE, 'approved_by: COO, change: First version', 'approved_by: COO, change: ""', "change: \"\"",
     "changelog.0.change is empty", "write a value or remove the key"),
])
def test_wrong_type(tmp_path, file, old, new, snippet, message, fix):
    outcome = inject(tmp_path, (file, old, new))
    problem = outcome.only()
    assert (problem.path, problem.line, problem.severity) == (file, outcome.line_of(file, snippet), ERROR)
    assert (problem.message, problem.fix) == (message, fix)


def test_wrong_type_column_is_the_value(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "title: Records archiving", "title: [Records, archiving]"))
    assert outcome.only().column == len("title: ") + 1


@pytest.mark.parametrize("typed", ["2.1", "2.10", "2"])
def test_unquoted_version_says_what_was_typed(tmp_path, typed):
    outcome = inject(tmp_path, (ARCHIVE, 'version: "1.0"\n', f"version: {typed}\n"))
    # 2.10 would silently become 2.1 as a number: the message shows what the author wrote.
    assert outcome.only() == Problem(ARCHIVE, 4, 10, ERROR, f"version: expected text, found the number {typed}",
                                     f'put it in quotes: "{typed}"')


def test_unquoted_version_in_the_change_log(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, '{version: "1.0", date: 2026-09-01', "{version: 1.0, date: 2026-09-01"))
    problem = outcome.only()
    assert problem.line == outcome.line_of(ARCHIVE, "{version: 1.0")
    assert (problem.message, problem.fix) == ("changelog.0.version: expected text, found the number 1.0",
                                              'put it in quotes: "1.0"')


def test_version_that_is_not_a_version(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, 'version: "1.0"\n', 'version: "v1"\n'))
    assert outcome.only() == Problem(ARCHIVE, 4, 10, ERROR, "version: 'v1' is not a valid version",
                                     'write the version as quoted text such as "2.1"')


@pytest.mark.parametrize("status, fix", [
    ("efective", "did you mean 'effective'?"),
    ("drafted", "did you mean 'draft'?"),
    ("in force", "use one of: draft, effective, retired"),
])
def test_bad_status(tmp_path, status, fix):
    outcome = inject(tmp_path, (ARCHIVE, "status: effective", f"status: {status}"))
    assert outcome.only() == Problem(ARCHIVE, 5, 9, ERROR, f"status: '{status}' is not allowed", fix)


def test_bad_step_kind(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "kind: archive", "kind: archiv"))
    problem = outcome.only()
    assert (problem.line, problem.message, problem.fix) == (
        outcome.line_of(ARCHIVE, "kind: archiv"), "steps.1.kind: 'archiv' is not allowed", "did you mean 'archive'?")


@pytest.mark.parametrize("word, reads_as", [("yes", "true"), ("no", "false"), ("on", "true"), ("off", "false")])
def test_when_yes_is_read_as_a_boolean(tmp_path, word, reads_as):
    outcome = inject(tmp_path, (PURCHASE, "{when: approved, next: compare-quotes}",
                                f"{{when: {word}, next: compare-quotes}}"))
    line = outcome.line_of(PURCHASE, f"when: {word},")
    assert outcome.only() == Problem(PURCHASE, line, outcome.column_of(PURCHASE, f"{word},"), ERROR,
                                     f"steps.1.branches.0.when: expected text, found {word} (YAML reads it as "
                                     f"{reads_as})", f'put it in quotes: "{word}"')


def test_quoted_yes_is_text(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "{when: approved, next: compare-quotes}", '{when: "yes", next: compare-quotes}'))
    assert outcome.problems == []


def test_bad_process_id_and_bad_step_id_get_their_own_advice(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "id: FAC-003", "id: fac 3"), (ARCHIVE, "  - id: store", "  - id: Store Box"))
    assert [(p.line, p.message, p.fix) for p in outcome.problems] == [
        (1, "id: 'fac 3' is not a valid id", "use letters and digits joined by '-', such as ADM-004"),
        (outcome.line_of(ARCHIVE, "Store Box"), "steps.1.id: 'Store Box' is not a valid id",
         "use lowercase letters, digits and '-' only, such as first-review"),
    ]


def test_missing_required_key(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "title: Records archiving\n", ""))
    assert outcome.only() == Problem(ARCHIVE, 1, 1, ERROR, "missing required key 'title'", "add `title:` here")


def test_missing_required_key_in_a_list_item(tmp_path):
    outcome = inject(tmp_path, ("_roles.yml", "{id: coo, name: Chief operating officer, department: management}",
                                "{id: coo, department: management}"))
    assert outcome.only() == Problem("_roles.yml", 3, 5, ERROR, "missing required key 'name' in roles.0",
                                     "add `name:` here")


def test_no_steps(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "steps:\n  - id: hand-over", "steps: []\nold:\n  - id: hand-over"))
    first = outcome.problems[0]
    assert (first.line, first.message, first.fix) == (12, "steps is empty", "add at least one entry")


# --- the model itself ---------------------------------------------------------------------------

def test_one_responsible_role_is_accountable_by_default():
    step = Step(id="a", responsible="clerk")
    assert step.responsible == ["clerk"] and step.accountable_role == "clerk"
    assert Step(id="a", responsible=["x", "y"]).accountable_role is None
    assert Step(id="a", responsible=["x", "y"], accountable="y").accountable_role == "y"


def test_step_title_and_targets():
    step = Step(id="first-review", kind="decision", branches=[{"when": "ok", "next": "b"}, {"when": "no", "next": "a"}])
    assert step.title == "First review"
    assert step.targets() == ["b", "a"]
    assert Step(id="a", name="Do it", next="b").targets() == ["b"]


def test_step_duration_is_recognised():
    assert Step(id="a", within="3个工作日").duration.unit == "working_day"
    assert Step(id="a", within="").within is None


def test_fixture_processes_load_into_the_model():
    import yaml

    from fixtures.util import HANDBOOK

    for path in sorted(HANDBOOK.glob("*/*.yml")):
        process = Process.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert process.last_change.version == process.version
        assert process.step(process.steps[0].id) is process.steps[0]
