"""A reader can read any flowchart: text never below 12 px on a desktop page (a wide diagram scrolls
sideways instead of shrinking further), step links reachable by keyboard with a visible focus ring, a
skip link past the diagram, and a full-screen view that pans and zooms by keyboard, mouse wheel, drag
and pinch, and closes with Esc, giving focus back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_harness import Handbook, process_page, process_titles, wait_for_diagrams, watch_of

pytestmark = pytest.mark.browser

_TEXT_SIZES = """() => {
  const svg = document.querySelector(".pm-flowchart-canvas > svg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll(".nodeLabel, .edgeLabel .label, .cluster-label")].map(
    (label) => parseFloat(getComputedStyle(label).fontSize) * scale);
}"""

_VIEW = """() => {
  const dialog = document.querySelector("dialog.pm-viewer");
  return dialog && { open: dialog.open, zoom: Number(dialog.dataset.pmZoom),
    transform: dialog.querySelector(".pm-viewer-board").style.transform,
    svgInside: !!dialog.querySelector(".pm-viewer-board > svg"),
    active: document.activeElement && document.activeElement.classList.contains("pm-viewer-stage") };
}"""

_PINCH = """(spread) => {
  const stage = document.querySelector(".pm-viewer-stage");
  const box = stage.getBoundingClientRect();
  const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
  const fire = (type, id, x) => stage.dispatchEvent(new PointerEvent(type, {
    pointerId: id, pointerType: "touch", clientX: x, clientY: cy, bubbles: true, isPrimary: id === 1 }));
  fire("pointerdown", 1, cx - 20); fire("pointerdown", 2, cx + 20);
  fire("pointermove", 1, cx - 20 - spread); fire("pointermove", 2, cx + 20 + spread);
  fire("pointerup", 1, cx - 20 - spread); fire("pointerup", 2, cx + 20 + spread);
}"""


@pytest.mark.parametrize("width", [1280, 1600])
def test_diagram_text_is_never_below_12_px_on_a_desktop_page(handbook: Handbook, page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for process_id in sorted(process_titles(handbook)):
        page.goto(handbook.url(process_page(process_id)), wait_until="load")
        if wait_for_diagrams(page) == 0:
            continue
        sizes = page.evaluate(_TEXT_SIZES)
        assert sizes and min(sizes) >= 12 - 0.01, f"{process_id}: text shown at {min(sizes):.1f} px"
        canvas = page.locator(".pm-flowchart-canvas")
        scrolls = page.evaluate("(c) => c.scrollWidth > c.clientWidth + 1", canvas.element_handle())
        # a diagram wider than the column scrolls, and then a keyboard can reach it to scroll it
        assert scrolls == ("pm-scrolls" in (canvas.get_attribute("class") or ""))
        if scrolls:
            assert canvas.get_attribute("tabindex") == "0" and canvas.get_attribute("aria-label")


def test_full_screen_view_by_keyboard(handbook: Handbook, page) -> None:
    watch = watch_of(page)
    page.goto(handbook.url(process_page("SAL-001")), wait_until="load")
    assert wait_for_diagrams(page) == 1
    opener = page.locator(".pm-flowchart-open")
    opener.focus()
    page.keyboard.press("Enter")
    expect(page.locator("dialog.pm-viewer")).to_be_visible()
    view = page.evaluate(_VIEW)
    assert view["open"] and view["svgInside"] and view["active"]
    assert page.locator(".pm-flowchart-canvas > svg").count() == 0  # borrowed, not copied: no duplicate ids
    fitted = view["zoom"]
    page.keyboard.press("+")
    assert page.evaluate(_VIEW)["zoom"] == pytest.approx(fitted * 1.25, rel=5e-3)
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert page.evaluate(_VIEW)["zoom"] < fitted
    before = page.evaluate(_VIEW)["transform"]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(_VIEW)["transform"] != before
    page.keyboard.press("0")
    assert page.evaluate(_VIEW)["zoom"] == pytest.approx(fitted, rel=5e-3)
    # The buttons work by keyboard too.
    page.locator(".pm-viewer-zoom-in").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(_VIEW)["zoom"] > fitted
    page.keyboard.press("Escape")
    expect(page.locator("dialog.pm-viewer")).to_have_count(0)
    assert page.locator(".pm-flowchart-canvas > svg").count() == 1
    assert page.evaluate("document.activeElement.classList.contains('pm-flowchart-open')")
    watch.assert_clean("full-screen view")


def test_full_screen_view_by_mouse_and_touch(handbook: Handbook, page) -> None:
    page.goto(handbook.url(process_page("SAL-001")), wait_until="load")
    assert wait_for_diagrams(page) == 1
    page.locator(".pm-flowchart-open").click()
    stage = page.locator(".pm-viewer-stage")
    expect(stage).to_be_visible()
    box = stage.bounding_box()
    assert box and box["width"] > 1000, "the view fills the window"
    fitted = page.evaluate(_VIEW)["zoom"]
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    assert page.evaluate(_VIEW)["zoom"] > fitted
    before = page.evaluate(_VIEW)["transform"]
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 60, steps=6)
    page.mouse.up()
    assert page.evaluate(_VIEW)["transform"] != before
    zoomed = page.evaluate(_VIEW)["zoom"]
    page.evaluate(_PINCH, 80)
    assert page.evaluate(_VIEW)["zoom"] > zoomed
    page.locator(".pm-viewer-close").click()
    expect(page.locator("dialog.pm-viewer")).to_have_count(0)


def test_step_links_are_reachable_by_tab_with_a_visible_focus_ring(handbook: Handbook, page) -> None:
    page.goto(handbook.url(process_page("ADM-004")), wait_until="load")
    assert wait_for_diagrams(page) == 1
    page.locator(".pm-flowchart-open").focus()
    for _ in range(4):  # past the scrollable canvas, to the first step's link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg') !== null"):
            break
    href = page.evaluate("document.activeElement.getAttribute('href') || "
                         "document.activeElement.getAttributeNS('http://www.w3.org/1999/xlink', 'href')")
    assert href and href.startswith("#step-"), href
    ring = page.evaluate("getComputedStyle(document.activeElement.querySelector('rect, polygon, path')).strokeWidth")
    assert ring == "4px"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))


def test_skip_link_leads_past_the_diagram(handbook: Handbook, page) -> None:
    page.goto(handbook.url(process_page("ADM-004")), wait_until="load")
    assert wait_for_diagrams(page) == 1
    skip = page.locator(".pm-skip")
    skip.focus()
    box = skip.bounding_box()
    assert box and box["width"] > 20, "the skip link shows when it has focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "pm-after-flowchart"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.pm-flowchart') === null")


_CONTRAST = """() => {
  const parse = (value) => { const m = value.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const base = parse(getComputedStyle(document.body).backgroundColor);
  /* a translucent colour as seen over the page's background */
  const rgb = (value) => { const [r, g, b, a] = parse(value); if (a === 0) return null;
    return [r, g, b].map((v, i) => v * a + base[i] * (1 - a)); };
  const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const svg = document.querySelector(".pm-flowchart-canvas > svg");
  const page = rgb(getComputedStyle(document.body).backgroundColor);
  const found = { text: [], lines: [] };
  for (const node of svg.querySelectorAll("g.node")) {
    const shape = node.querySelector("rect, polygon, path");
    const fill = rgb(getComputedStyle(shape).fill) || page;
    const label = node.querySelector(".nodeLabel") || node;
    found.text.push(ratio(rgb(getComputedStyle(label).color), fill));
    found.lines.push(ratio(rgb(getComputedStyle(shape).stroke), fill));
  }
  for (const lane of svg.querySelectorAll("g.cluster")) {
    const fill = rgb(getComputedStyle(lane.querySelector("rect")).fill) || page;
    found.text.push(ratio(rgb(getComputedStyle(lane.querySelector(".cluster-label span, .cluster-label")).color), fill));
  }
  for (const edge of svg.querySelectorAll("path.flowchart-link")) found.lines.push(ratio(rgb(getComputedStyle(edge).stroke), page));
  return { text: Math.min(...found.text), lines: Math.min(...found.lines) };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_lanes_steps_and_arrows_are_legible_in_both_palettes(handbook: Handbook, browser, scheme: str) -> None:
    """Text at WCAG AA contrast (4.5:1) against its fill, strokes at 3:1 (non-text contrast)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        for process_id in ("ADM-004", "SAL-001"):
            page.goto(handbook.url(process_page(process_id)), wait_until="load")
            page.wait_for_selector('.pm-flowchart-canvas[data-pm-state="drawn"]')
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.dataset.mdColorScheme") == expected
            contrast = page.evaluate(_CONTRAST)
            assert contrast["text"] >= 4.5, f"{process_id} ({scheme}): text contrast {contrast['text']:.2f}"
            assert contrast["lines"] >= 3, f"{process_id} ({scheme}): stroke contrast {contrast['lines']:.2f}"
    finally:
        context.close()
