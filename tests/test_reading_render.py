"""Reading paths as Markdown: golden pages (English and Chinese), and author text that stays text.

After a deliberate change, regenerate with `UPDATE_GOLDEN=1 pytest tests/test_reading_render.py` and
review the diff of tests/golden/reading/."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from fixtures.util import TODAY, copy_handbook, edit
from process_manual.load.handbook import load_handbook
from process_manual.render.context import RenderContext
from process_manual.core.labels import Labels
from process_manual.render.reading import docs_reading_blocks
from process_manual.render.site import navigation, render_pages

READING = Path(__file__).parent / "fixtures" / "reading" / "_onboarding.yml"
GOLDEN = Path(__file__).parent / "golden" / "reading"
# The pages reading paths add or change; the rest is covered by test_render_golden.py.
PAGES = ("onboarding/index.md", "onboarding/new-buyer.md", "onboarding/welcome.md", "onboarding/facilities-basics.md",
         "roles/buyer.md", "roles/records-clerk.md", "roles/it-admin.md", "processes/pur-001.md")


def context(tmp_path: Path, language: str = "en", *edits: tuple[str, str]) -> RenderContext:
    root = copy_handbook(tmp_path)
    shutil.copy(READING, root / "_onboarding.yml")
    for old, new in edits:
        edit(root, "_onboarding.yml", old, new)
    handbook = load_handbook(root, shown_base=root)
    assert not [p for p in handbook.problems if p.is_error]
    return RenderContext(handbook, Labels(language), dt.date.fromisoformat(TODAY))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_reading_pages_match_the_golden_files(tmp_path: Path, language: str) -> None:
    pages = render_pages(context(tmp_path, language))
    folder = GOLDEN / language
    for src in PAGES:
        if os.environ.get("UPDATE_GOLDEN"):
            (folder / src).parent.mkdir(parents=True, exist_ok=True)
            (folder / src).write_text(pages[src], encoding="utf-8")
        assert pages[src] == (folder / src).read_text(encoding="utf-8"), f"{src} differs from {folder / src}"


def test_paths_come_first_in_the_navigation_and_only_when_there_are_paths(tmp_path: Path) -> None:
    ctx = context(tmp_path)
    nav = navigation(ctx)
    assert nav[0] == {"Reading paths": ["onboarding/index.md", {"Your first weeks as a buyer": "onboarding/new-buyer.md"},
                                        {"Welcome to the company": "onboarding/welcome.md"},
                                        {"Facilities basics": "onboarding/facilities-basics.md"}]}
    without = RenderContext(load_handbook(copy_handbook(tmp_path / "plain")), Labels("en"), ctx.today)
    assert "Reading paths" not in str(navigation(without))
    assert not any(page.startswith("onboarding/") for page in render_pages(without))


def test_process_pages_carry_id_version_and_their_place_on_each_path(tmp_path: Path) -> None:
    page = render_pages(context(tmp_path))["processes/fac-003.md"]
    assert ('<div class="pm-page-meta" data-pm-id="FAC-003" data-pm-version="1.0" data-pm-effective="2026-09-01" '
            'data-pm-print-header="FAC-003 Records archiving · Version 1.0 · Effective 2026-09-01"') in page
    paths = re.findall(r'data-pm-path="([^"]+)" data-pm-items="([^"]+)"', page)
    assert [p for p, _ in paths] == ["new-buyer", "facilities-basics"]
    assert json.loads(unescape(paths[0][1])) == [["process:PUR-001", "1.2"], ["page:glossary.md", ""],
                                                 ["process:FAC-003", "1.0"]]
    # One closed line per path: the path and the place on it; opened, what comes next.
    assert '<summary><span class="pm-path-title">Reading path: Your first weeks as a buyer</span> (3/3)</summary>' in page
    assert "Last item of the path." in page and "(1/1)</summary>" in page
    assert 'data-pm-root="../../"' in page


def test_hand_written_and_generated_pages_on_a_path_get_their_block(tmp_path: Path) -> None:
    blocks = docs_reading_blocks(context(tmp_path))
    assert sorted(blocks) == ["glossary.md", "index.md"]
    assert 'data-pm-item="page:index.md"' in blocks["index.md"] and 'data-pm-root="./"' in blocks["index.md"]
    assert "Next in your path: [IT-002 System access request](processes/it-002.md)" in blocks["index.md"]


def test_unpublished_processes_are_left_out_of_paths(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    shutil.copy(READING, root / "_onboarding.yml")
    edit(root, "facilities/records-archiving.yml", "status: effective", "status: draft")
    ctx = RenderContext(load_handbook(root), Labels("en"), dt.date.fromisoformat(TODAY))
    assert [i.key for i in ctx.reading.items["new-buyer"]] == ["process:PUR-001", "page:glossary.md"]
    assert ctx.reading.items["facilities-basics"] == []
    assert "facilities-basics" in ctx.reading.items  # the path page still exists, with nothing to read yet


HOSTILE = '<img src=x onerror=alert(1)>{: onclick="alert(2)" } [x](javascript:alert(3))'


def test_author_text_on_reading_pages_stays_text(tmp_path: Path) -> None:
    ctx = context(tmp_path, "en",
                  ("title: Your first weeks as a buyer", f"title: '{HOSTILE}'"),
                  ("note: Read before your first order.", f"note: '{HOSTILE}'"),
                  ("description: Read these **in order** before your first purchase.", f"description: '{HOSTILE}'"),
                  ("title: The words we use", f"title: '{HOSTILE}'"))
    pages = render_pages(ctx)
    for src in ("onboarding/new-buyer.md", "onboarding/index.md", "processes/pur-001.md", "roles/buyer.md"):
        text = pages[src].split("\n---\n", 1)[1]  # the front matter title is checked by the injection suite
        # No tag, no attribute list, no script link: only their characters, shown as typed.
        assert "<img" not in text and "{:" not in text and "[x](javascript:" not in text, src


def test_a_page_item_without_a_title_shows_the_page_title_not_its_file_name(tmp_path: Path) -> None:
    """The plugin reads titles of hand-written pages (front matter, else the first heading, else the name)."""
    from process_manual.check.onboarding import docs_page_title, page_titles

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "how-to-edit.md").write_text("Intro line\n\n```\n# not a heading\n```\n# How to edit a process {#edit}\n",
                                         encoding="utf-8")
    (docs / "front.md").write_text("---\ntitle: \"Set in front matter\"\n---\n# Heading\n", encoding="utf-8")
    (docs / "no-heading_here.md").write_text("Just text.\n", encoding="utf-8")
    assert [docs_page_title(docs / n) for n in ("how-to-edit.md", "front.md", "no-heading_here.md")] == [
        "How to edit a process", "Set in front matter", "No heading here"]

    ctx = context(tmp_path, "en", ("{page: glossary.md, title: The words we use}", "{page: how-to-edit.md}"))
    ctx.page_titles = page_titles(ctx.handbook, docs)
    assert ctx.page_titles == {"how-to-edit.md": "How to edit a process"}
    pages = render_pages(ctx)
    next_item = re.search(r"Next in your path: \[([^\]]+)\]", pages["processes/pur-001.md"])
    assert next_item is not None and unescape(next_item[1]) == "How to edit a process"
    assert "how-to-edit.md]" not in pages["onboarding/new-buyer.md"]
