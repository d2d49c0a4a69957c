"""A swimlane flowchart that Mermaid's layout engine cannot draw (dagre's "setting 'order'" bug) is
drawn without lanes instead of not at all; every step still names its role."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from browser_harness import Handbook, wait_for_diagrams, watch_of
from sitebuild import write_site_config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

pytestmark = pytest.mark.browser

# In the synthetic handbook of seed 1, process 36 has loops between lanes that dagre fails to lay out.
FAILING = 36


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, handbooks) -> Handbook:
    root = tmp_path_factory.mktemp("generated")
    generate(FAILING + 1, seed=1, out=root / "handbook")
    config = write_site_config(root)
    return handbooks.build_and_serve("generated", config)


def test_a_flowchart_dagre_cannot_lay_out_is_drawn_without_lanes(generated: Handbook, page) -> None:
    path = next((generated.config.parent / "handbook").rglob(f"process-{FAILING:04d}.yml"))
    process = yaml.safe_load(path.read_text(encoding="utf-8"))
    roles = {r["id"]: r["name"] for r in yaml.safe_load(
        (generated.config.parent / "handbook" / "_roles.yml").read_text(encoding="utf-8"))["roles"]}
    watch = watch_of(page)
    page.goto(generated.url(f"processes/{process['id'].lower()}/"), wait_until="load")
    assert wait_for_diagrams(page) == 1
    svg_id = page.evaluate("document.querySelector('div.mermaid').shadowRoot.querySelector('svg').id")
    assert svg_id.endswith("-without-lanes"), "this flowchart no longer needs the fallback: pick another"
    text = page.evaluate("document.querySelector('div.mermaid').shadowRoot.textContent")
    for step in process["steps"][:-1]:
        assert step["name"] in text
        assert roles[step["responsible"]] in text
    page.wait_for_load_state("networkidle")
    watch.assert_clean("fallback flowchart")


def test_flowcharts_dagre_can_draw_keep_their_lanes(generated: Handbook, page) -> None:
    path = next((generated.config.parent / "handbook").rglob("process-0000.yml"))
    process = yaml.safe_load(path.read_text(encoding="utf-8"))
    page.goto(generated.url(f"processes/{process['id'].lower()}/"), wait_until="load")
    assert wait_for_diagrams(page) == 1
    assert page.evaluate("document.querySelector('div.mermaid').shadowRoot.querySelectorAll('g.cluster').length") >= 3
