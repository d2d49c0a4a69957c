"""What a reader of the Chinese handbooks sees in Chromium: no space inside Chinese text.

The build-side test (tests/test_chinese_examples.py) reads the HTML; this one reads the text Chromium
lays out (`innerText` of the article), which is what a reader, a copy-and-paste and a printed page get."""

from __future__ import annotations

import pytest

from browser_harness import Handbook, Handbooks, watch_of
from cjk_text import stray_spaces
# The checks every example handbook gets (the `handbook` fixture runs them on "en" and "zh"), run here
# on the traditional-Chinese one: its processes differ, so the tests that open named processes do not apply.
from test_flowchart_lanes import test_every_example_flowchart_keeps_each_step_in_its_lane  # noqa: F401
from test_navigation import (test_clicking_a_flowchart_node_lands_on_its_step,  # noqa: F401
                             test_dark_palette_still_draws_the_diagrams,
                             test_instant_navigation_draws_the_diagrams_without_any_outside_request)
from test_pages import (test_every_page_loads_cleanly_and_draws_every_diagram,  # noqa: F401
                        test_no_page_shows_markdown_syntax_as_text)

pytestmark = pytest.mark.browser


@pytest.fixture
def handbook(handbooks: Handbooks) -> Handbook:
    """The traditional-Chinese handbook, for the checks imported above."""
    return handbooks.get("zh-hant")

# Code blocks are left as written; spaces around inline code are the author's to set (the code stands
# apart in its own box): each counts as one non-Chinese character, as in tests/cjk_text.py. The
# flowcharts' labels are written by render/mermaid.py, not from Markdown: checked with the diagrams.
CODE_AS_PLACEHOLDER = """
() => { for (const code of document.querySelectorAll("article pre, article code, article .pm-flowchart")) {
  if (code.isConnected) code.textContent = "\ue000";
} }
"""


@pytest.mark.parametrize("name", ["zh", "zh-hant"])
def test_the_article_text_chromium_shows_has_no_space_inside_chinese(handbooks: Handbooks, page, name: str) -> None:
    handbook = handbooks.get(name)
    found = {}
    for html_path in handbook.html_pages():
        if "/history/" in html_path:  # quotes the text of earlier versions as it was written
            continue
        page.goto(handbook.page_url(html_path))
        page.evaluate(CODE_AS_PLACEHOLDER)
        text = page.locator("article").first.inner_text()
        cells = [cell.strip() for line in text.splitlines() for cell in line.split("\t")]  # a tab parts table cells
        spaces = [s for cell in cells for s in stray_spaces(cell)]
        if spaces:
            found[html_path] = spaces
    assert found == {}
    watch_of(page).assert_clean(f"{name}: every page")
