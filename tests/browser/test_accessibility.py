"""WCAG 2.1 AA, measured by axe-core, in the light and the dark palette, Material's own parts (header,
navigation, search, footer) included: search results, read marks, opened paths, the full-screen
flowchart, a phone. Every page of every example is checked in tests/browser/test_pages.py's walk. Any
serious or critical finding fails, with its rule, element and contrast values."""

from __future__ import annotations

import pytest

from axe_check import Finding, axe_installed, describe, palette, run_axe, switch_palette
from browser_harness import HANDBOOKS, Handbooks, process_page, process_titles, wait_for_diagrams
from page_walk import in_both_palettes

pytestmark = pytest.mark.browser

SCHEMES = {"default", "slate"}


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_search_results_in_both_palettes_have_no_serious_axe_finding(handbooks: Handbooks, page, name: str) -> None:
    """Material's search dialog with results (every page itself: tests/browser/test_pages.py, in one walk)."""
    axe_installed()
    handbook = handbooks.get(name)
    findings: list[Finding] = []
    schemes: set[str] = set()
    page.goto(handbook.base_url, wait_until="load")
    # A word every handbook's index has, in any language: the letters of a process id (SAL-001 -> SAL).
    query = sorted(process_titles(handbook))[0].split("-")[0]
    for round_ in range(2):
        search = page.locator("input.md-search__input")
        search.click()
        search.fill("")
        search.type(query)  # Material reacts to key events, not to fill()
        page.locator(".md-search-result__item").first.wait_for()
        scheme = palette(page)
        schemes.add(scheme)
        findings += run_axe(page, f"{name} search results ({scheme})")
        page.keyboard.press("Escape")
        if round_ == 0:
            switch_palette(page)
    assert schemes == SCHEMES, f"not seen in both palettes: {schemes}"
    assert not findings, f"{len(findings)} serious/critical axe finding(s):\n" + describe(findings)


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_read_marks_opened_paths_and_the_full_screen_flowchart_keep_their_contrast(handbooks: Handbooks, page,
                                                                                   name: str) -> None:
    """What no page shows on a first visit: the states a reader's progress puts on the pages (one item of a
    reading path read, one read in an older version), opened reading-path lines, the full-screen flowchart."""
    axe_installed()
    handbook = handbooks.get(name)
    path_pages = sorted(p for p in handbook.html_pages() if p.startswith("onboarding/") and p != "onboarding/index.html")
    if not path_pages:
        pytest.skip(f"the {name} handbook has no reading paths")
    page.goto(handbook.page_url(path_pages[0]), wait_until="load")
    processes = page.locator(".pm-path-items li[data-pm-item^='process:']")
    assert processes.count() >= 2, f"{path_pages[0]}: fewer than two processes to mark"
    processes.nth(0).locator("button.pm-mark").click()
    processes.nth(1).locator("button.pm-mark").click()
    # The second mark as if made before the current version was released.
    page.evaluate("""() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("process-manual:reading:"));
      const marks = JSON.parse(localStorage.getItem(key));
      const second = document.querySelectorAll(".pm-path-items li[data-pm-item^='process:']")[1].dataset.pmItem;
      marks[second].v = "0.0-old";
      localStorage.setItem(key, JSON.stringify(marks));
    }""")
    page.reload()
    states = processes.evaluate_all("items => items.slice(0, 2).map((item) => item.dataset.pmState)")
    assert states == ["read", "updated"], states
    findings, _ = in_both_palettes(page, f"{name} {path_pages[0]} with marks")

    # A process page that is read, with its reading-path lines opened.
    processes.nth(0).locator("a").first.click()
    page.wait_for_load_state("load")
    wait_for_diagrams(page)
    for summary in page.locator(".pm-reading-path > summary").all():
        summary.click()
    findings += in_both_palettes(page, f"{name} {page.url} read, paths opened")[0]

    # The flowchart's full-screen view (a modal dialog: the palette is switched between two openings).
    for round_ in range(2):
        page.locator(".pm-flowchart-open").first.click()
        page.locator("dialog.pm-viewer[open]").wait_for()
        findings += run_axe(page, f"{name} {page.url} full-screen flowchart ({palette(page)})")
        page.keyboard.press("Escape")
        if round_ == 0:
            switch_palette(page)
    assert not findings, f"{len(findings)} serious/critical axe finding(s):\n" + describe(findings)


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_on_a_phone_the_process_header_fits_and_the_purpose_is_on_the_first_screen(handbooks: Handbooks, browser,
                                                                                      name: str) -> None:
    """At 390 px: the header (id, version, status, owner, dates) needs no sideways scrolling, and the box of
    reading paths leaves the first section of the page on the first screen."""
    handbook = handbooks.get(name)
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        problems: list[str] = []
        for pid in sorted(process_titles(handbook)):
            page.goto(handbook.url(process_page(pid)), wait_until="domcontentloaded")
            layout = page.evaluate("""() => {
              const facts = document.querySelector("article .pm-facts");
              const section = document.querySelector("article h2");
              const reading = document.querySelector("article .pm-reading");
              return {
                factsRight: facts ? facts.getBoundingClientRect().right : null,
                factsOverflow: facts ? facts.scrollWidth - facts.clientWidth : null,
                sectionTop: section ? section.getBoundingClientRect().top : null,
                readingHeight: reading ? reading.getBoundingClientRect().height : 0,
              };
            }""")
            if layout["factsRight"] is None:
                problems.append(f"{pid}: no process header (.pm-facts)")
                continue
            if layout["factsRight"] > PHONE["width"] or layout["factsOverflow"] > 0:
                problems.append(f"{pid}: the header is wider than the screen: {layout}")
            if layout["readingHeight"] and layout["sectionTop"] is not None and layout["sectionTop"] > PHONE["height"] - 40:
                problems.append(f"{pid}: the first section starts below the first screen: {layout}")
        assert not problems, "\n".join(problems)
    finally:
        context.close()
