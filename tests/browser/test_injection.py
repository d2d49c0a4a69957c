"""The hostile handbook (tests/injection.py) in Chromium: no payload runs, adds an element or a
handler, or changes Mermaid's security level; every payload is shown as the text the author typed."""

from __future__ import annotations

import pytest

from browser_harness import Handbook, diagram_links, wait_for_diagrams, watch_of
from injection import PAYLOADS, write_injection_handbook
from sitebuild import write_site_config

pytestmark = pytest.mark.browser

# Everything a payload could have added, searched in the document and every (opened) shadow root.
_INJECTED = """
() => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const found = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const value = attr.value.trim().toLowerCase();
        if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}`);
        if (["href", "src", "xlink:href", "action"].includes(attr.name) && value.startsWith("javascript:"))
          found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
      if (el.tagName === "IMG" && el.getAttribute("src") === "x") found.push("img src=x");
      if (el.tagName === "SCRIPT" && el.textContent.includes("alert(")) found.push("script with alert");
    }
  }
  return found;
}
"""

_ALL_TEXT = """
() => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return roots.map((r) => (r === document ? document.body : r).textContent).join("\\n");
}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, handbooks) -> Handbook:
    root = tmp_path_factory.mktemp("hostile")
    write_injection_handbook(root / "handbook")
    config = write_site_config(root)
    return handbooks.build_and_serve("hostile", config)


def test_no_payload_runs_or_injects_anything(hostile: Handbook, page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    watch = watch_of(page)
    problems: dict[str, list[str]] = {}
    for html in hostile.html_pages():
        watch.clear()
        page.goto(hostile.page_url(html), wait_until="load")
        wait_for_diagrams(page)
        found = page.evaluate(_INJECTED) + watch.problems()
        if found:
            problems[html] = found
    assert dialogs == []
    assert problems == {}


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_payloads_are_shown_literally_on_the_page_and_in_the_diagram(hostile: Handbook, page, index: int) -> None:
    page.goto(hostile.url(f"processes/inj-{index:03d}/"), wait_until="load")
    assert wait_for_diagrams(page) == 1
    payload = " ".join(PAYLOADS[index].split())
    heading = page.locator("article h1").first.text_content() or ""
    assert heading.strip() == f"INJ-{index:03d} Title {payload}"
    text = " ".join(page.evaluate(_ALL_TEXT).split())
    for shown in (f"Details {payload}", f"Step {payload}", f"yes {payload}", f"Change {payload}"):
        assert shown in text, shown
    # Our own node links still work: one per step, to the step's anchor.
    assert diagram_links(page) == ["#step-first", "#step-choose", "#step-done"]
    assert page.evaluate("mermaid.mermaidAPI.getConfig().securityLevel") == "strict"
