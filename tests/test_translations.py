"""Translation files: what a language shows, what is stale, what the report counts, and --accept.

The test handbook (English) gets `languages: [en, zh]` and a Chinese translation of one process and of
the roles; every expectation is read off the files written here, not off the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.util import PURCHASE, copy_handbook, edit
from process_manual.check.validate import validate
from process_manual.cli.commands import main
from process_manual.core.marked import Stale, Untranslated
from process_manual.load.handbook import load_handbook
from process_manual.load.localize import localize

TRANSLATION = "purchasing/purchase-request.zh.yml"
CHINESE = """\
title: 采购申请
purpose: 以合理的价格购买公司所需物品，并经预算负责人批准。
steps:
  submit:
    name: 提交采购申请
  manager-review:
    name: 直线经理审核
    branches: [批准, 退回修改, 拒绝]
"""


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    root = copy_handbook(tmp_path)
    (root / "_handbook.yml").write_text("languages: [en, zh]\n", encoding="utf-8")
    (root / TRANSLATION).write_text(CHINESE, encoding="utf-8")
    (root / "_roles.zh.yml").write_text("roles:\n  buyer: {name: 采购员}\n", encoding="utf-8")
    assert main(["translations", str(root), "--accept", str(root / TRANSLATION), str(root / "_roles.zh.yml")]) == 0
    return root


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_accepted_translation_validates_clean_and_fills_the_language(bilingual: Path) -> None:
    handbook = load_handbook(bilingual)
    assert [p.text() for p in validate(handbook) if p.rule and "translation" in p.rule] == []
    chinese = localize(handbook, "zh")
    process = next(s.process for s in chinese.processes if s.process.id == "PUR-001")
    assert process.title == "采购申请" and not isinstance(process.title, Untranslated)
    assert [b.when for b in process.steps[1].branches] == ["批准", "退回修改", "拒绝"]
    assert process.steps[0].within == "1个工作日"  # a plain duration is said by the catalog, never translated
    # Never an empty field: what is not translated shows the source text, marked with its language.
    assert isinstance(process.scope, Untranslated) and process.scope.language == "en"
    assert process.scope == "Every purchase of goods or services above 500 EUR."
    assert chinese.roles["buyer"].name == "采购员" and isinstance(chinese.roles["coo"].name, Untranslated)
    # The source language is the handbook itself, untouched.
    assert localize(handbook, "en") is handbook


def test_a_changed_source_text_makes_its_translation_stale_at_the_translation_line(bilingual: Path) -> None:
    edit(bilingual, PURCHASE, "name: Submit the purchase request", "name: Submit the purchase request form")
    handbook = load_handbook(bilingual)
    stale = [p for p in validate(handbook) if p.rule == "stale-translation"]
    assert [(p.path.endswith(TRANSLATION), p.line, p.severity.value) for p in stale] == [
        (True, _line_of(bilingual / TRANSLATION, "提交采购申请"), "warning")
    ]
    assert "steps.submit.name" in stale[0].message and "Submit the purchase request form" in stale[0].message
    step = next(s.process for s in localize(handbook, "zh").processes if s.process.id == "PUR-001").steps[0]
    assert isinstance(step.name, Stale) and step.name == "提交采购申请"


def test_translations_report_counts_and_lists_each_kind(bilingual: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(bilingual, PURCHASE, "name: Submit the purchase request", "name: Submit the request")
    assert main(["translations", str(bilingual), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)["zh"]
    assert report["counts"]["stale"] == 1 and report["stale"] == ["purchasing/purchase-request.yml#steps.submit.name"]
    assert report["counts"]["translated"] == 7  # title, purpose, a step's name and its three branches; a role
    assert "purchasing/purchase-request.yml#scope" in report["missing"]
    assert report["total"] == sum(report["counts"].values())


def test_a_minimum_below_the_share_fails_the_report(bilingual: Path) -> None:
    (bilingual / "_handbook.yml").write_text("languages: [en, zh]\ntranslations: {minimum: {zh: 90}}\n")
    assert main(["translations", str(bilingual)]) == 1
    (bilingual / "_handbook.yml").write_text("languages: [en, zh]\ntranslations: {minimum: {zh: 1}}\n")
    assert main(["translations", str(bilingual)]) == 0


def test_a_misspelt_step_is_an_orphan_with_a_suggestion(bilingual: Path) -> None:
    edit(bilingual, TRANSLATION, "  submit:\n", "  sumbit:\n")
    problems = [p for p in validate(load_handbook(bilingual)) if p.rule == "orphan-translation"]
    assert problems[0].line == _line_of(bilingual / TRANSLATION, "提交采购申请") and "steps.sumbit.name" in problems[0].message
    assert "steps.submit.name" in problems[0].fix


def test_a_text_without_record_is_reported_until_accepted(bilingual: Path) -> None:
    edit(bilingual, TRANSLATION, "title: 采购申请\n", "title: 采购申请\nscope: 500 欧元以上的采购。\n")
    problems = [p for p in validate(load_handbook(bilingual)) if p.rule == "unrecorded-translation"]
    assert [p.line for p in problems] == [_line_of(bilingual / TRANSLATION, "scope:")]
    assert main(["translations", str(bilingual), "--accept", str(bilingual / TRANSLATION)]) == 0
    assert main(["translations", str(bilingual), "--accept", str(bilingual / TRANSLATION)]) == 0  # idempotent
    text = (bilingual / TRANSLATION).read_text(encoding="utf-8")
    assert text.count("translated-from:") == 1 and text.count("# Written by") == 1
    assert [p for p in validate(load_handbook(bilingual)) if "translation" in (p.rule or "")] == []


def test_a_value_that_is_not_a_text_is_a_shape_error(bilingual: Path) -> None:
    edit(bilingual, TRANSLATION, "title: 采购申请", "title: [采购申请]")
    problems = [p for p in validate(load_handbook(bilingual)) if p.rule == "translation-shape"]
    assert [p.severity.value for p in problems] == []  # a list of texts is texts: keyed title.0, an orphan
    orphans = [p for p in validate(load_handbook(bilingual)) if p.rule == "orphan-translation"]
    assert any("title.0" in p.message for p in orphans)
    edit(bilingual, TRANSLATION, "title: [采购申请]", "title: ")
    problems = [p for p in validate(load_handbook(bilingual)) if p.rule == "translation-shape"]
    assert [(p.line, p.severity.value) for p in problems] == [(1, "error")]


def test_without_languages_a_dotted_file_name_is_still_a_process(tmp_path: Path) -> None:
    """The contract is a promise: a one-language handbook's `x.en.yml` is a process file, as before."""
    root = copy_handbook(tmp_path)
    (root / "purchasing" / "purchase-request.yml").rename(root / "purchasing" / "purchase-request.en.yml")
    handbook = load_handbook(root)
    assert "PUR-001" in [s.process.id for s in handbook.processes] and handbook.translations == {}
    assert [p for p in validate(handbook) if p.is_error] == []


def test_a_translation_without_its_source_is_an_orphan_file(bilingual: Path) -> None:
    (bilingual / "purchasing" / "purchase-requests.zh.yml").write_text("title: 采购\n", encoding="utf-8")
    problems = [p for p in validate(load_handbook(bilingual)) if p.rule == "orphan-translation"]
    assert [p.path.rsplit("/", 1)[-1] for p in problems] == ["purchase-requests.zh.yml"]


def test_languages_named_in_policy_must_be_declared(bilingual: Path) -> None:
    (bilingual / "_handbook.yml").write_text("languages: [en, zh]\nderived: {zh-Hant: s2twp}\n", encoding="utf-8")
    problems = [p for p in validate(load_handbook(bilingual)) if p.rule == "handbook-policy"]
    assert [(p.line, "zh-Hant" in p.message) for p in problems] == [(2, True)]
