"""The process page as Markdown tells the life of a process (the browser test looks at it in Chromium): a version
in force from a day still to come carries the notice for before that day and the status for after it, and a link
to a process that does not apply says why, in English and in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from fixtures.util import ACCESS, ARCHIVE, PURCHASE, copy_handbook, edit
from process_manual.core.labels import Labels
from process_manual.load.handbook import load_handbook
from process_manual.render.context import RenderContext
from process_manual.render.process_page import render_process


def page(tmp_path, process_id: str, today: str, language: str = "en", *edits: tuple[str, str, str]) -> str:
    root = copy_handbook(tmp_path)
    for file, old, new in edits:
        edit(root, file, old, new)
    handbook = load_handbook(root, shown_base=root)
    source = handbook.process(process_id)
    assert source is not None
    return render_process(RenderContext(handbook, Labels(language), dt.date.fromisoformat(today)), source)


LATER = (ARCHIVE, "effective: 2026-09-01", "effective: 2027-01-01")


@pytest.mark.parametrize("language, notice, status, effective", [
    ("en", "    This version takes effect on 2027-01-01; until then it does not apply.", "effective from 2027-01-01",
     "effective"),
    ("zh", "    本版本自 2027-01-01 起生效，在此之前不适用。", "2027-01-01 起生效", "生效"),
    ("zh-Hant", "    本版本自 2027-01-01 起生效，在此之前不適用。", "2027-01-01 起生效", "生效"),
])
def test_before_the_day_both_texts_are_there_and_the_notice_shows(tmp_path, language, notice, status, effective):
    text = page(tmp_path, "FAC-003", "2026-12-31", language, LATER)
    assert '<div class="pm-dated" data-pm-until="2027-01-01" markdown>' in text
    assert notice in text.split('data-pm-until="2027-01-01" markdown>', 1)[1].split("</div>", 1)[0]
    assert (f'<span data-pm-until="2027-01-01">{status}</span>'
            f'<span data-pm-from="2027-01-01" hidden>{effective}</span>') in text


@pytest.mark.parametrize("today", ["2027-01-01", "2027-06-30"])
def test_a_page_built_on_or_after_the_day_has_no_notice(tmp_path, today):
    text = page(tmp_path, "FAC-003", today, "en", LATER)
    assert "data-pm-until" not in text and "data-pm-from" not in text and "Not yet in force" not in text
    assert "<dt>Status</dt><dd markdown=\"span\">effective</dd>" in text


@pytest.mark.parametrize("language, retired", [("en", " (retired)"), ("zh", "（已废止）"), ("zh-Hant", "（已廢止）")])
def test_a_link_to_a_retired_process_says_so(tmp_path, language, retired):
    text = page(tmp_path, "PUR-001", "2026-11-22", language, (ACCESS, "status: effective", "status: retired"))
    assert text.count(f"- [IT-002 System access request](it-002.md){retired}\n") == 2  # refers to, referred to by


def test_a_draft_without_a_page_is_named_with_why(tmp_path):
    text = page(tmp_path, "IT-002", "2026-11-22", "zh", (PURCHASE, "status: effective", "status: draft"))
    assert "- PUR-001 Purchase request（草稿，未发布）\n" in text  # related
    assert "执行子流程:** PUR-001 Purchase request（草稿，未发布）" in text  # the sub-process step
