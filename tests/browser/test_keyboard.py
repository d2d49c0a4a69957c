"""A reader without a mouse: Tab and Enter only, from the home page to a process, its "Mark as read" button,
its flowchart's full-screen view and its step links — every stop with a visible focus ring.

The walk is a list of steps (WALK); each takes the page at the previous step's end and leaves it for the
next. A new keyboard-reachable part of a process page joins the walk as one more step in the list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import expect

from browser_harness import HANDBOOKS, Handbooks, process_page, process_titles, wait_for_diagrams, watch_of

pytestmark = pytest.mark.browser

MAX_TABS = 400

# The focused element, looked for inside (open) shadow roots too: Material draws each diagram in one.
_FOCUSED = """
() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return null;
  const XLINK = "http://www.w3.org/1999/xlink";
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const host = el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null;
  // A step link of a flowchart shows its focus on the shape it holds (a thicker, accent-coloured border).
  const shape = el instanceof SVGElement ? el.querySelector("rect, polygon, path") : null;
  return {
    tag: el.tagName.toLowerCase(),
    // Links of the page resolved (el.href); links of an SVG as written.
    href: (typeof el.href === "string" ? el.href : "") || el.getAttribute("href") || el.getAttributeNS(XLINK, "href") || "",
    text: (el.textContent || "").replace(/\\s+/g, " ").trim(),
    label: el.getAttribute("aria-label") || "",
    inDiagram: !!(el.closest(".pm-flowchart-canvas") || (host && host.classList.contains("mermaid"))),
    inViewer: !!el.closest("dialog.pm-viewer"),
    classes: typeof el.className === "string" ? el.className : (el.getAttribute("class") || ""),
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none"
      || (!!shape && parseFloat(getComputedStyle(shape).strokeWidth) >= 3),
    visible: box.width > 0 && box.height > 0,
  };
}
"""


@dataclass
class Walk:
    """Where the keyboard walk is, and what it has seen so far."""

    page: Any
    handbook_name: str
    titles: dict[str, str]
    """{process id: title} of the processes the walk may go to: those on a reading path ("Mark as read")."""
    process_id: str = ""
    """The process the walk reached."""
    stops: list[str] = field(default_factory=list)

    def focused(self) -> dict[str, Any] | None:
        return self.page.evaluate(_FOCUSED)

    def tab_to(self, wanted: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """Press Tab until the focused element is `wanted`; fail after MAX_TABS presses."""
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            focused = self.focused()
            if focused and wanted(focused):
                assert focused["visible"], f"{what}: the focused element is not visible: {focused}"
                assert focused["ring"], f"{what}: no visible focus ring on {focused}"
                self.stops.append(f"{what}: {focused['text'] or focused['label']}")
                return focused
        pytest.fail(f"{self.handbook_name}: {what} was not reached with {MAX_TABS} presses of Tab "
                    f"(at {self.page.url})", pytrace=False)


def from_home_to_a_process(walk: Walk) -> None:
    """Skip to the content, Tab to the first link to a process page on a reading path and press Enter."""
    walk.page.keyboard.press("Tab")
    skip = walk.focused()
    assert skip and "md-skip" in skip["classes"], f"the first Tab should reach Material's skip link, not {skip}"
    walk.page.keyboard.press("Enter")

    def process_of(focused: dict[str, Any]) -> str | None:
        if focused["tag"] != "a":
            return None
        return next((pid for pid in walk.titles if focused["href"].endswith(f"processes/{pid.lower()}/")), None)

    link = walk.tab_to(lambda focused: process_of(focused) is not None, "a link to a process")
    walk.process_id = str(process_of(link))
    walk.page.keyboard.press("Enter")
    walk.page.wait_for_url(f"**/processes/{walk.process_id.lower()}/")
    expect(walk.page.locator("article h1")).to_contain_text(walk.process_id)
    wait_for_diagrams(walk.page)


def mark_as_read(walk: Walk) -> None:
    """Tab to "Mark as read", press Enter: the state changes, said by the status, and focus stays."""
    button = walk.tab_to(lambda f: f["tag"] == "button" and "pm-mark" in f["classes"], '"Mark as read"')
    block = walk.page.locator(".pm-reading").first
    expect(block).to_have_attribute("data-pm-state", "unread")
    walk.page.keyboard.press("Enter")
    expect(block).to_have_attribute("data-pm-state", "read")
    expect(block.locator('.pm-reading-bar [role="status"]')).not_to_be_empty()
    after = walk.focused()
    assert after and after["tag"] == "button" and after["text"] != button["text"], \
        f"after Enter the focus should stay on the button, now named for the new state: {after}"


def full_screen_view(walk: Walk) -> None:
    """Tab to the flowchart's full-screen button, press Enter: a dialog that zooms by key; Escape closes it and
    gives the focus back to the button."""
    opener = walk.tab_to(lambda f: f["tag"] == "button" and "pm-flowchart-open" in f["classes"],
                         "the flowchart's full-screen button")
    walk.page.keyboard.press("Enter")
    viewer = walk.page.locator("dialog.pm-viewer[open]")
    expect(viewer).to_have_count(1)
    inside = walk.focused()
    assert inside and inside["inViewer"], f"the full-screen view did not take the focus: {inside}"
    zoom = float(viewer.get_attribute("data-pm-zoom") or 0)
    walk.page.keyboard.press("+")
    expect(viewer).not_to_have_attribute("data-pm-zoom", f"{zoom:.3f}")
    assert float(viewer.get_attribute("data-pm-zoom") or 0) > zoom, "+ did not zoom in"
    walk.page.keyboard.press("Escape")
    expect(walk.page.locator("dialog.pm-viewer")).to_have_count(0)
    back = walk.focused()
    assert back and back["tag"] == "button" and back["text"] == opener["text"], \
        f"closing the full-screen view should give the focus back to its button, not to {back}"


def diagram_step_link(walk: Walk) -> None:
    """Tab into the flowchart to a step's link, press Enter: the page shows that step."""
    link = walk.tab_to(lambda f: f["inDiagram"] and f["href"].startswith("#step-"), "a step link in the flowchart")
    walk.page.keyboard.press("Enter")
    walk.page.wait_for_url(f"**{link['href']}")
    target = walk.page.locator(f'[id="{link["href"][1:]}"]')
    expect(target).to_be_in_viewport()


# In the order the parts come on a process page.
WALK: list[Callable[[Walk], None]] = [from_home_to_a_process, mark_as_read, full_screen_view, diagram_step_link]


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_keyboard_walk_from_home_to_mark_as_read_the_full_screen_flowchart_and_a_step(handbooks: Handbooks, page,
                                                                               name: str) -> None:
    handbook = handbooks.get(name)
    page.goto(handbook.base_url)
    on_paths = {pid: title for pid, title in process_titles(handbook).items()
                if 'class="pm-reading"' in (handbook.site_dir / process_page(pid) / "index.html").read_text("utf-8")}
    assert on_paths, f"no process of the {name} handbook is on a reading path"
    walk = Walk(page, name, on_paths)
    for step in WALK:
        step(walk)
    page.wait_for_load_state("networkidle")
    watch_of(page).assert_clean(f"{name}: keyboard walk " + " -> ".join(walk.stops))
