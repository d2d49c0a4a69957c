"""WCAG 2.1 AA, measured by axe-core: every page of every example handbook, in the light and the dark
palette, Material's own parts (header, navigation, search, footer) included. Any serious or critical
finding fails, with its rule, element and contrast values."""

from __future__ import annotations

import pytest

from axe_check import Finding, axe_installed, describe, palette, run_axe, switch_palette
from browser_harness import HANDBOOKS, Handbooks, wait_for_diagrams

pytestmark = pytest.mark.browser

SCHEMES = {"default", "slate"}
# A word every handbook's search finds, so that the search results are checked with their colours.
SEARCH_WORDS = {"en": "approval", "zh": "审批", "zh-hant": "審批"}


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_every_page_in_both_palettes_has_no_serious_axe_finding(handbooks: Handbooks, page, name: str) -> None:
    axe_installed()
    handbook = handbooks.get(name)
    findings: list[Finding] = []
    checked: dict[str, set[str]] = {}
    for html in handbook.html_pages():
        page.goto(handbook.page_url(html), wait_until="load")
        wait_for_diagrams(page)
        # The palette is kept in localStorage: each page is checked in the scheme the last one ended
        # with, then in the other one, so every page is loaded once and seen in both.
        for _ in SCHEMES:
            scheme = palette(page)
            checked.setdefault(html, set()).add(scheme)
            findings += run_axe(page, f"{name} {html} ({scheme})")
            if len(checked[html]) < len(SCHEMES):
                switch_palette(page)

    # Material's search dialog with results, in both palettes.
    page.goto(handbook.base_url, wait_until="load")
    for _ in SCHEMES:
        search = page.locator("input.md-search__input")
        search.click()
        search.fill("")
        search.type(SEARCH_WORDS.get(name, "process"))  # Material reacts to key events, not to fill()
        page.locator(".md-search-result__item").first.wait_for()
        findings += run_axe(page, f"{name} search results ({palette(page)})")
        page.keyboard.press("Escape")
        switch_palette(page)

    assert all(schemes == SCHEMES for schemes in checked.values()), checked
    assert not findings, f"{len(findings)} serious/critical axe finding(s):\n" + describe(findings)
