"""A handbook written by someone else to the contract (tests/fixtures/handbook) renders in Chromium
with a working flowchart, responsibility matrix and change log."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from browser_harness import Handbook, diagram_links, wait_for_diagrams, watch_of
from lane_geometry import lane_problems, measure
from process_manual.load.handbook import load_handbook
from fixtures.util import HANDBOOK, PURCHASE, copy_handbook
from sitebuild import write_site_config

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory, handbooks) -> Handbook:
    root = tmp_path_factory.mktemp("foreign")
    copy_handbook(root)
    config = write_site_config(root)
    return handbooks.build_and_serve("foreign", config)


def test_flowchart_matrix_and_change_log(foreign: Handbook, page) -> None:
    process = yaml.safe_load((HANDBOOK / PURCHASE).read_text(encoding="utf-8"))
    watch = watch_of(page)
    page.goto(foreign.url(f"processes/{process['id'].lower()}/"), wait_until="load")
    assert wait_for_diagrams(page) == 1

    # Every step is a node that links to its section, and a click lands there.
    links = diagram_links(page)
    assert sorted(link for link in links if link.startswith("#step-")) == sorted(
        f"#step-{s['id']}" for s in process["steps"] if s.get("kind") != "subprocess")  # in lane order
    last = max(i for i, link in enumerate(links) if link.startswith("#step-"))
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator(".pm-flowchart-canvas svg a").nth(last).click()
    expect(page.locator(f'[id="{links[last][1:]}"]')).to_be_in_viewport()

    # The matrix: a row per step that is not an end, a column per role, R/A/C/I cells.
    matrix = page.locator(".pm-raci table")
    rows = matrix.locator("tbody tr")
    expect(rows).to_have_count(len([s for s in process["steps"] if s.get("kind") != "end"]))
    cells = " ".join(matrix.locator("tbody td").all_text_contents())
    assert "R" in cells.split() or "R/A" in cells.split()

    # The change log: every version, newest first.
    log = page.locator("xpath=//h2[@id='change-log']/following::table[1]")  # Material wraps tables in divs
    versions = [row.strip() for row in log.locator("tbody tr td:first-child").all_text_contents()]
    assert versions == [entry["version"] for entry in reversed(process["changelog"])]
    page.wait_for_load_state("networkidle")
    watch.assert_clean("foreign handbook")


def test_every_flowchart_is_a_swimlane_diagram(foreign: Handbook, page) -> None:
    """Each step of every process inside its role's lane, no edge through another step (lane_geometry.py)."""
    loaded = load_handbook(foreign.config.parent / "handbook")
    role_names = {role.id: role.name for role in loaded.roles.values()}
    problems = {}
    for source in loaded.processes:
        if source.process.status == "draft":
            continue
        page.goto(foreign.url(f"processes/{source.process.id.lower()}/"), wait_until="load")
        assert wait_for_diagrams(page) == 1
        drawing = measure(page)
        found = lane_problems(drawing, source.process, role_names) + (
            [] if drawing.layout == "lanes" else [f"drawn by the {drawing.layout} fallback"])
        if found:
            problems[source.process.id] = found
    assert problems == {}
