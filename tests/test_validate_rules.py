"""The methodology's rules: one defect injected into a clean handbook at a time, each asserting the
exact problem (file, line, column, severity, message, fix) — and that nothing else is reported."""

from __future__ import annotations

import pytest

from fixtures.util import ACCESS, ARCHIVE, HANDBOOK, PURCHASE, Outcome, inject, run, write
from process_manual.core.problems import Problem, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def at(outcome: Outcome, file: str, line_snippet: str, value: str | None = None, nth: int = 1) -> tuple[int, int]:
    """(line, column) of `value` (default: the snippet itself) on the `nth` line containing `line_snippet`."""
    line = outcome.line_of(file, line_snippet, nth)
    text = (outcome.root / file).read_text(encoding="utf-8").splitlines()[line - 1]
    return line, text.index(value if value is not None else line_snippet) + 1


def test_the_fixture_handbook_is_clean(tmp_path):
    assert run(HANDBOOK) == []


# --- references ---------------------------------------------------------------------------------

REFERENCES = [
    # (file, old, new, the line of the problem, the value on it, message, fix)
    (PURCHASE, "    responsible: buyer\n    informed", "    responsible: byuer\n    informed", "byuer", None,
     "unknown role 'byuer'", "did you mean 'buyer'?"),
    (PURCHASE, "owner: purchasing-manager\neffective", "owner: nobody-special\neffective", "nobody-special", None,
     "unknown role 'nobody-special'", "add it to _roles.yml"),
    (ACCESS, "informed: [requester, line-manager]", "informed: [requester, line-managers]", "line-managers", None,
     "unknown role 'line-managers'", "did you mean 'line-manager'?"),
    (ARCHIVE, "    accountable: facilities-manager", "    accountable: facility-manager", "facility-manager", None,
     "unknown role 'facility-manager'", "did you mean 'facilities-manager'?"),
    (ARCHIVE, "frequency: monthly, owner: facilities-manager", "frequency: monthly, owner: the-boss", "the-boss", None,
     "unknown role 'the-boss'", "add it to _roles.yml"),
    (PURCHASE, "forms: [quote-comparison]", "forms: [quote-comparisons]", "quote-comparisons", None,
     "unknown form 'quote-comparisons'", "did you mean 'quote-comparison'?"),
    (PURCHASE, "forms: [quote-comparison]", "forms: [tender-file]", "tender-file", None,
     "unknown form 'tender-file'", "add it to _forms.yml"),
    (PURCHASE, "area: purchasing", "area: purchase", "area: purchase", "purchase",
     "unknown area 'purchase'", "did you mean 'purchasing'?"),
    (PURCHASE, "area: purchasing", "area: support", "area: support", "support",
     "area 'support' is a group of areas, not a leaf", "use one of: purchasing, it, facilities"),
    (PURCHASE, "related: [IT-002]", "related: [IT-009]", "IT-009", None,
     "unknown process 'IT-009'", "did you mean 'IT-002'?"),
    (PURCHASE, "related: [IT-002]", "related: [PUR-001]", "related: [PUR-001]", "PUR-001",
     "a process cannot be related to itself", "remove it from `related`"),
    (PURCHASE, "    next: issue-order", "    next: issue-ordr", "issue-ordr", None,
     "unknown step 'issue-ordr'", "did you mean 'issue-order'?"),
    (PURCHASE, "{when: rejected, next: rejected}", "{when: rejected, next: reject}", "next: reject}", "reject}",
     "unknown step 'reject'", "did you mean 'rejected'?"),
    (ACCESS, "process: PUR-001", "process: PUR-009", "PUR-009", None,
     "unknown process 'PUR-009'", "did you mean 'PUR-001'?"),
    (ACCESS, "process: PUR-001", "process: IT-002", "process: IT-002", "IT-002",
     "a sub-process step cannot run its own process", "name another process, or loop with `next`"),
    (PURCHASE, "step: manager-review}", "step: review}", "step: review}", "review}",
     "unknown step 'review'", "did you mean 'manager-review'?"),
    ("_forms.yml", "owner: it-manager", "owner: it-managr", "it-managr", None,
     "unknown role 'it-managr'", "did you mean 'it-manager'?"),
    ("_areas.yml", "owner: coo", "owner: ceo", "ceo", None,
     "unknown role 'ceo'", "did you mean 'coo'?"),
]


@pytest.mark.parametrize("file, old, new, line_snippet, value, message, fix", REFERENCES,
                         ids=[r[5] for r in REFERENCES])
def test_reference(tmp_path, file, old, new, line_snippet, value, message, fix):
    outcome = inject(tmp_path, (file, old, new))
    assert outcome.only() == Problem(file, *at(outcome, file, line_snippet, value), ERROR, message, fix)


# --- the process graph --------------------------------------------------------------------------

def test_unreachable_step(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "      - {when: refused, next: refused}\n", ""))
    line, column = at(outcome, ACCESS, "- id: refused", "refused")
    assert outcome.only() == Problem(ACCESS, line, column, ERROR,
                                     "step 'refused' cannot be reached from the first step 'request'",
                                     "lead a `next` or branch to it, or remove it")


def test_every_unreachable_step_is_named(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "      - {when: approved, next: compare-quotes}\n", ""))
    assert [p.message for p in outcome.problems] == [
        f"step '{s}' cannot be reached from the first step 'submit'"
        for s in ("compare-quotes", "issue-order", "file-order", "ordered")]
    assert [p.line for p in outcome.problems] == [
        outcome.line_of(PURCHASE, f"- id: {s}") for s in ("compare-quotes", "issue-order", "file-order", "ordered")]


def test_dead_end_a_task_that_leads_nowhere(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    forms: [archive-register]\n    next: store\n",
                                "    forms: [archive-register]\n"))
    # One problem: the steps after it are not also reported as unreachable or stuck.
    line, column = at(outcome, ARCHIVE, "- id: hand-over", "- id")
    assert outcome.only() == Problem(ARCHIVE, line, column + 2, ERROR,
                                     "task step 'hand-over' is a dead end: it has no `next`",
                                     "add `next: <step id>`; to finish the process here, lead it to a "
                                     "`kind: end` step")


@pytest.mark.parametrize("kind, snippet", [("archive", "    next: archived\n"), ("subprocess", "    next: create-account\n  - id: create-account")])
def test_dead_end_archive_and_subprocess(tmp_path, kind, snippet):
    file = ARCHIVE if kind == "archive" else ACCESS
    step = "store" if kind == "archive" else "buy-licence"
    outcome = inject(tmp_path, (file, snippet, snippet.replace(snippet.split("\n")[0] + "\n", "")))
    problem = outcome.only()
    assert (problem.line, problem.message) == (outcome.line_of(file, f"- id: {step}"),
                                               f"{kind} step '{step}' is a dead end: it has no `next`")


def test_dead_loop_is_reported_once_with_its_cycle(tmp_path):
    # A rejected request goes to an appeal that only ever loops back on itself.
    outcome = inject(
        tmp_path,
        (PURCHASE, "{when: rejected, next: rejected}", "{when: rejected, next: appeal}"),
        (PURCHASE, "  - id: rejected\n    name: Request rejected\n    kind: end\n",
         "  - id: appeal\n    responsible: requester\n    next: reconsider\n"
         "  - id: reconsider\n    responsible: line-manager\n    next: appeal\n"),
    )
    line, column = at(outcome, PURCHASE, "- id: appeal", "appeal")
    assert outcome.only() == Problem(PURCHASE, line, column, ERROR,
                                     "dead loop: appeal → reconsider → appeal never reaches an end step",
                                     "give one of these steps a branch that leads on towards an end")


def test_a_loop_with_a_way_out_is_fine(tmp_path):
    # manager-review → submit → manager-review is a loop, but "approved" leads on: the fixture is clean.
    text = (HANDBOOK / PURCHASE).read_text()
    assert "{when: returned for changes, next: submit}" in text
    assert run(HANDBOOK) == []


def test_dead_loop_through_a_decision_names_the_whole_cycle(tmp_path):
    # Every branch of the review leads back: submit → manager-review → submit forever;
    # compare-quotes and the rest are reachable from nowhere, and the ends cannot be reached.
    outcome = inject(tmp_path, (PURCHASE, "{when: approved, next: compare-quotes}", "{when: approved, next: submit}"),
                     (PURCHASE, "{when: rejected, next: rejected}", "{when: rejected, next: manager-review}"))
    loops = [p for p in outcome.problems if p.message.startswith("dead loop")]
    assert [(p.line, p.message) for p in loops] == [
        (outcome.line_of(PURCHASE, "- id: submit"),
         "dead loop: submit → manager-review → submit never reaches an end step")]


def test_a_step_that_loops_onto_itself(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    next: archived", "    next: store"),
                     (ARCHIVE, "  - id: archived\n    name: Records archived\n    kind: end\n",
                      "  - id: archived\n    name: Records archived\n    kind: end\n  - id: unused\n    kind: end\n"))
    loops = [p for p in outcome.problems if p.message.startswith("dead loop")]
    assert [p.message for p in loops] == ["dead loop: store → store never reaches an end step"]


def test_decision_with_one_branch(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "      - {when: needs a new licence, next: buy-licence}\n"
                                        "      - {when: licence available, next: create-account}\n"
                                        "      - {when: refused, next: refused}\n",
                                "      - {when: licence available, next: create-account}\n"))
    # buy-licence and refused are now unreachable, but that follows from the missing branch:
    # the decision is reported, the rest waits until the decision is complete.
    line, column = at(outcome, ACCESS, "{when: licence available", "{when")
    assert outcome.only() == Problem(ACCESS, line, column - 2, ERROR, "decision 'approve' has only one branch",
                                     "a decision needs at least two `branches`, each with `when` and `next`")


def test_decision_without_branches(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "    within: 1 working day\n    branches:\n"
                                        "      - {when: needs a new licence, next: buy-licence}\n"
                                        "      - {when: licence available, next: create-account}\n"
                                        "      - {when: refused, next: refused}\n",
                                "    within: 1 working day\n"))
    problem = outcome.only()
    assert (problem.line, problem.message) == (outcome.line_of(ACCESS, "- id: approve"),
                                               "decision 'approve' has no branches")


def test_duplicate_branch_labels(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "{when: returned for changes, next: submit}", "{when: Approved, next: submit}"))
    line, column = at(outcome, PURCHASE, "{when: Approved", "Approved")
    assert outcome.only() == Problem(PURCHASE, line, column, ERROR,
                                     "branch label 'Approved' is used twice in 'manager-review'",
                                     "give each outcome its own label")


def test_decision_with_next(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "    within: 1 working day\n    branches:",
                                "    within: 1 working day\n    next: create-account\n    branches:"))
    line, column = at(outcome, ACCESS, "    next: create-account", "create-account")
    assert outcome.only() == Problem(ACCESS, line, column, ERROR, "decision 'approve' uses `next`",
                                     "list its outcomes under `branches` instead")


def test_task_with_branches(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    next: store\n",
                                "    next: store\n    branches: [{when: a, next: store}, {when: b, next: archived}]\n"))
    problem = outcome.only()
    assert (problem.line, problem.message, problem.fix) == (
        outcome.line_of(ARCHIVE, "branches:"), "task step 'hand-over' has branches",
        "only a `kind: decision` step branches; use `next`")


def test_end_with_next(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    kind: end\n", "    kind: end\n    next: store\n"))
    line, column = at(outcome, ARCHIVE, "next: store", "store", nth=2)
    assert outcome.only() == Problem(ARCHIVE, line, column, ERROR, "end step 'archived' has a next step",
                                     "remove `next`/`branches`, or make it a task")


def test_end_with_roles(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    kind: end\n", "    kind: end\n    responsible: records-clerk\n"))
    line, column = at(outcome, ARCHIVE, "responsible: records-clerk", "records-clerk", nth=2)
    assert outcome.only() == Problem(ARCHIVE, line, column, ERROR, "end step 'archived' names roles (responsible)",
                                     "an end is an event, not an activity: remove its roles")


def test_duplicate_step_ids(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "  - id: archived\n", "  - id: store\n    kind: end\n  - id: archived\n"))
    line, column = at(outcome, ARCHIVE, "- id: store", "store", nth=2)
    assert outcome.only() == Problem(ARCHIVE, line, column, ERROR, "step id 'store' is used twice in this process",
                                     "give each step its own id")


def test_no_end_step_at_all(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    next: archived\n  - id: archived\n    name: Records archived\n"
                                         "    kind: end\n", "    next: hand-over\n"))
    line, column = at(outcome, ARCHIVE, "- id: hand-over", "- id")
    assert outcome.only() == Problem(ARCHIVE, line, column, ERROR, "the process has no end step",
                                     "add a step with `kind: end` and lead the last step to it")


def test_subprocess_without_process(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "    process: PUR-001\n", ""))
    problem = outcome.only()
    assert (problem.line, problem.message, problem.fix) == (
        outcome.line_of(ACCESS, "- id: buy-licence"), "sub-process step 'buy-licence' does not say which process it runs",
        "add `process: <process id>`")


def test_process_on_a_task(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "    kind: subprocess\n", ""))
    line, column = at(outcome, ACCESS, "process: PUR-001", "PUR-001")
    assert outcome.only() == Problem(ACCESS, line, column, ERROR, "step 'buy-licence' names a process but is a task",
                                     "add `kind: subprocess`")


# --- responsibility -----------------------------------------------------------------------------

def test_no_responsible_role(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    responsible: requester\n    accountable: line-manager\n", ""))
    line, column = at(outcome, ARCHIVE, "- id: hand-over", "id: hand-over")
    assert outcome.only() == Problem(ARCHIVE, line, column, ERROR, "step 'hand-over' has no responsible role",
                                     "add `responsible: <role id>`")


def test_two_responsible_and_no_accountable(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "    accountable: purchasing-manager\n    consulted", "    consulted"))
    line, column = at(outcome, PURCHASE, "[buyer, purchasing-manager]")
    assert outcome.only() == Problem(PURCHASE, line, column, ERROR,
                                     "step 'compare-quotes' has 2 responsible roles and no accountable one",
                                     "add `accountable:` with the one role that answers for the step")


VAGUE_FIX = "name the one definite role (a position in _roles.yml) that does the work"


@pytest.mark.parametrize("word", ["相关部门", "有关部门", "各部门", "relevant departments",
                                  "相關部門", "有關部門", "各部門", "相關人員"])  # traditional characters
def test_vague_owner_used_in_a_step_without_being_defined(tmp_path, word):
    outcome = inject(tmp_path, (PURCHASE, "    responsible: buyer\n    informed", f"    responsible: {word}\n    informed"))
    line, column = at(outcome, PURCHASE, word)
    assert outcome.only() == Problem(PURCHASE, line, column, ERROR, f"'{word}' is a vague owner, not a role", VAGUE_FIX)


def test_vague_owner_defined_in_roles_is_reported_where_defined_and_where_used(tmp_path):
    outcome = inject(tmp_path,
                     ("_roles.yml", "  - {id: coo,", "  - {id: relevant-depts, name: Relevant departments}\n  - {id: coo,"),
                     (PURCHASE, "    responsible: buyer\n    informed", "    responsible: relevant-depts\n    informed"))
    assert outcome.problems == [
        Problem("_roles.yml", *at(outcome, "_roles.yml", "Relevant departments"), ERROR,
                "role 'relevant-depts' is a vague owner (its name is 'Relevant departments')",
                "define one definite role or position that does the work"),
        Problem(PURCHASE, *at(outcome, PURCHASE, "relevant-depts"), ERROR,
                "role 'relevant-depts' is a vague owner (its name is 'Relevant departments')", VAGUE_FIX),
    ]


def test_vague_owner_defined_but_unused_is_reported_where_defined(tmp_path):
    outcome = inject(tmp_path, ("_roles.yml", "  - {id: coo,", "  - {id: xiang-guan, name: 相关部门}\n  - {id: coo,"))
    assert outcome.only() == Problem("_roles.yml", *at(outcome, "_roles.yml", "相关部门"), ERROR,
                                     "role 'xiang-guan' is a vague owner (its name is '相关部门')",
                                     "define one definite role or position that does the work")


def test_vague_owner_as_process_owner_and_kpi_owner(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "owner: facilities-manager\neffective", "owner: 有关部门\neffective"),
                     (ARCHIVE, "frequency: monthly, owner: facilities-manager", "frequency: monthly, owner: 各部门"))
    assert [(p.line, p.message) for p in outcome.problems] == [
        (6, "'有关部门' is a vague owner, not a role"),
        (outcome.line_of(ARCHIVE, "各部门"), "'各部门' is a vague owner, not a role")]


def test_vague_owner_list_is_configurable(tmp_path):
    from fixtures.util import copy_handbook

    root = copy_handbook(tmp_path)
    outcome = Outcome(root, run(root, vague_owners=("requesting",)))
    message = "role 'requester' is a vague owner (its name is 'Requesting employee')"
    uses = [(ARCHIVE, "responsible: requester", 1), (ACCESS, "responsible: requester", 1),
            (ACCESS, "informed: [requester", 1), (PURCHASE, "responsible: requester", 1),
            (PURCHASE, "informed: [requester", 1)]
    assert outcome.problems == [
        Problem("_roles.yml", *at(outcome, "_roles.yml", "Requesting employee"), ERROR, message,
                "define one definite role or position that does the work"),
    ] + [Problem(file, *at(outcome, file, snippet, "requester", nth), ERROR, message, VAGUE_FIX)
         for file, snippet, nth in uses]


# --- identity and control -----------------------------------------------------------------------

def test_duplicate_process_id_names_the_other_file_and_line(tmp_path):
    text = (HANDBOOK / ARCHIVE).read_text(encoding="utf-8")
    outcome = write(tmp_path, "facilities/records-archiving-copy.yml", "# a copy\n" + text)
    assert outcome.only() == Problem("facilities/records-archiving.yml", 1, 5, ERROR,
                                     "process id 'FAC-003' is already used by "
                                     "facilities/records-archiving-copy.yml:2",
                                     "give this process its own document number")


def test_duplicate_role_and_form_ids(tmp_path):
    outcome = inject(tmp_path, ("_roles.yml", "  - {id: buyer,", "  - {id: coo, name: COO}\n  - {id: buyer,"),
                     ("_forms.yml", "  - {id: access-request,", "  - {id: purchase-order, name: PO}\n  - {id: access-request,"))
    assert [(p.path, p.line, p.message) for p in outcome.problems] == [
        ("_forms.yml", outcome.line_of("_forms.yml", "{id: purchase-order, name: PO}"),
         "form id 'purchase-order' is defined twice"),
        ("_roles.yml", outcome.line_of("_roles.yml", "{id: coo, name: COO}"), "role id 'coo' is defined twice"),
    ]


def test_change_log_version_not_increasing(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, '{version: "1.1", date: 2025-06-01', '{version: "0.9", date: 2025-06-01'))
    assert outcome.only() == Problem(PURCHASE, *at(outcome, PURCHASE, '"0.9"'), ERROR,
                                     "change-log version 0.9 is not higher than the previous entry's 1.0",
                                     "list the change log oldest first, each version higher than the one before")


def test_change_log_versions_compare_as_numbers(tmp_path):
    # 1.10 follows 1.9 (not "1.10" < "1.9" as text).
    outcome = inject(tmp_path, (PURCHASE, '{version: "1.1", date: 2025-06-01', '{version: "1.9", date: 2025-06-01'),
                     (PURCHASE, '{version: "1.2", date: 2026-02-01', '{version: "1.10", date: 2026-02-01'),
                     (PURCHASE, 'version: "1.2"\nstatus', 'version: "1.10"\nstatus'))
    assert outcome.problems == []


def test_change_log_date_decreasing(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, '{version: "1.1", date: 2025-06-01', '{version: "1.1", date: 2024-06-01'))
    assert outcome.only() == Problem(PURCHASE, *at(outcome, PURCHASE, "2024-06-01"), ERROR,
                                     "change-log date 2024-06-01 is before the previous entry's 2025-01-15",
                                     "list the change log oldest first")


def test_change_log_date_in_the_future(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, '{version: "1.0", date: 2026-09-01', '{version: "1.0", date: 2026-11-23'))
    assert outcome.only() == Problem(ARCHIVE, *at(outcome, ARCHIVE, "2026-11-23"), ERROR,
                                     "change-log date 2026-11-23 is in the future",
                                     "date the entry when it is approved")


def test_change_log_dated_today_is_fine(tmp_path):
    # Released today, in force from today (in force before its approval would be effective-before-approval).
    outcome = inject(tmp_path, (ARCHIVE, '{version: "1.0", date: 2026-09-01', '{version: "1.0", date: 2026-11-22'),
                     (ARCHIVE, "effective: 2026-09-01", "effective: 2026-11-22"))
    assert outcome.problems == []


def test_newest_change_log_entry_is_not_the_version(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, 'version: "1.0"\n', 'version: "1.1"\n'))
    assert outcome.only() == Problem(ARCHIVE, 4, 10, ERROR,
                                     'version "1.1" has no change-log entry (the newest is "1.0")',
                                     "add a change-log entry for this version at the end of `changelog`")


def test_overdue_review_is_a_warning(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "last: 2026-09-01}", "last: 2024-09-01}"))
    assert outcome.only() == Problem(ARCHIVE, *at(outcome, ARCHIVE, "2024-09-01"), WARNING,
                                     "review overdue since 2026-09-01 (every 2 years, last 2024-09-01)",
                                     "review the process and update `review.last`")


def test_review_due_today_is_not_overdue(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "review: {every: 12 months, last: 2026-02-01}",
                                "review: {every: 12 months, last: 2025-11-22}"))
    assert outcome.problems == []


@pytest.mark.parametrize("every", ["12个月", "1年", "52 weeks", "365 days"])
def test_review_interval_in_other_words(tmp_path, every):
    outcome = inject(tmp_path, (PURCHASE, "review: {every: 12 months, last: 2026-02-01}",
                                f"review: {{every: {every}, last: 2025-11-01}}"))
    assert [(p.severity, p.message.split(" (")[0]) for p in outcome.problems] == [(WARNING, outcome.problems[0].message.split(" (")[0])]
    assert outcome.problems[0].message.startswith("review overdue since 2026-")


def test_review_interval_that_is_not_one(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "review: {every: 12 months,", "review: {every: regularly,"))
    assert outcome.only() == Problem(PURCHASE, *at(outcome, PURCHASE, "regularly"), ERROR,
                                     "'regularly' is not a review interval",
                                     "write a whole number of days, weeks, months or years, e.g. '12 months'")


def test_review_interval_too_long_for_the_calendar(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "review: {every: 12 months,", "review: {every: 99999 years,"))
    assert outcome.only() == Problem(PURCHASE, *at(outcome, PURCHASE, "99999 years"), ERROR,
                                     "'99999 years' is too long for a review interval",
                                     "review at least every few years, e.g. '2 years'")


def test_review_date_in_the_future(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "last: 2026-02-01}", "last: 2027-02-01}"))
    assert outcome.only() == Problem(PURCHASE, *at(outcome, PURCHASE, "2027-02-01"), ERROR,
                                     "the last review date 2027-02-01 is in the future",
                                     "give the date the review happened")


def test_no_review_planned_for_an_effective_process(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "review: {every: 2 years, last: 2026-09-01}\n", ""))
    assert outcome.only() == Problem(ARCHIVE, 1, 1, WARNING, "no periodic review is planned",
                                     "add `review: {every: 12 months, last: YYYY-MM-DD}`")


def test_kpi_without_target_is_a_warning(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "target: 20, ", ""))
    assert outcome.only() == Problem(ARCHIVE, *at(outcome, ARCHIVE, "{id: boxes"), WARNING,
                                     "KPI 'boxes' has no target",
                                     "add `target:` (the level the process must reach)")


def test_duplicate_kpi_ids(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "kpis:\n", "kpis:\n  - {id: boxes, name: Old boxes, target: 1, frequency: yearly, "
                                                    "owner: facilities-manager}\n"))
    problem = outcome.only()
    assert (problem.line, problem.message) == (outcome.line_of(ARCHIVE, "{id: boxes", 2),
                                               "KPI id 'boxes' is used twice in this process")


def test_output_not_produced_by_any_step(tmp_path):
    # The steps say what they produce, and none of them produces the process's output.
    outcome = inject(tmp_path, (ARCHIVE, "    outputs: [Archived box]\n", "    outputs: [Register entry]\n"))
    problem = outcome.only()
    assert problem == Problem(ARCHIVE, *at(outcome, ARCHIVE, "Archived box"), ERROR,
                              "output 'Archived box' is not produced by any step",
                              "list it under `outputs` of the step that produces it")
    assert problem.rule == "output-not-produced"


def test_a_contract_file_without_step_outputs_is_not_asked_for_them(tmp_path):
    # The contract (reference/process-file.md) has process-level `outputs` and no step-level ones: that is not a defect.
    outcome = inject(tmp_path, (ARCHIVE, "    outputs: [Archived box]\n", ""))
    assert outcome.problems == []


# --- all problems of all files, in one run, sorted ----------------------------------------------

def test_all_problems_of_all_files_in_one_run_sorted_by_file_and_line(tmp_path):
    outcome = inject(tmp_path,
                     (PURCHASE, "forms: [quote-comparison]", "forms: [quote-comparisons]"),
                     (PURCHASE, "area: purchasing", "area: purchase"),
                     (ARCHIVE, "target: 20, ", ""),
                     (ACCESS, "process: PUR-001", "process: PUR-009"),
                     ("_roles.yml", "  - {id: coo,", "  - {id: xiang-guan, name: 相关部门}\n  - {id: coo,"),
                     (ACCESS, "status: effective", "status: efective"))
    assert [(p.path, p.line, p.message) for p in outcome.problems] == [
        ("_roles.yml", 3, "role 'xiang-guan' is a vague owner (its name is '相关部门')"),
        (ARCHIVE, outcome.line_of(ARCHIVE, "{id: boxes"), "KPI 'boxes' has no target"),
        # A bad status does not stop the rest of IT-002 from being checked.
        (ACCESS, 5, "status: 'efective' is not allowed"),
        (ACCESS, outcome.line_of(ACCESS, "PUR-009"), "unknown process 'PUR-009'"),
        (PURCHASE, 3, "unknown area 'purchase'"),
        (PURCHASE, outcome.line_of(PURCHASE, "quote-comparisons"), "unknown form 'quote-comparisons'"),
    ]


def test_problems_in_one_file_come_out_by_line(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "step: manager-review}", "step: review}"),
                     (PURCHASE, "owner: purchasing-manager\neffective", "owner: cfo\neffective"),
                     (PURCHASE, "    responsible: buyer\n    informed", "    responsible: byuer\n    informed"))
    lines = [p.line for p in outcome.problems]
    assert len(lines) == 3 and lines == sorted(lines)
