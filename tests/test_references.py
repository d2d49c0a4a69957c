"""References by id (`[[PUR-001#submit]]`): the syntax, and every check at its file, line and column.

The test handbook gets one reference at a time in a Markdown field; line and column are found in the
edited file by the test (fixtures/util.py), never taken from the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.util import ACCESS, ARCHIVE, PURCHASE, copy_handbook, edit, inject, run
from process_manual.cli import main
from process_manual.core.problems import Severity
from process_manual.core.refsyntax import Malformed, Reference, find_references

ERROR, WARNING = Severity.ERROR, Severity.WARNING
DETAILS = "    details: Describe what is needed, why, and the budget line.\n"


def _details(text: str) -> tuple[str, str, str]:
    """An edit that puts `text` into the details of PUR-001's first step."""
    return PURCHASE, DETAILS, f"    details: {text}\n"


# --- the syntax ----------------------------------------------------------------------------------

@pytest.mark.parametrize("written, kind, target, anchor, own", [
    ("[[PUR-001]]", "process", "PUR-001", "", None),
    ("[[PUR-001#submit]]", "step", "PUR-001", "submit", None),
    ("[[#submit]]", "step", "", "submit", None),
    ("[[PUR-001|the purchase request]]", "process", "PUR-001", "", "the purchase request"),
    ("[[PUR-001#submit|how to ask]]", "step", "PUR-001", "submit", "how to ask"),
    ("[[role:buyer]]", "role", "buyer", "", None),
    ("[[form:purchase-order|the PO]]", "form", "purchase-order", "", "the PO"),
    ("[[kpi:PUR-001#cycle-time]]", "kpi", "PUR-001", "cycle-time", None),
    ("[[kpi:#cycle-time]]", "kpi", "", "cycle-time", None),
    ("[[term: Purchase  request ]]", "term", "Purchase request", "", None),
    # Chinese input methods type full-width punctuation: it means the same.
    ("[[role：buyer]]", "role", "buyer", "", None),
    ("[[PUR-001＃submit｜提交申请]]", "step", "PUR-001", "submit", "提交申请"),
    ("[[PUR-001 # submit]]", "step", "PUR-001", "submit", None),
])
def test_each_form_of_reference_is_read(written, kind, target, anchor, own):
    found = find_references(f"See {written}.")
    assert found == [Reference(kind, target, anchor, own, 4, 4 + len(written), written)]


@pytest.mark.parametrize("written, why", [
    ("[[]]", "nothing names the target"),
    ("[[buyer of goods]]", "'buyer of goods' is not a process id (like SAL-001) or a step (like SAL-001#quote)"),
    ("[[PUR-001#]]", "the step id after '#' is missing"),
    ("[[PUR-001|]]", "the link text after '|' is empty"),
    ("[[person:buyer]]", "'person:' is not a kind of reference (role:, form:, kpi:, term:)"),
    ("[[role:Buyer Manager]]", "'Buyer Manager' is not a role id (lower-case letters, digits, '-' and '_')"),
    ("[[kpi:cycle-time]]", "'cycle-time' is not a KPI: write kpi:PROCESS-ID#kpi-id"),
    ("[[term:]]", "the term is missing after 'term:'"),
])
def test_a_malformed_reference_says_why(written, why):
    [found] = find_references(written)
    assert isinstance(found, Malformed) and found.why == why and found.written == written


@pytest.mark.parametrize("text", [
    "`[[PUR-001]]` in code", "``a `[[PUR-001]]` b``", r"\[[PUR-001]] escaped", "[[1]](https://example.com) a link",
    "[[x]][ref] a reference link", "no brackets at all",
])
def test_what_is_not_a_reference(text):
    assert find_references(text) == []


def test_a_page_keeps_its_code_blocks_comments_and_front_matter():
    page = (
        "---\ntitle: \"[[PUR-001]]\"\n---\n\n```yaml\ndetails: [[PUR-001]]\n```\n\n    ~~~\n    [[PUR-001]]\n    ~~~\n"
        "<!-- [[PUR-001]] -->\nRead [[IT-002]].\n"
    )
    found = find_references(page, page=True)
    assert [f.written for f in found] == ["[[IT-002]]"]
    assert page[found[0].start:found[0].end] == "[[IT-002]]"


# --- every reference resolves ---------------------------------------------------------------------

def test_references_to_each_kind_of_target_validate_clean(tmp_path):
    text = ("'See [[IT-002]], [[IT-002#approve]], [[#compare-quotes]], [[role:buyer]], [[form:purchase-order]], "
            "[[kpi:#cycle-time]], [[kpi:PUR-001#cycle-time|the KPI]] and [[term:records clerk]] (or its synonym "
            "[[term:Archivist]]).'")
    assert inject(tmp_path, _details(text)).problems == []


@pytest.mark.parametrize("reference, message, fix", [
    ("[[IT-02]]", "'[[IT-02]]': no process has the id 'IT-02'", "did you mean 'IT-002'?"),
    ("[[it-002]]", "'[[it-002]]': no process has the id 'it-002'", "did you mean 'IT-002'?"),
    ("[[IT-002#aprove]]", "'[[IT-002#aprove]]': IT-002 has no step 'aprove'", "did you mean 'approve'?"),
    ("[[#sumbit]]", "'[[#sumbit]]': PUR-001 has no step 'sumbit'", "did you mean 'submit'?"),
    ("[[role:buyr]]", "'[[role:buyr]]': no role 'buyr' in _roles.yml", "did you mean 'buyer'?"),
    ("[[form:purchase-ordr]]", "'[[form:purchase-ordr]]': no form 'purchase-ordr' in _forms.yml",
     "did you mean 'purchase-order'?"),
    ("[[kpi:#throughput]]", "'[[kpi:#throughput]]': PUR-001 has no KPI 'throughput'", "use one of: cycle-time"),
    ("[[term:Purchase requests]]", "'[[term:Purchase requests]]': no term 'Purchase requests' in _glossary.yml",
     "did you mean 'Purchase request'?"),
    ("[[line-manager]]", "'[[line-manager]]': no process has the id 'line-manager'",
     "a role is written [[role:line-manager]]"),
])
def test_a_broken_reference_is_an_error_at_its_line_and_column(tmp_path, reference, message, fix):
    outcome = inject(tmp_path, _details(f"Describe what is needed; see {reference}."))
    problem = outcome.only()
    line = outcome.line_of(PURCHASE, reference)
    assert (problem.path, problem.line, problem.column) == (PURCHASE, line, outcome.column_of(PURCHASE, reference))
    assert (problem.severity, problem.rule, problem.message, problem.fix) == (ERROR, "broken-reference", message, fix)


def test_positions_hold_in_folded_quoted_and_block_texts(tmp_path):
    """The n-th reference of a value is found at its own line, however YAML wrapped or quoted the value."""
    outcome = inject(
        tmp_path,
        (PURCHASE, "scope: Every purchase of goods or services above 500 EUR.\n",
         "scope: \"Every purchase [[IT-002]] of goods\n  or services [[IT-02]] above 500 EUR.\"\n"),
        _details("|\n      First line [[role:buyer]].\n      Second line, [[role:buyr]] and [[form:nope]].\n"),
        (ARCHIVE, "purpose: Keep closed records safe for their retention period.\n",
         "purpose: Keep closed records\n  safe, see [[FAC-03]].\n"),
    )
    where = {(p.path, p.line, p.column) for p in outcome.problems}
    assert where == {
        (PURCHASE, outcome.line_of(PURCHASE, "[[IT-02]]"), outcome.column_of(PURCHASE, "[[IT-02]]")),
        (PURCHASE, outcome.line_of(PURCHASE, "[[role:buyr]]"), outcome.column_of(PURCHASE, "[[role:buyr]]")),
        (PURCHASE, outcome.line_of(PURCHASE, "[[form:nope]]"), outcome.column_of(PURCHASE, "[[form:nope]]")),
        (ARCHIVE, outcome.line_of(ARCHIVE, "[[FAC-03]]"), outcome.column_of(ARCHIVE, "[[FAC-03]]")),
    }


def test_every_markdown_field_is_read(tmp_path):
    """Purpose, scope, step details, FAQ, risks and KPI definitions and formulas: one broken reference each."""
    outcome = inject(
        tmp_path,
        (PURCHASE, "purpose: Buy what", "purpose: Buy [[X-1]] what"),
        (PURCHASE, "scope: Every", "scope: Every [[X-2]]"),
        _details("Describe [[X-3]]."),
        (PURCHASE, "definition: Working days", "definition: Working [[X-4]] days"),
        (PURCHASE, "formula: sum of days", "formula: sum of [[X-5]] days"),
        (PURCHASE, "{risk: Orders split to stay under the approval limit,",
         "{risk: \"Orders split [[X-6]]\","),
        (PURCHASE, "control: Monthly report of orders per supplier,", "control: \"Monthly [[X-7]] report\","),
        (PURCHASE, '{q: "Can I order', '{q: "[[X-8]] Can I order'),
        (PURCHASE, "a: Yes; use the company card.}", "a: \"Yes; use [[X-9]].\"}"),
    )
    assert sorted(p.message.split("'")[1] for p in outcome.problems) == [f"[[X-{n}]]" for n in range(1, 10)]
    assert {p.rule for p in outcome.problems} == {"broken-reference"}


def test_catalog_descriptions_and_definitions_are_read(tmp_path):
    outcome = inject(
        tmp_path,
        ("_roles.yml", "description: Keeps the paper and electronic archive.",
         "description: Keeps the archive of [[FAC-03]]."),
        ("_forms.yml", "description: One line per box", "description: One line per [[form:archive-registr]] box"),
        ("_glossary.yml", "definition: The role that keeps the archive.",
         "definition: The role that keeps the archive ([[role:records-clrek]])."),
    )
    assert [(p.path, p.line, p.rule) for p in outcome.problems] == [
        ("_forms.yml", outcome.line_of("_forms.yml", "[[form:archive-registr]]"), "broken-reference"),
        ("_glossary.yml", outcome.line_of("_glossary.yml", "[[role:records-clrek]]"), "broken-reference"),
        ("_roles.yml", outcome.line_of("_roles.yml", "[[FAC-03]]"), "broken-reference"),
    ]


def test_malformed_text_between_brackets_is_an_error_naming_what_was_meant(tmp_path):
    outcome = inject(tmp_path, _details("Ask the [[buyer]] or the [[Purchase request]] or [[who knows]]."))
    problems = sorted(outcome.problems, key=lambda p: p.column)
    assert [(p.rule, p.severity) for p in problems] == [("reference-syntax", ERROR)] * 3
    assert [p.fix for p in problems[:2]] == [
        "a role is written [[role:buyer]]", "a glossary term is written [[term:Purchase request]]"]
    assert problems[2].message == (
        "'[[who knows]]' is not a reference: 'who knows' is not a process id (like SAL-001) or a step "
        "(like SAL-001#quote)")
    assert "\\[[" in problems[2].fix and "[[role:id]]" in problems[2].fix


def test_a_step_of_this_process_outside_a_process_file_names_its_process(tmp_path):
    outcome = inject(tmp_path, ("_roles.yml", "description: Keeps the paper and electronic archive.",
                                "description: Starts at [[#hand-over]]."))
    problem = outcome.only()
    assert (problem.rule, problem.fix) == ("reference-syntax", "name the process: [[PROCESS-ID#hand-over]]")


# --- outdated, draft -------------------------------------------------------------------------------

def test_a_reference_to_a_retired_process_warns_and_names_its_successor(tmp_path):
    outcome = inject(
        tmp_path,
        (ARCHIVE, "status: effective", "status: retired\nreplaced_by: IT-002"),
        _details("Archive it as in [[FAC-003]]."),
    )
    problem = outcome.only()
    assert (problem.path, problem.line, problem.rule, problem.severity) == (
        PURCHASE, outcome.line_of(PURCHASE, "[[FAC-003]]"), "outdated-reference", WARNING)
    assert (problem.message, problem.fix) == ("FAC-003 is retired, replaced by IT-002", "link [[IT-002]] instead")


def test_a_removed_step_warns_and_names_the_step_that_took_over(tmp_path):
    outcome = inject(
        tmp_path,
        (ACCESS, "steps:\n", "removed_steps:\n  manager-approval: approve\n  old-check:\nsteps:\n"),
        _details("See [[IT-002#manager-approval]] and [[IT-002#old-check]]."),
    )
    problems = sorted(outcome.problems, key=lambda p: p.column)
    assert [(p.rule, p.severity, p.message, p.fix) for p in problems] == [
        ("outdated-reference", WARNING,
         "'[[IT-002#manager-approval]]' names step 'manager-approval', which IT-002 has removed, replaced by 'approve'",
         "link [[IT-002#approve]] instead"),
        ("outdated-reference", WARNING, "'[[IT-002#old-check]]' names step 'old-check', which IT-002 has removed",
         "link [[IT-002]] instead"),
    ]


def test_removed_steps_and_replaced_by_name_what_exists(tmp_path):
    outcome = inject(
        tmp_path,
        (ACCESS, "steps:\n", "replaced_by: IT-02\nremoved_steps:\n  approve: grant\nsteps:\n"),
    )
    problems = {p.rule: p for p in outcome.problems}
    assert set(problems) == {"unknown-process", "duplicate-id", "unknown-step"}
    assert problems["unknown-process"].line == outcome.line_of(ACCESS, "replaced_by: IT-02")
    assert problems["unknown-process"].fix == "did you mean 'IT-002'?"
    assert problems["duplicate-id"].message == "step 'approve' is listed as removed but is still a step of this process"
    assert problems["unknown-step"].message == "unknown step 'grant'"


def test_a_reference_to_a_draft_warns_unless_it_stands_in_a_draft(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "status: effective", "status: draft"), _details("See [[FAC-003]]."))
    problem = outcome.only()
    assert (problem.rule, problem.severity, problem.message) == (
        "reference-to-draft", WARNING,
        "FAC-003 is a draft: readers see its name without a link until it takes effect")
    quiet = inject(tmp_path / "b", (ARCHIVE, "status: effective", "status: draft"),
                   (PURCHASE, "status: effective", "status: draft"), _details("See [[FAC-003]]."))
    assert [p.rule for p in quiet.problems if p.rule != "no-review"] == []


def test_severities_are_set_in_handbook_yml(tmp_path):
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, DETAILS, "    details: See [[IT-02]] and [[buyer]].\n")
    (root / "_handbook.yml").write_text("rules:\n  broken-reference: warning\n  reference-syntax: off\n",
                                        encoding="utf-8")
    assert [(p.rule, p.severity) for p in run(root)] == [("broken-reference", WARNING)]


# --- translations and pages ------------------------------------------------------------------------

def test_a_reference_in_a_translation_is_checked_at_the_translation_line(tmp_path):
    root = copy_handbook(tmp_path)
    (root / "_handbook.yml").write_text("languages: [en, zh]\n", encoding="utf-8")
    translation = "purchasing/purchase-request.zh.yml"
    line = "    details: 说明需求，参见 [[IT-02]]。"
    (root / translation).write_text(f"steps:\n  submit:\n{line}\n", encoding="utf-8")
    problems = [p for p in run(root) if p.rule == "broken-reference"]
    assert [(p.path, p.line, p.column) for p in problems] == [(translation, 3, line.index("[[") + 1)]


def test_pages_are_checked_with_docs(tmp_path, capsys):
    root = copy_handbook(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    links = "See [the order](processes/pur-001.md#step-submit) and [access](IT-002)."
    (docs / "index.md").write_text(
        f"# Welcome\n\nStart with [[PUR-001]], then [[PUR-001#sbumit]].\n\n```\n[[not-checked]]\n```\n{links}\n",
        encoding="utf-8",
    )
    problems = run(root, docs_dir=docs, shown_base=tmp_path)
    assert [(p.path, p.line, p.column, p.rule) for p in problems] == [
        ("docs/index.md", 3, len("Start with [[PUR-001]], then ") + 1, "broken-reference"),
        ("docs/index.md", 8, links.index("[the") + 1, "link-by-path"),
        ("docs/index.md", 8, links.index("[access") + 1, "link-by-path"),
    ]
    assert problems[1].fix.startswith("write [[PUR-001#submit]] ")
    assert problems[2].message == "the link to 'IT-002' points at a file of that name, which does not exist"
    # `validate --docs` reports the same; without --docs the pages are not looked at.
    assert main(["validate", str(root), "--docs", str(docs), "--no-cache"]) == 1
    assert "index.md:3:30: error[broken-reference]" in capsys.readouterr().out
    assert main(["validate", str(root), "--no-cache"]) == 0


def test_a_term_may_be_named_in_any_language_of_the_handbook(tmp_path):
    root = copy_handbook(tmp_path)
    (root / "_handbook.yml").write_text("languages: [en, zh]\n", encoding="utf-8")
    (root / "_glossary.zh.yml").write_text("terms:\n  - {term: 采购申请}\n", encoding="utf-8")
    edit(root, PURCHASE, DETAILS, "    details: See [[term:采购申请]] and [[term:Purchase request]].\n")
    assert [p for p in run(root) if p.rule == "broken-reference"] == []


@pytest.mark.parametrize("value, message", [
    ("[[role:buyer]] describes the need.", "invalid YAML: did not find expected key"),
    ("[[role:buyer]]", "steps.0.details: expected text, found a list"),
])
def test_a_text_that_opens_with_a_reference_is_told_to_be_quoted(tmp_path, value, message):
    outcome = inject(tmp_path, _details(value))
    problem = outcome.errors[0]
    assert problem.message.startswith(message)
    assert "quotes" in problem.fix and "[[" in problem.fix
