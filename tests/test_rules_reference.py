"""The rules reference is generated from the code (rules.py): the README's copy must stay equal to it, and
every handbook gets it as a page. After changing a rule, `UPDATE_GOLDEN=1 pytest tests/test_rules_reference.py`
rewrites the README's section."""

from __future__ import annotations

import os
import re
from pathlib import Path

from process_manual.cli import main
from process_manual.render.rules_page import render_rules_reference
from process_manual.core.catalog import shipped_catalogs
from process_manual.core.rules import RULES, PRINCIPLES, RULE_LIST
from process_manual.core.problems import Severity

README = Path(__file__).parents[1] / "reference" / "rules.md"
START = "<!-- rules reference: generated from plugins/process_manual/core/rules.py (tests/test_rules_reference.py) -->\n"
END = "<!-- end of the rules reference -->\n"


def test_the_readme_section_is_what_the_code_generates():
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1, "README.md lacks the rules reference markers"
    before, rest = text.split(START)
    section, after = rest.split(END)
    generated = render_rules_reference("en", heading=2) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        README.write_text(before + START + generated + END + after, encoding="utf-8")
        section = generated
    assert section == generated, "the README's rules reference is stale: UPDATE_GOLDEN=1 pytest " \
                                 "tests/test_rules_reference.py"


def test_every_rule_has_id_default_principle_and_both_examples_in_every_language():
    for language, catalog in shipped_catalogs().items():
        text = render_rules_reference(language)
        for rule in RULES.values():
            section = text.split(f"### `{rule.id}`\n", 1)[1].split("\n### ", 1)[0]
            assert rule.bad in section and rule.good in section
            assert catalog.rule_title(rule.id) in section
            head = text.split(f"### `{rule.id}`\n", 1)[0]
            assert catalog.principle(rule.principle)[1] in head.rsplit("\n## ", 1)[1]
            assert re.search(rf"^\| \[`{rule.id}`\]\(#{rule.id}\) \| ", text, re.MULTILINE)
    assert "| [`vague-time-limit`](#vague-time-limit) | warning |" in render_rules_reference("en")
    assert "| [`vague-time-limit`](#vague-time-limit) | 警告 |" in render_rules_reference("zh")
    assert "| [`yaml-syntax`](#yaml-syntax) | always an error |" in render_rules_reference("en")


def test_a_handbook_column_shows_what_its_policy_sets():
    text = render_rules_reference("en", handbook_severities={"review-overdue": None,
                                                             "unknown-role": Severity.WARNING})
    assert "| [`review-overdue`](#review-overdue) | **off** here (default: warning) |" in text
    assert "| [`unknown-role`](#unknown-role) | **warning** here (default: error) |" in text
    assert "| [`dead-loop`](#dead-loop) | error |" in text
    zh = render_rules_reference("zh", handbook_severities={"review-overdue": None})
    assert "| [`review-overdue`](#review-overdue) | 本手册：**关闭**（默认：警告） |" in zh


def test_the_rules_command_prints_the_reference(capsys, tmp_path):
    assert main(["rules", "--language", "zh"]) == 0
    assert capsys.readouterr().out == render_rules_reference("zh")
    (tmp_path / "_handbook.yml").write_text("rules: {review-overdue: off}\n", encoding="utf-8")
    assert main(["rules", "--dir", str(tmp_path)]) == 0
    assert "| [`review-overdue`](#review-overdue) | **off** here (default: warning) |" in capsys.readouterr().out


def test_every_catalog_says_every_rule_and_principle_and_no_other():
    for catalog in shipped_catalogs().values():
        rules = {key.split(".")[1] for key in catalog.messages if key.startswith("rules.")}
        principles = {key.split(".")[1] for key in catalog.messages if key.startswith("principles.")}
        assert rules == {rule.id for rule in RULE_LIST}, catalog.tag
        assert principles == set(PRINCIPLES), catalog.tag


def test_the_traditional_reference_is_in_traditional_characters():
    page = render_rules_reference("zh-Hant")
    assert page.startswith("# 檢查規則") and "预设" not in page and "规则" not in page
    assert render_rules_reference("zh-TW") == page


def test_the_german_reference_is_german():
    page = render_rules_reference("de")
    assert page.startswith("# Prüfungen und Regeln")
    assert "| [`vague-time-limit`](#vague-time-limit) | Warnung |" in page
    assert "**immer ein Fehler** – Die Datei ist kein lesbares YAML" in page  # German dash: spaced en dash
