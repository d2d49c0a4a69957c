"""reference/rule-inventory.md stays true: every rule id it names is a rule of the code, every rule of the code is
named as checking something, every row says where it comes from and, when nothing checks it, why."""

from __future__ import annotations

import re
from pathlib import Path

from process_manual.core.rules import RULES

INVENTORY = Path(__file__).resolve().parents[1] / "reference" / "rule-inventory.md"
RULE_ID = re.compile(r"`([a-z]+(?:-[a-z]+)+)`")
"""A rule id in backticks (every id has a hyphen, as the test below checks); `owner` or `approved_by` is a field."""
SOURCES = ("000", "001", "002", "003", "004", "ISO", "RACI", "the tool's own")


def _table(heading: str) -> list[list[str]]:
    section = INVENTORY.read_text(encoding="utf-8").split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[1:]]  # without the header


def test_every_row_names_its_source_and_its_state():
    rows = _table("The rules")
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(rows) + 1)], "rows are numbered in order"
    for number, source, asks, state in rows:
        assert source.startswith(SOURCES), f"row {number}: unknown source {source!r}"
        assert asks, f"row {number} says nothing"
        assert state.startswith(("checked", "not checked — ")), f"row {number}: {state!r}"
        if state.startswith("not checked"):
            assert re.match(r"not checked — (not in the data|judgement)", state), f"row {number}: why not?"
            assert not set(RULE_ID.findall(state)) & set(RULES), f"row {number} is not checked but names a rule"
        else:
            assert RULE_ID.search(state) or "(render" in state, f"row {number} is checked but names no rule"


def test_every_source_is_listed_and_cited():
    listed = [row[0] for row in _table("Sources")]
    assert listed == [*SOURCES[:-1]]
    cited = {source for row in _table("The rules") for source in SOURCES if row[1].startswith(source)}
    assert cited == set(SOURCES)


def test_the_ids_named_are_the_rules_of_the_code():
    assert all(RULE_ID.fullmatch(f"`{rule_id}`") for rule_id in RULES)
    named = {rule_id for *_, state in _table("The rules") for rule_id in RULE_ID.findall(state)
             if state.startswith("checked")}
    assert named - set(RULES) == set(), "the inventory names rules the code does not have"
    assert set(RULES) - named == set(), "rules of the code the inventory does not name"


def test_the_source_documents_are_named_by_file_name_only():
    text = INVENTORY.read_text(encoding="utf-8")
    assert "/" not in "".join(re.findall(r"`(\d{3}_[0-9a-f]+\.txt)`", text))
    assert len(re.findall(r"`\d{3}_[0-9a-f]{16}\.txt`", text)) == 5
