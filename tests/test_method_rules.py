"""The rules mined from the method (core/method_rules.py): each defect injected into a copy of a handbook written
to the contract is reported once, at the line and column the owner edits, with the rule's message and fix.

Lines are found in the edited text (fixtures/util.py), independently of the code under test. A pair (a retired
process and the process still using it; two things with one name) is reported at both ends.
"""

from __future__ import annotations

import pytest

from fixtures.util import ACCESS, ARCHIVE, EXAMPLE, PURCHASE, TRADITIONAL_EXAMPLE, Outcome, inject
from process_manual.core.problems import Problem, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
ZH_APPROVAL = "administration/document-approval.yml"
ZH_MEETING = "administration/meeting-management.yml"


def at(outcome: Outcome, file: str, line_snippet: str, value: str | None = None, nth: int = 1) -> tuple[int, int]:
    """(line, column) of `value` on the `nth` line of `file` holding `line_snippet`."""
    line = outcome.line_of(file, line_snippet, nth)
    text = (outcome.root / file).read_text(encoding="utf-8").splitlines()[line - 1]
    return line, text.index(value if value is not None else line_snippet, text.index(line_snippet)) + 1


def problem(outcome: Outcome, file: str, where: tuple[str, str | None], severity: Severity, message: str, fix: str,
            rule: str, nth: int = 1) -> Problem:
    return Problem(file, *at(outcome, file, where[0], where[1], nth), severity, message, fix, rule)


def only(outcome: Outcome, expected: Problem) -> None:
    found = outcome.only()
    assert (found, found.rule) == (expected, expected.rule)


# --- change control and approval -----------------------------------------------------------------------

NO_APPROVER = "add `approved_by:` with who approved this version before it was released"


def test_the_version_in_force_without_an_approver(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "approved_by: COO, change: First version", "change: First version"))
    only(outcome, problem(outcome, ARCHIVE, ('{version: "1.0"', "{"), WARNING,
                          "version 1.0, the version in force, names no approver", NO_APPROVER, "unapproved-version"))


def test_the_version_in_force_without_an_approver_in_chinese(tmp_path):
    outcome = inject(tmp_path, (ZH_APPROVAL, '2026-11-22, author: 王敏（行政经理）, approved_by: 陈立（总经理）,',
                                '2026-11-22, author: 王敏（行政经理）,'), source=EXAMPLE)
    only(outcome, problem(outcome, ZH_APPROVAL, ('{version: "2.2"', "{"), WARNING,
                          "version 2.2, the version in force, names no approver", NO_APPROVER, "unapproved-version"))


def test_a_draft_needs_no_approver_yet(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "approved_by: COO, change: First version", "change: First version"),
                     (ARCHIVE, "status: effective", "status: draft"), (ARCHIVE, "effective: 2026-09-01", "effective: 2027-01-01"))
    assert outcome.problems == []


@pytest.mark.parametrize("source, file, old, new, approver, version", [
    (None, PURCHASE, "author: Purchasing manager, approved_by: COO", "author: Purchasing manager, "
     "approved_by: purchasing manager", "purchasing manager", "1.2"),
    (EXAMPLE, ZH_APPROVAL, "approved_by: 陈立（总经理）, change: 增加盖章前核对", "approved_by: 王敏, change: 增加盖章前核对",
     "王敏", "2.1"),
], ids=["english", "chinese-brackets"])
def test_a_change_approved_by_its_own_author(tmp_path, source, file, old, new, approver, version):
    outcome = inject(tmp_path, (file, old, new), **({"source": source} if source else {}))
    author = "Purchasing manager" if source is None else "王敏（行政经理）"
    only(outcome, problem(outcome, file, (f"approved_by: {approver}", approver), WARNING,
                          f"version {version} was approved by its own author ({author})",
                          "have the change approved by someone other than its author, e.g. the process owner's "
                          "manager", "self-approved"))


def test_a_change_of_a_released_process_without_a_change_request(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "Added the archive step, request: CR-2026-002}",
                                "Added the archive step}"))
    only(outcome, problem(outcome, PURCHASE, ('{version: "1.2"', "{"), WARNING,
                          "version 1.2 changed the released process without a change request",
                          "add `request:` with the id of the change request that asked for it (e.g. CR-2026-014)",
                          "change-without-request"))


def test_a_first_version_is_no_change_and_needs_no_request(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "First version, request: CR-2026-020}", "First version}"))
    assert outcome.problems == []


def test_in_force_before_its_first_approval(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "effective: 2026-09-01", "effective: 2026-08-01"))
    only(outcome, problem(outcome, ARCHIVE, ("effective: 2026-08-01", "2026-08-01"), ERROR,
                          "effective 2026-08-01 is before version 1.0 was approved (2026-09-01), the first in the "
                          "change log", "give the date the process took effect, on or after its first approval",
                          "effective-before-approval"))


# --- the life cycle -------------------------------------------------------------------------------------

def test_in_force_without_a_date(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "effective: 2026-02-01\n", ""))
    only(outcome, problem(outcome, PURCHASE, ("status: effective", "effective"), WARNING,
                          "the process is in force but does not say since when",
                          "add `effective: YYYY-MM-DD`, the date this version took effect", "no-effective-date"))


def test_a_draft_whose_date_has_passed(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "status: effective", "status: draft"))
    only(outcome, problem(outcome, ARCHIVE, ("status: draft", "draft"), WARNING,
                          "the process is a draft, but `effective` says it took effect on 2026-09-01",
                          "once approved, set `status: effective`; while it is a draft, give the date it is planned "
                          "to take effect", "draft-past-effective"))


def test_a_retired_process_still_run_and_named_is_reported_at_both_ends(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "status: effective", "status: retired"))
    related, runs = at(outcome, ACCESS, "related: [PUR-001]")[0], at(outcome, ACCESS, "process: PUR-001")[0]
    there = "have IT-002 point to the process that replaces this one before retiring it"
    assert sorted((p.path, p.line, p.column, p.severity, p.message, p.fix, p.rule) for p in outcome.problems) == [
        (ACCESS, related, 11, ERROR, "PUR-001 is retired, but this process names it under `related`",
         "name the process that replaced PUR-001, or remove it", "retired-in-use"),
        (ACCESS, runs, 14, ERROR, "PUR-001 is retired, but this process runs it as a sub-process",
         "run the process that replaced PUR-001, or remove it", "retired-in-use"),
        (PURCHASE, 5, 9, ERROR, f"PUR-001 is retired, but IT-002 ({ACCESS}:{related}) names it under `related`",
         there, "retired-in-use"),
        (PURCHASE, 5, 9, ERROR, f"PUR-001 is retired, but IT-002 ({ACCESS}:{runs}) runs it as a sub-process",
         there, "retired-in-use"),
    ]


def test_a_retired_process_may_name_another_retired_one(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "status: effective", "status: retired"),
                     (ACCESS, "status: effective", "status: retired"))
    assert outcome.problems == []


def test_a_draft_named_by_a_process_in_force(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "status: effective", "status: draft"),
                     (ARCHIVE, "effective: 2026-09-01", "effective: 2027-01-01"),
                     (ACCESS, "related: [PUR-001]", "related: [PUR-001, FAC-003]"))
    line = at(outcome, ACCESS, "related: [PUR-001, FAC-003]")[0]
    assert sorted((p.path, p.line, p.column, p.severity, p.message, p.rule) for p in outcome.problems) == [
        (ARCHIVE, 5, 9, WARNING, f"this process is a draft, but IT-002 ({ACCESS}:{line}), which is in force, names it "
         "under `related`", "draft-in-use"),
        (ACCESS, line, 20, WARNING, "FAC-003 is a draft: it does not apply yet and has no page, but this process in "
         "force names it under `related`", "draft-in-use"),
    ]


# --- decision logic, inputs and outputs ---------------------------------------------------------------------

def test_a_decision_whose_branches_all_lead_to_one_step(tmp_path):
    outcome = inject(tmp_path, (ZH_APPROVAL, "{when: 通过, next: second-review}\n      - {when: 退回修改, next: submit}",
                                "{when: 通过, next: second-review}\n      - {when: 退回修改, next: second-review}"),
                     source=EXAMPLE)
    only(outcome, problem(outcome, ZH_APPROVAL, ("{when: 退回修改, next: second-review}", "second-review"), ERROR,
                          "decision 'first-review' decides nothing: all 2 branches lead to 'second-review'",
                          "lead each outcome to the step that follows it, or make the step a task with `next`",
                          "decision-without-choice"))


def test_a_branch_back_to_its_own_decision(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "      - {when: refused, next: refused}\n",
                                "      - {when: refused, next: refused}\n      - {when: manager away, next: approve}\n"))
    only(outcome, problem(outcome, ACCESS, ("{when: manager away, next: approve}", "approve"), ERROR,
                          "branch 'manager away' of decision 'approve' leads back to the decision itself",
                          "lead it to the step that acts on this outcome (e.g. one that gets what is missing)",
                          "decision-without-choice"))


def test_inputs_without_any_output(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "outputs: [Archived box]\nsteps:", "inputs: [Closed files]\nsteps:"))
    only(outcome, problem(outcome, ARCHIVE, ("inputs: [Closed files]", "inputs"), ERROR,
                          "the process takes 1 input(s) but names no output",
                          "add `outputs:` with what the process delivers", "input-without-output"))


# --- RACI -------------------------------------------------------------------------------------------------

ONE_LETTER = "a role holds one letter per step (only R and A may be one role)"


@pytest.mark.parametrize("source, file, old, new, role, message", [
    (None, PURCHASE, "consulted: [finance-controller]", "consulted: [finance-controller, buyer]", "buyer",
     "'buyer' is already R at step 'compare-quotes' and is also C (consulted)"),
    (None, PURCHASE, "    informed: [requester]\n    within: 24 hours", "    informed: [requester, buyer]\n    within: 24 hours",
     "buyer", "'buyer' is already R/A at step 'issue-order' and is also I (informed)"),
    (EXAMPLE, ZH_MEETING, "    accountable: dept-head\n    details: |\n      根据业务需求",
     "    accountable: dept-head\n    consulted: [dept-head]\n    details: |\n      根据业务需求", "dept-head",
     "'dept-head' is already A at step 'plan' and is also C (consulted)"),
], ids=["responsible-and-consulted", "implicit-accountable-and-informed", "chinese-accountable-and-consulted"])
def test_a_role_with_two_letters_at_one_step(tmp_path, source, file, old, new, role, message):
    outcome = inject(tmp_path, (file, old, new), **({"source": source} if source else {}))
    key = message.rsplit("(", 1)[1].rstrip(")")
    snippet = new.split("\n")[1] if file == ZH_MEETING else new.split("\n")[0].strip()
    line, _ = at(outcome, file, snippet)
    text = (outcome.root / file).read_text(encoding="utf-8").splitlines()[line - 1]
    found = outcome.only()
    assert (found.path, found.line, found.column, found.severity, found.message, found.fix, found.rule) == (
        file, line, text.rindex(role) + 1, ERROR, message, f"remove '{role}' from `{key}`: {ONE_LETTER}",
        "raci-conflict")


def test_a_role_named_twice_in_one_letter(tmp_path):
    outcome = inject(tmp_path, (ACCESS, "informed: [requester, line-manager]", "informed: [requester, line-manager, requester]"))
    line, _ = at(outcome, ACCESS, "informed: [requester, line-manager, requester]")
    found = outcome.only()
    assert (found.line, found.column, found.message, found.rule) == (
        line, len("    informed: [requester, line-manager, ") + 1,
        "'requester' is listed twice under `informed` of step 'create-account'", "raci-conflict")


# --- catalog hygiene ----------------------------------------------------------------------------------------

def test_a_role_nothing_names(tmp_path):
    outcome = inject(tmp_path, ("_roles.yml", "  - {id: requester,", "  - {id: auditor, name: Internal auditor}\n"
                                                                     "  - {id: requester,"))
    only(outcome, problem(outcome, "_roles.yml", ("{id: auditor", "auditor"), WARNING,
                          "role 'auditor' is named by no process, form, area, KPI, reading path or change-log entry",
                          "remove it from _roles.yml, or name it where it works (a step's `responsible`, an "
                          "`owner`, ...)", "unused-role"))


def test_a_form_no_step_uses(tmp_path):
    outcome = inject(tmp_path, ("_forms.yml", "  - {id: access-request,",
                                "  - {id: old-request, name: Old request form, retention: 1 year}\n  - {id: access-request,"))
    only(outcome, problem(outcome, "_forms.yml", ("{id: old-request", "old-request"), WARNING,
                          "form 'old-request' is used by no step",
                          "list it under `forms` of the steps that fill or file it, or remove it from _forms.yml",
                          "unused-form"))


def test_an_area_without_a_process(tmp_path):
    outcome = inject(tmp_path, ("_areas.yml", "      - {id: facilities,", "      - {id: legal, name: Legal}\n"
                                                                          "      - {id: facilities,"))
    only(outcome, problem(outcome, "_areas.yml", ("{id: legal", "legal"), WARNING, "area 'legal' holds no process",
                          "give a process `area: legal`, or remove the area from _areas.yml", "unused-area"))


def test_a_typo_in_a_form_does_not_also_call_the_meant_form_unused(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "forms: [quote-comparison]", "forms: [quote-comparisons]"))
    assert [p.rule for p in outcome.problems] == ["unknown-form"]


def test_a_glossary_that_lists_a_standard_term_as_a_name_to_avoid(tmp_path):
    outcome = inject(tmp_path, ("_glossary.yml", "  - term: Records clerk",
                                "  - {term: Archivist, definition: Keeps the archive.}\n  - term: Records clerk"))
    term = at(outcome, "_glossary.yml", "term: Archivist", "Archivist")
    synonym = at(outcome, "_glossary.yml", "[archivist]", "archivist")
    message = "'archivist' is a standard term, and also a name to avoid for 'Records clerk'"
    fix = "a name is either standard or to be avoided: remove it from one of the two"
    assert [(p.line, p.column, p.severity, p.message, p.fix, p.rule) for p in outcome.problems] == [
        (*term, ERROR, f"{message} (see also line {synonym[0]})", fix, "duplicate-term"),
        (*synonym, ERROR, f"{message} (see also line {term[0]})", fix, "duplicate-term"),
    ]


def test_a_term_defined_twice(tmp_path):
    outcome = inject(tmp_path, ("_glossary.yml", "  - term: Records clerk",
                                "  - {term: purchase request, definition: Another one.}\n  - term: Records clerk"))
    assert [(p.line, p.message) for p in outcome.problems] == [
        (2, f"the term 'purchase request' is defined twice (see also line {outcome.line_of('_glossary.yml', 'Another')})"),
        (outcome.line_of("_glossary.yml", "Another"), "the term 'purchase request' is defined twice (see also line 2)"),
    ]


def test_two_steps_with_one_name_are_reported_at_both(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "name: Compare three quotes", "name: Issue the purchase order"))
    first, second = (at(outcome, PURCHASE, "name: Issue the purchase order", "Issue", nth) for nth in (1, 2))
    fix = "give each step a name of its own"
    assert [(p.line, p.column, p.severity, p.message, p.fix, p.rule) for p in outcome.problems] == [
        (*first, WARNING, f"another step is also called 'Issue the purchase order' (line {second[0]})", fix,
         "duplicate-name"),
        (*second, WARNING, f"another step is also called 'Issue the purchase order' (line {first[0]})", fix,
         "duplicate-name"),
    ]


def test_two_processes_with_one_title(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "title: Records archiving", "title: purchase  request"))
    assert [(p.path, p.line, p.column, p.message, p.rule) for p in outcome.problems] == [
        (ARCHIVE, 2, 8, f"'purchase  request' is also the title of PUR-001 ({PURCHASE}:2)", "duplicate-name"),
        (PURCHASE, 2, 8, f"'Purchase request' is also the title of FAC-003 ({ARCHIVE}:2)", "duplicate-name"),
    ]


def test_end_steps_may_share_a_name(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "name: Goods ordered", "name: Done"),
                     (PURCHASE, "name: Request rejected", "name: Done"))
    assert outcome.problems == []


def test_a_record_kept_without_a_retention_period(tmp_path):
    outcome = inject(tmp_path, ("_forms.yml", "    retention: permanent\n", ""))
    only(outcome, problem(outcome, "_forms.yml", ("id: archive-register", "archive-register"), WARNING,
                          "form 'archive-register' is filed by the archive step 'store' of FAC-003 but has no "
                          "retention period", "add `retention:` (how long it is kept, e.g. '3 years' or '永久')",
                          "record-without-retention"))


def test_a_kpi_nobody_measures(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "frequency: monthly, owner: facilities-manager", "owner: facilities-manager"))
    only(outcome, problem(outcome, ARCHIVE, ("{id: boxes", "{"), WARNING, "KPI 'boxes' has no frequency",
                          "add `frequency:`: who measures it, and how often", "kpi-incomplete"))


# --- wording ------------------------------------------------------------------------------------------------

STANDARD = "(the standard term), or quote the word if the text only mentions it"


def test_a_name_with_a_synonym_the_glossary_avoids(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "name: File the purchase order", "name: Give the order to the Archivist"))
    only(outcome, problem(outcome, PURCHASE, ("Give the order to the Archivist", "Archivist"), WARNING,
                          "'archivist' is a non-standard name: the glossary says 'Records clerk'",
                          f"write 'Records clerk' {STANDARD}", "non-standard-term"))


def test_a_chinese_name_with_a_synonym_the_glossary_avoids(tmp_path):
    outcome = inject(tmp_path, (ZH_APPROVAL, "name: 填写文件审批申请表并提交", "name: 填写变更单并提交"), source=EXAMPLE)
    only(outcome, problem(outcome, ZH_APPROVAL, ("name: 填写变更单并提交", "变更单"), WARNING,
                          "'变更单' is a non-standard name: the glossary says '变更申请'", f"write '变更申请' {STANDARD}",
                          "non-standard-term"))


@pytest.mark.parametrize("name", ['File the order in the "archivist" tray', "File the archivists' orders"])
def test_a_quoted_synonym_or_a_longer_word_is_no_use(tmp_path, name):
    outcome = inject(tmp_path, (PURCHASE, "name: File the purchase order", f"name: {name!r}"))
    assert outcome.problems == []


def test_a_synonym_inside_a_standard_term_is_no_use(tmp_path):
    outcome = inject(tmp_path, ("_glossary.yml", "terms:\n", "terms:\n  - {term: Purchase order, definition: The "
                                                             "order to a supplier., synonyms: [order]}\n"))
    assert outcome.problems == []  # "Issue the purchase order" says the standard term


VAGUE_FIX = "name the role that does it (and list it under `responsible`, `consulted` or `informed`)"


@pytest.mark.parametrize("source, file, old, new, word, step", [
    (None, ACCESS, "    within: 4 hours\n", "    within: 4 hours\n    details: Tell the relevant departments when it "
     "works.\n", "relevant departments", "create-account"),
    (EXAMPLE, ZH_APPROVAL, "并将文件分发至执行部门", "并将文件分发至相关部门", "相关部门", "stamp"),
    (TRADITIONAL_EXAMPLE, ZH_APPROVAL, "將文件分發到執行部門", "將文件分發到相關部門", "相關部門", "stamp"),
], ids=["english", "simplified-block-text", "traditional-block-text"])
def test_a_step_that_hands_work_to_a_vague_owner_in_words(tmp_path, source, file, old, new, word, step):
    outcome = inject(tmp_path, (file, old, new), **({"source": source} if source else {}))
    only(outcome, problem(outcome, file, (word, word), WARNING,
                          f"step '{step}' hands work to '{word}', which is no definite owner", VAGUE_FIX,
                          "vague-wording"))


def test_a_vague_owner_in_quotes_is_a_mention(tmp_path):
    outcome = inject(tmp_path, (ZH_APPROVAL, "并将文件分发至执行部门", "并将文件分发至执行部门（不是“相关部门”）"), source=EXAMPLE)
    assert outcome.problems == []


# --- no false alarm; a handbook written apart from ours ---------------------------------------------------

ENGLISH = EXAMPLE.parent / "tests" / "fixtures" / "english" / "processes"


@pytest.mark.parametrize("handbook", [None, EXAMPLE, TRADITIONAL_EXAMPLE, ENGLISH],
                         ids=["test-handbook", "example", "traditional-example", "english-fixture"])
def test_handbooks_written_to_the_contract_raise_nothing_at_the_default_severities(tmp_path, handbook):
    """Not even a warning: a rule that flags what these handbooks do on purpose would be a false alarm."""
    outcome = inject(tmp_path, **({"source": handbook} if handbook else {}))
    assert [p.text() for p in outcome.problems] == []


FIN = "finance/expense-reimbursement.yml"
SOP = "marketing/community-sop.yml"


@pytest.mark.parametrize("rule, edits, where", [
    ("unapproved-version", [(FIN, "approved_by: 張志明（總經理）, change: 單筆", "change: 單筆")], (FIN, '{version: "1.2"')),
    ("self-approved", [(FIN, "approved_by: 張志明（總經理）, change: 單筆", "approved_by: 林怡君, change: 單筆")],
     (FIN, '{version: "1.2"')),
    ("change-without-request", [(FIN, ", request: CR-2026-009}", "}")], (FIN, '{version: "1.2"')),
    ("effective-before-approval", [(FIN, "effective: 2026-06-01", "effective: 2024-01-01")], (FIN, "effective:")),
    ("no-effective-date", [(FIN, "effective: 2026-06-01\n", "")], (FIN, "status:")),
    ("draft-past-effective", [(FIN, "status: effective", "status: draft")], (FIN, "status:")),
    ("draft-in-use", [(FIN, "status: effective", "status: draft")], (FIN, "status:")),
    ("retired-in-use", [(FIN, "status: effective", "status: retired")], (FIN, "status:")),
    ("decision-without-choice", [(FIN, "{when: 退回補件, next: submit}", "{when: 退回補件, next: finance-review}")],
     (FIN, "{when: 退回補件")),
    ("raci-conflict", [(FIN, "    accountable: dept-head\n    within: 費用", "    accountable: dept-head\n"
                                                                          "    informed: [dept-head]\n    within: 費用")],
     (FIN, "informed: [dept-head]")),
    ("input-without-output", [(FIN, "outputs:\n  - 撥入申請人帳戶的報銷款項\n  - 歸檔的報銷單與原始憑證\n", "")],
     (FIN, "inputs:")),
    ("kpi-incomplete", [(SOP, "    frequency: 每月\n    owner: marketing-manager", "    owner: marketing-manager")],
     (SOP, "- id: conversion-rate")),
    ("unused-role", [("_roles.yml", "  - id: cashier\n", "  - id: auditor\n    name: 稽核\n\n  - id: cashier\n")],
     ("_roles.yml", "id: auditor")),
    ("unused-form", [("_forms.yml", "  - id: approval-request\n", "  - {id: old-claim, name: 舊報銷單, retention: 1年}\n"
                                                                 "  - id: approval-request\n")],
     ("_forms.yml", "id: old-claim")),
    ("unused-area", [("_areas.yml", "      - id: expenses\n", "      - {id: legal, name: 法務}\n      - id: expenses\n")],
     ("_areas.yml", "id: legal")),
    ("duplicate-name", [(FIN, "name: 部門主管審核", "name: 會計審核憑證")], (FIN, "name: 會計審核憑證")),
    ("non-standard-term", [(FIN, "name: 在 OA 填寫費用報銷單", "name: 依操作手冊填寫費用報銷單")], (FIN, "依操作手冊")),
    ("record-without-retention", [("_forms.yml", "    retention: 10年\n    naming: 報銷-年份-流水號\n",
                                   "    naming: 報銷-年份-流水號\n")], ("_forms.yml", "id: expense-claim")),
])
def test_a_handbook_written_apart_is_flagged_at_the_edited_line(tmp_path, rule, edits, where):
    outcome = inject(tmp_path, *edits, source=TRADITIONAL_EXAMPLE)
    file, snippet = where
    assert (file, outcome.line_of(file, snippet), rule) in {(p.path, p.line, p.rule) for p in outcome.problems}, \
        "\n".join(p.text() for p in outcome.problems)
