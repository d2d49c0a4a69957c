"""Readers move around with Material's instant navigation, switch to the dark palette and click
flowchart nodes: the diagrams must be drawn every time, from the site's own Mermaid bundle."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_harness import Handbook, diagram_links, process_page, process_titles, wait_for_diagrams, watch_of

pytestmark = pytest.mark.browser

PROCESS_HREF = re.compile(r"(^|/)processes/[a-z0-9]+-[a-z0-9-]+/$")
MARK_DOCUMENT = "() => { window.__sameDocument = true; }"
SAME_DOCUMENT = "() => window.__sameDocument === true"


def nav_process_links(page) -> list[str]:
    """hrefs of the process pages linked from the primary navigation, as written in the page."""
    hrefs = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]",
                                      "links => links.map(a => a.getAttribute('href'))")
    return [h for h in hrefs if PROCESS_HREF.search(h)]


def click_nav_link(page, href: str) -> None:
    link = page.locator(f'nav.md-nav--primary a.md-nav__link[href="{href}"]').first
    expect(link).to_be_visible()
    link.click()


def current_path(page, handbook: Handbook) -> str:
    return page.url.split("#", 1)[0].removeprefix(handbook.base_url)


def test_instant_navigation_draws_the_diagrams_without_any_outside_request(handbook: Handbook, page) -> None:
    watch = watch_of(page)
    instant = "navigation.instant" in handbook.features()
    page.goto(handbook.base_url)
    page.wait_for_load_state("networkidle")
    page.evaluate(MARK_DOCUMENT)

    links = nav_process_links(page)
    assert links, "the home page's navigation links to no process page"
    click_nav_link(page, links[0])
    page.wait_for_url(re.compile(re.escape(handbook.base_url) + r"processes/[^/]+/$"))
    first = current_path(page, handbook)
    assert wait_for_diagrams(page) >= 1, f"{first} shows no flowchart"
    if instant:  # the click was handled by instant navigation, not by a full page load
        assert page.evaluate(SAME_DOCUMENT), (
            "navigation.instant is on, yet the click reloaded the page: Material only takes over links "
            "listed in sitemap.xml for this host and port (site_url: !ENV [HANDBOOK_SITE_URL, ...])")

    # On to another process page, from a page whose diagram is already drawn.
    others = [h for h in nav_process_links(page) if not h.endswith(first.split("/")[-2] + "/")]
    assert others, f"{first}: the navigation links to no other process page"
    click_nav_link(page, others[0])
    page.wait_for_url(lambda url: url.split("#", 1)[0].removeprefix(handbook.base_url) != first)
    second = current_path(page, handbook)
    assert second != first
    assert wait_for_diagrams(page) >= 1, f"{second} shows no flowchart"

    # Back and forward through the history.
    page.go_back()
    page.wait_for_url(re.compile(re.escape(first) + "$"))
    assert wait_for_diagrams(page) >= 1, f"{first} (after Back) shows no flowchart"
    page.go_forward()
    page.wait_for_url(re.compile(re.escape(second) + "$"))
    assert wait_for_diagrams(page) >= 1, f"{second} (after Forward) shows no flowchart"
    if instant:
        assert page.evaluate(SAME_DOCUMENT), "navigation.instant is on, yet a page was reloaded"

    page.wait_for_load_state("networkidle")
    watch.assert_clean(f"{handbook.name}: home -> {first} -> {second} -> back -> forward")


def test_dark_palette_still_draws_the_diagrams(handbook: Handbook, page) -> None:
    watch = watch_of(page)
    page.goto(handbook.base_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle = page.locator('form[data-md-component="palette"] label.md-header__button:not([hidden])')
    expect(toggle).to_have_count(1)
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")

    # A full load keeps the choice (localStorage) and draws in the dark scheme.
    pid = sorted(process_titles(handbook))[0]
    page.goto(handbook.url(process_page(pid)))
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert wait_for_diagrams(page) >= 1
    box = page.locator(".pm-flowchart-canvas svg").first.bounding_box()
    assert box and box["width"] > 50 and box["height"] > 50, f"the dark diagram is not visible: {box}"

    # And so does instant navigation.
    page.evaluate(MARK_DOCUMENT)
    links = [h for h in nav_process_links(page) if not h.endswith(pid.lower() + "/")]
    assert links
    click_nav_link(page, links[0])
    page.wait_for_url(lambda url: not url.split("#")[0].endswith(process_page(pid)))
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert wait_for_diagrams(page) >= 1
    page.wait_for_load_state("networkidle")
    watch.assert_clean(f"{handbook.name}: dark palette")


def test_clicking_a_flowchart_node_lands_on_its_step(handbook: Handbook, page) -> None:
    watch = watch_of(page)
    checked = 0
    for pid in sorted(process_titles(handbook)):
        page.goto(handbook.url(process_page(pid)))
        wait_for_diagrams(page)
        links = diagram_links(page)
        steps = [i for i, href in enumerate(links) if href.startswith("#step-")]
        assert steps, f"{pid}: no flowchart node links to a #step-... anchor (links: {links})"
        # The last linked node: its step is furthest down the page, so landing on it means scrolling.
        index = steps[-1]
        href = links[index]
        target = page.locator(f'[id="{href[1:]}"]')
        expect(target, f"{pid}: {href} points to no element on the page").to_have_count(1)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.locator(".pm-flowchart-canvas svg a").nth(index).click()
        page.wait_for_function("hash => decodeURIComponent(location.hash) === hash", arg=href)
        expect(target, f"{pid}: clicking the node for {href} did not bring the step into view").to_be_in_viewport()
        checked += 1
    assert checked
    watch.assert_clean(f"{handbook.name}: flowchart node links")
