"""Rule ids, per-handbook severities (_handbook.yml), vague time limits and the hints that name the real fix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fixtures.util import ACCESS, ARCHIVE, HANDBOOK, PURCHASE, copy_handbook, edit, inject, run
from process_manual.cli import main
from process_manual.core.problems import Severity
from process_manual.core.rules import RULES

ERROR, WARNING = Severity.ERROR, Severity.WARNING
PACKAGE = Path(__file__).parents[1] / "plugins" / "process_manual"


# --- a file written to the contract --------------------------------------------------------------

def test_a_handbook_written_to_the_contract_has_no_false_alarm(tmp_path):
    """The contract (reference/process-file.md) has process-level `outputs` and no step-level ones (our extension)."""
    root = copy_handbook(tmp_path)
    for path in root.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^    outputs: .*\n", "", text), encoding="utf-8")
    assert "outputs:" in (root / PURCHASE).read_text(encoding="utf-8")  # the process-level ones stay
    assert run(root) == []


# --- vague time limits ---------------------------------------------------------------------------

@pytest.mark.parametrize("within, named", [
    ("asap", "asap"), ("as soon as possible", "as soon as possible"), ("promptly", "promptly"),
    ("immediately", "immediately"), ("in time", "in time"), ("尽快", "尽快"), ("及时", "及时"), ("马上", "马上"),
    ("立即", "立即"), ("尽快处理", "尽快"), ("ASAP", "asap"), ("第一时间内", "第一时间"),
    ("in the near future", "in the near future"), ("at the earliest opportunity", "at the earliest opportunity"),
])
def test_a_vague_time_limit_is_a_warning_at_its_line(tmp_path, within, named):
    outcome = inject(tmp_path, (PURCHASE, "    within: 2 working days\n", f"    within: {within}\n"))
    problem = outcome.only()
    line = outcome.line_of(PURCHASE, f"within: {within}")
    assert (problem.path, problem.line, problem.column) == (PURCHASE, line, outcome.column_of(PURCHASE, within))
    assert (problem.severity, problem.rule) == (WARNING, "vague-time-limit")
    assert problem.message == f"the time limit '{within}' is vague: '{named}' sets no definite time"
    assert "'2 working days'" in problem.fix and "'before the meeting'" in problem.fix


def test_a_limit_that_is_neither_duration_nor_deadline_is_a_warning(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "    within: 2 working days\n", "    within: whenever it suits\n"))
    problem = outcome.only()
    assert (problem.rule, problem.message) == (
        "vague-time-limit", "the time limit 'whenever it suits' is neither a duration nor a deadline")


@pytest.mark.parametrize("within", [
    "2 working days", "3个工作日", "before the meeting", "by the 15th of the month", "提前3天", "每周", "weekly",
    "会前", "每月5日前", "by Friday", "by 17:00", "at the next meeting", "on the day of the audit", "按承诺时限",
    "by the date promised to the customer", "every Monday", "end of the month", "月底", "当天", "same day",
    "before the goods leave the warehouse", "发货前", "2026-12-31", "下午5点前", "asap, before the meeting",
    "尽快，最迟3个工作日",
])
def test_durations_and_deadlines_are_definite(tmp_path, within):
    outcome = inject(tmp_path, (PURCHASE, "    within: 2 working days\n", f"    within: \"{within}\"\n"))
    assert outcome.problems == []


# --- hints that name the real fix -----------------------------------------------------------------

def test_a_flow_mapping_cut_at_a_comma_says_to_quote_the_whole_text(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "{when: approved, next: compare-quotes}",
                                "{when: under 5,000 EUR, next: compare-quotes}"))
    problem = outcome.only()
    assert (problem.line, problem.column) == (outcome.line_of(PURCHASE, "under 5,000"),
                                              outcome.column_of(PURCHASE, "under 5,000"))
    assert problem.message == "the text 'under 5,000 EUR' is cut at its comma: inside { } a comma separates keys"
    assert problem.fix == 'put the whole text in quotes: when: "under 5,000 EUR"'


def test_a_number_cut_at_its_commas_is_one_problem_not_a_quoted_fragment(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "{when: approved, next: compare-quotes}",
                                "{when: 5,000, next: compare-quotes}"))
    assert [(p.message, p.fix) for p in outcome.problems] == [
        ("the text '5,000' is cut at its comma: inside { } a comma separates keys",
         'put the whole text in quotes: when: "5,000"')]


def test_a_real_unknown_key_next_to_a_cut_text_is_still_named(tmp_path):
    outcome = inject(tmp_path, (PURCHASE, "{when: approved, next: compare-quotes}",
                                "{when: under 5,000 EUR, nxt: compare-quotes}"))
    assert [p.message for p in outcome.problems] == [
        "the text 'under 5,000 EUR' is cut at its comma: inside { } a comma separates keys", "unknown key 'nxt'"]


def test_two_accountable_roles_says_exactly_one_and_names_both(tmp_path):
    outcome = inject(tmp_path, (ARCHIVE, "    accountable: facilities-manager",
                                "    accountable: [facilities-manager, records-clerk]"))
    problem = outcome.only()
    assert problem.message == ("steps.1.accountable: exactly one role is accountable, but 2 are named "
                               "(facilities-manager, records-clerk)")
    assert problem.fix == ("keep the one role that answers for the step in `accountable`; list the others under "
                           "`responsible` or `consulted`")


# --- rule ids -------------------------------------------------------------------------------------

def test_every_rule_the_code_names_is_in_the_table_and_every_rule_is_used():
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p.name != "rules.py")
    named = set(re.findall(r"""rule=f?["']([a-z-]+)["']""", source))
    named |= set(re.findall(r"""make_problem\(\s*["']([a-z-]+)["']""", source))
    named |= {f"unknown-{kind}" for kind in ("role", "form", "area", "process", "step")}  # rule=f"unknown-{kind}"
    named |= {"link-outside-handbook", "folder-link"}  # chosen by a conditional expression
    assert named - set(RULES) == set()
    assert set(RULES) - named == set()


def test_rule_ids_are_stable_slugs_and_each_has_examples():
    for rule in RULES.values():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.id)
        assert rule.bad and rule.good and rule.bad != rule.good and rule.title and rule.title_zh


def test_issue_named_ids_exist_with_their_defaults():
    wanted = {"unknown-role": ERROR, "vague-owner": ERROR, "vague-time-limit": WARNING,
              "output-not-produced": ERROR, "review-overdue": WARNING, "kpi-without-target": WARNING,
              "dead-end": ERROR, "dead-loop": ERROR, "unreachable-step": ERROR}
    assert {rule_id: RULES[rule_id].severity for rule_id in wanted} == wanted


@pytest.mark.parametrize("edits, rule", [
    ([(PURCHASE, "    responsible: buyer\n    informed", "    responsible: byuer\n    informed")], "unknown-role"),
    ([(ACCESS, "informed: [requester, line-manager]", "informed: [requester, 相关部门]")], "vague-owner"),
    ([(ARCHIVE, "    forms: [archive-register]\n    next: store\n", "    forms: [archive-register]\n")], "dead-end"),
    ([(ACCESS, "      - {when: refused, next: refused}\n", "")], "unreachable-step"),
    ([(ARCHIVE, "target: 20, ", "")], "kpi-without-target"),
    ([(PURCHASE, "owner: purchasing-manager\neffective", "owenr: purchasing-manager\neffective")], "unknown-key"),
    ([(PURCHASE, "status: effective", "status: efective")], "invalid-value"),
    ([(ARCHIVE, "kpis:\n", "kpis:\n  - {id: boxes, name: Old boxes, target: 1, frequency: yearly, owner: coo}\n")],
     "duplicate-id"),
])
def test_each_problem_carries_its_rule(tmp_path, edits, rule):
    outcome = inject(tmp_path, *edits)
    assert outcome.problems and {p.rule for p in outcome.problems} == {rule}


# --- per-handbook severity in _handbook.yml --------------------------------------------------------

@pytest.fixture
def handbook(tmp_path, monkeypatch) -> Path:
    """A copy of the test handbook with one unknown role (error), one KPI without target (warning) and
    `within: asap` (warning); the working directory is its parent."""
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, "    responsible: buyer\n    informed", "    responsible: byuer\n    informed")
    edit(root, ARCHIVE, "target: 20, ", "")
    edit(root, PURCHASE, "    within: 2 working days\n", "    within: asap\n")
    monkeypatch.chdir(tmp_path)
    return root


def validate_cli(capsys, *args: str) -> tuple[int, list[dict]]:
    code = main(["validate", "handbook", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_without_a_policy_the_defaults_apply(handbook, capsys):
    code, rows = validate_cli(capsys)
    assert code == 1
    assert sorted((r["rule"], r["severity"]) for r in rows) == [
        ("kpi-without-target", "warning"), ("unknown-role", "error"), ("vague-time-limit", "warning")]


def test_the_policy_changes_severities_and_the_exit_code(handbook, capsys):
    (handbook / "_handbook.yml").write_text(
        "rules: {kpi-without-target: off, vague-time-limit: error, unknown-role: warning}\n", encoding="utf-8")
    code, rows = validate_cli(capsys)
    assert code == 1  # vague-time-limit is now an error
    assert sorted((r["rule"], r["severity"]) for r in rows) == [("unknown-role", "warning"),
                                                              ("vague-time-limit", "error")]
    (handbook / "_handbook.yml").write_text(
        "rules:\n  kpi-without-target: off\n  unknown-role: warning\n", encoding="utf-8")
    code, rows = validate_cli(capsys)
    assert code == 0
    assert sorted((r["rule"], r["severity"]) for r in rows) == [("unknown-role", "warning"),
                                                              ("vague-time-limit", "warning")]


def test_the_human_format_names_the_rule(handbook, capsys):
    (handbook / "_handbook.yml").write_text("rules:\n  unknown-role: warning\n", encoding="utf-8")
    assert main(["validate", "handbook"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^handbook/purchasing/purchase-request\.yml:\d+:\d+: warning\[unknown-role\]: unknown role "
                     r"'byuer' — did you mean 'buyer'\?$", out, re.MULTILINE)


def test_an_unknown_rule_id_is_an_error_with_did_you_mean(handbook, capsys):
    (handbook / "_handbook.yml").write_text("rules:\n  unknown-roles: warning\n", encoding="utf-8")
    code, rows = validate_cli(capsys)
    assert code == 1
    policy = [r for r in rows if r["path"] == "handbook/_handbook.yml"]
    assert policy == [{"path": "handbook/_handbook.yml", "line": 2, "column": 3, "severity": "error",
                       "message": "unknown rule 'unknown-roles'", "fix": "did you mean 'unknown-role'?",
                       "rule": "handbook-policy"}]
    assert ("unknown-role", "error") in [(r["rule"], r["severity"]) for r in rows]  # the typo changed nothing


@pytest.mark.parametrize("rule", ["yaml-syntax", "duplicate-id", "unknown-key", "version-not-raised"])
def test_rules_that_stay_errors_cannot_be_relaxed(handbook, capsys, rule):
    (handbook / "_handbook.yml").write_text(f"rules:\n  {rule}: warning\n", encoding="utf-8")
    code, rows = validate_cli(capsys)
    policy = [r for r in rows if r["path"] == "handbook/_handbook.yml"]
    assert [(p["line"], p["severity"], p["message"]) for p in policy] == [
        (2, "error", f"the rule '{rule}' is always an error and cannot be set to warning")]
    assert policy[0]["fix"].startswith("remove it: ")


def test_a_fixed_rule_stays_an_error_in_the_files_too(tmp_path, capsys, monkeypatch):
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, "id: PUR-001", "id: IT-002")
    (root / "_handbook.yml").write_text("rules:\n  duplicate-id: off\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, rows = validate_cli(capsys)
    assert code == 1
    assert ("duplicate-id", "error") in [(r["rule"], r["severity"]) for r in rows]


@pytest.mark.parametrize("text, shown", [("often", "often"), ("on", "on"), ("2", "2")])
def test_a_level_other_than_off_warning_error_is_refused(handbook, capsys, text, shown):
    (handbook / "_handbook.yml").write_text(f"rules:\n  unknown-role: {text}\n", encoding="utf-8")
    code, rows = validate_cli(capsys)
    policy = [r for r in rows if r["path"] == "handbook/_handbook.yml"]
    assert [(p["message"], p["fix"]) for p in policy] == [(f"'{shown}' is not a severity",
                                                           "write off, warning or error")]


def test_vague_owner_words_from_the_policy_are_added(tmp_path):
    root = copy_handbook(tmp_path)
    (root / "_handbook.yml").write_text("vague_owners: [records clerk]\n", encoding="utf-8")
    problems = run(root)
    assert {p.rule for p in problems} == {"vague-owner"}
    assert ("_roles.yml", "role 'records-clerk' is a vague owner (its name is 'Records clerk')") in [
        (p.path, p.message) for p in problems]
    edit(root, ACCESS, "informed: [requester, line-manager]", "informed: [requester, 相关部门]")
    assert "vague-owner" in {p.rule for p in run(root) if "相关部门" in p.message}  # built-in words still apply


def test_an_unknown_key_in_the_policy_is_named(tmp_path):
    root = copy_handbook(tmp_path)
    (root / "_handbook.yml").write_text("rule:\n  unknown-role: warning\n", encoding="utf-8")
    problems = run(root)
    assert [(p.path, p.line, p.message, p.fix) for p in problems] == [
        ("_handbook.yml", 1, "unknown key 'rule'", "did you mean 'rules'?")]


def test_the_fixture_handbook_has_no_policy():
    assert not (HANDBOOK / "_handbook.yml").exists()
