"""The checks every example handbook gets, on the traditional-Chinese one.

No space inside Chinese text in what Chromium lays out (`innerText` of the article: what a reader, a
copy-and-paste and a printed page get) is checked in the walk through every page
(tests/browser/test_pages.py); the build-side test (tests/test_chinese_examples.py) reads the HTML."""

from __future__ import annotations

import pytest

from browser_harness import Handbook, Handbooks
# The checks every example handbook gets (the `handbook` fixture runs them on "en" and "zh"), run here
# on the traditional-Chinese one: its processes differ, so the tests that open named processes do not apply.
from test_flowchart_lanes import test_every_example_flowchart_keeps_each_step_in_its_lane  # noqa: F401
from test_navigation import (  # noqa: F401
    test_clicking_a_flowchart_node_lands_on_its_step,
    test_dark_palette_still_draws_the_diagrams,
    test_instant_navigation_draws_the_diagrams_without_any_outside_request,
)
from test_pages import test_no_page_shows_markdown_syntax_as_text  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def handbook(handbooks: Handbooks) -> Handbook:
    """The traditional-Chinese handbook, for the checks imported above."""
    return handbooks.get("zh-hant")
