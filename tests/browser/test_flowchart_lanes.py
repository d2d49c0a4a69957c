"""Every process flowchart is a real swimlane diagram, checked from the drawn SVG in Chromium: each
step inside its role's lane and no other, lanes as parallel bands with their role's name, every edge
ending at its target and passing through no other node (lane_geometry.py). For every process of both
example handbooks and of a generated handbook (with its 40-step, 8-role process and the process that
dagre cannot lay out). Drawing times are collected and printed, not asserted: the benchmark
(benchmarks/flowcharts.py) measures them."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest
import yaml

from browser_harness import Handbook, Handbooks, process_page, wait_for_diagrams, watch_of
from lane_geometry import lane_problems, measure
from process_manual.load.handbook import load_handbook
from sitebuild import write_site_config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

pytestmark = pytest.mark.browser

GENERATED = 40
"""Processes of the generated handbook: with seed 1, process 0 has 40 steps in 8 lanes and process 36
has loops across lanes that dagre (Mermaid's default layout) cannot lay out."""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, handbooks: Handbooks) -> Handbook:
    root = tmp_path_factory.mktemp("generated-lanes")
    generate(GENERATED, seed=1, out=root / "handbook", largest_first=True)
    return handbooks.build_and_serve("generated-lanes", write_site_config(root))


def _check_every_flowchart(handbook: Handbook, processes_dir: Path, page) -> None:
    loaded = load_handbook(processes_dir)
    role_names = {role.id: role.name for role in loaded.roles.values()}
    watch = watch_of(page)
    problems: dict[str, list[str]] = {}
    times: list[float] = []
    for source in loaded.processes:
        process = source.process
        if process.status == "draft":
            continue
        page.goto(handbook.url(process_page(process.id)), wait_until="load")
        assert wait_for_diagrams(page) == 1, process.id
        drawing = measure(page)
        times.append(drawing.ms)
        found = lane_problems(drawing, process, role_names)
        if drawing.layout != "lanes":
            found.insert(0, f"drawn by the {drawing.layout!r} fallback, not the swimlane layout")
        if found:
            problems[process.id] = found
    watch.assert_clean(f"flowcharts of {handbook.name}")
    print(f"\n{handbook.name}: {len(times)} flowcharts drawn, median {statistics.median(times):.0f} ms, "
          f"max {max(times):.0f} ms")
    assert problems == {}


def test_every_example_flowchart_keeps_each_step_in_its_lane(handbook: Handbook, page) -> None:
    _check_every_flowchart(handbook, handbook.processes_dir, page)


def test_every_generated_flowchart_keeps_each_step_in_its_lane(generated: Handbook, page) -> None:
    _check_every_flowchart(generated, generated.config.parent / "handbook", page)


def test_a_flowchart_whose_lane_layout_fails_is_still_drawn(generated: Handbook, page) -> None:
    """If the swimlane layout throws, Mermaid's own layout draws the same diagram: never no diagram."""
    page.add_init_script("""
      let real;
      Object.defineProperty(window, "mermaid", { configurable: true, get: () => real, set: (value) => {
        const register = value.registerLayoutLoaders;
        value.registerLayoutLoaders = (loaders) => register(loaders.map((loader) => loader.name !== "process-lanes"
          ? loader : { name: loader.name, loader: async () => ({ render: async () => { throw new Error("broken"); } }) }));
        real = value;
      } });
    """)
    path = next((generated.config.parent / "handbook").rglob("process-0001.yml"))
    process_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
    page.goto(generated.url(process_page(process_id)), wait_until="load")
    assert wait_for_diagrams(page) == 1
    drawing = measure(page)
    assert drawing.layout in ("boxes", "flat")
    assert len(drawing.nodes) >= 3 and drawing.edges
