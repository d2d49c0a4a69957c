"""Golden tests: the test handbook's YAML -> the exact Markdown pages the renderer writes.

After a deliberate change to the output, regenerate with `UPDATE_GOLDEN=1 pytest tests/test_render_golden.py`
and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from pathlib import Path

import pytest

from fixtures.util import HANDBOOK, TODAY
from process_manual.load.handbook import load_handbook
from process_manual.render.context import RenderContext
from process_manual.core.labels import Labels
from process_manual.render.site import render_pages

GOLDEN = Path(__file__).parent / "golden"


def rendered(language: str) -> dict[str, str]:
    handbook = load_handbook(HANDBOOK, shown_base=HANDBOOK)
    assert not [p for p in handbook.problems if p.is_error]
    context = RenderContext(handbook, Labels(language), dt.date.fromisoformat(TODAY))
    return render_pages(context)


@pytest.mark.parametrize("language", ["en", "zh", "zh-Hant"])
def test_pages_match_the_golden_files(language: str) -> None:
    pages = rendered(language)
    folder = GOLDEN / language
    if os.environ.get("UPDATE_GOLDEN"):
        for src, text in pages.items():
            (folder / src).parent.mkdir(parents=True, exist_ok=True)
            (folder / src).write_text(text, encoding="utf-8")
    expected = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for src, text in pages.items():
        assert text == expected[src], f"{src} differs from tests/golden/{language}/{src}"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_flowcharts_match_the_golden_files(language: str) -> None:
    """The Mermaid text of each flowchart, readable (on the page it travels escaped in an attribute)."""
    flowcharts = {}
    for src, text in rendered(language).items():
        found = re.search(r'data-pm-mermaid="([^"]*)"', text)
        if found:
            flowcharts[Path(src).stem + ".mmd"] = html.unescape(found.group(1)) + "\n"
    folder = GOLDEN / "flowcharts" / language
    if os.environ.get("UPDATE_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in flowcharts.items():
            (folder / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.mmd")}
    assert sorted(flowcharts) == sorted(expected)
    for name, text in flowcharts.items():
        assert text == expected[name], f"the flowchart differs from tests/golden/flowcharts/{language}/{name}"


def test_rendering_is_deterministic() -> None:
    assert rendered("en") == rendered("en")


def test_whats_new_is_newest_first_within_a_date_too(tmp_path: Path) -> None:
    from fixtures.util import PURCHASE, copy_handbook, edit

    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, 'date: 2026-02-01', 'date: 2025-06-01')  # 1.1 and 1.2 on one date
    handbook = load_handbook(root, shown_base=root)
    page = render_pages(RenderContext(handbook, Labels("en"), dt.date.fromisoformat(TODAY)))["whats-new.md"]
    versions = [line.split(" | ")[2].split("]")[0].lstrip("[") for line in page.splitlines()
                if "PUR-001" in line and line.startswith("| 2025-06-01")]
    assert versions == ["1.2", "1.1"]
