"""The rules reference page ("Checks and rules" / "检查规则") as a reader sees it in Chromium: every rule
listed with its severity in this handbook, each id a working link to its section, readable on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_harness import Handbook, watch_of
from process_manual.core.rules import RULES

pytestmark = pytest.mark.browser

TITLES = {"en": ("Checks and rules", "error here (default: warning)"), "zh": ("检查规则", "本手册：错误（默认：警告）")}


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_checks_page_lists_every_rule_and_links_to_each(handbook: Handbook, page, width: int,
                                                            scheme: str) -> None:
    title, vague_cell = TITLES["zh" if handbook.name == "zh" else "en"]
    watch = watch_of(page)
    page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(color_scheme=scheme)
    page.goto(handbook.url("checks/"), wait_until="load")
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.locator("article table").first.locator("tbody tr")).to_have_count(len(RULES))
    # The example handbooks make vague time limits an error (_handbook.yml): the page says so.
    cell = page.locator('xpath=//article//table//tr[.//a[contains(@href, "#vague-time-limit")]]/td[2]')
    assert cell.inner_text().replace("\n", "") == vague_cell
    # Nothing sticks out sideways on a phone: the table scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Each rule id in the table leads to its own section, which shows a bad and a good example.
    for rule_id in RULES:
        assert page.locator(f"article table a[href$='#{rule_id}']").count() == 1
        assert page.locator(f"h3#{rule_id}").count() == 1
    page.goto(handbook.url("checks/#dead-loop"), wait_until="load")
    heading = page.locator("h3#dead-loop")
    expect(heading).to_be_in_viewport()
    examples = heading.locator("xpath=following-sibling::*[position() <= 6][contains(@class, 'highlight')]")
    expect(examples).to_have_count(2)
    watch.assert_clean("checks page")
