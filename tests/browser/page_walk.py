"""One walk through every page of a handbook, collecting what several suites check on each page.

Opening a page and waiting for its diagrams is the expensive part of a browser test (Mermaid draws in
Chromium): the load checks (tests/browser/test_pages.py), axe in both palettes (test_accessibility.py) and
the Chinese text Chromium lays out (test_chinese_text.py) used to walk every page three times. They now
walk once, in test_pages.py, and each finding is named with the check it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from axe_check import Finding, palette, run_axe, switch_palette
from browser_harness import Handbook, diagram_links, wait_for_diagrams, watch_of
from cjk_text import stray_spaces

# Code blocks are left as written; spaces around inline code are the author's to set (the code stands
# apart in its own box): each counts as one non-Chinese character, as in tests/cjk_text.py. The
# flowcharts' labels are written by render/mermaid.py, not from Markdown: checked with the diagrams.
CODE_AS_PLACEHOLDER = """
() => { for (const code of document.querySelectorAll("article pre, article code, article .pm-flowchart")) {
  if (code.isConnected) code.textContent = "\ue000";
} }
"""


@dataclass
class Walk:
    """What one walk through a handbook's pages found."""

    load_problems: dict[str, list[str]] = field(default_factory=dict)
    """Per page: errors, failed or outside requests, diagrams not drawn, diagram links to nowhere."""
    diagrams: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    """Serious or critical axe findings, in both palettes."""
    schemes: dict[str, set[str]] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    """Per page: its <html lang>."""
    chinese_spaces: dict[str, list[str]] = field(default_factory=dict)
    """Per page: spaces inside Chinese text, in the article text Chromium lays out."""


def in_both_palettes(page, where: str) -> tuple[list[Finding], set[str]]:
    """axe's findings in the palette the page shows, then in the other one (switched by its toggle).

    Material keeps the choice in localStorage: the next page opens in the palette this one ended with,
    so a walk through many pages loads each page once and sees it in both."""
    first = palette(page)
    findings = run_axe(page, f"{where} ({first})")
    second = switch_palette(page)
    return findings + run_axe(page, f"{where} ({second})"), {first, second}


def walk_every_page(handbook: Handbook, page, *, chinese: bool) -> Walk:
    """Open every built page (and 404.html) as a reader does: wait for its diagrams and for the network to
    settle, run axe in both palettes, and for a Chinese handbook read the article's laid-out text."""
    walk = Walk()
    watch = watch_of(page)
    for html in [*handbook.html_pages(), "404.html"]:
        watch.clear()
        page.goto(handbook.page_url(html), wait_until="load")
        problems: list[str] = []
        try:
            walk.diagrams[html] = wait_for_diagrams(page)
        except pytest.fail.Exception as failure:
            problems.append(str(failure))
        else:
            for href in diagram_links(page):
                if href.startswith("#") and not page.locator(f'[id="{href[1:]}"]').count():
                    problems.append(f"a diagram node links to {href}, which is not on the page")
        # Material loads the search index and worker after "load": let the network settle.
        page.wait_for_load_state("networkidle")
        if html != "404.html":  # opened by its file name, not as a missing page: its links are the server's
            problems += watch.problems()
        if problems:
            walk.load_problems[html] = problems
        walk.languages[html] = page.evaluate("() => document.documentElement.lang")
        found, walk.schemes[html] = in_both_palettes(page, f"{handbook.name} {html}")
        walk.findings += found
        # Last: the placeholder replaces the code on the page.
        if chinese and html != "404.html" and "/history/" not in html:  # history quotes earlier versions as written
            page.evaluate(CODE_AS_PLACEHOLDER)
            text = page.locator("article").first.inner_text()
            cells = [cell.strip() for line in text.splitlines() for cell in line.split("\t")]  # a tab parts cells
            spaces = [s for cell in cells for s in stray_spaces(cell)]
            if spaces:
                walk.chinese_spaces[html] = spaces
    return walk
