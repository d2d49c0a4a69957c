"""bpmn-js (npm, pinned; served from node_modules, nothing from the network) imports every
exported example process, EN and ZH, without a warning, and draws every lane, node and flow where
the file puts it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from bpmn_support import EXAMPLES, NS, export
from browser_harness import ROOT, watch_of

BPMN_JS = ROOT / "node_modules" / "bpmn-js" / "dist"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/diagram-js.css"><link rel="stylesheet" href="assets/bpmn-js.css">
<style>html, body, #canvas { margin: 0; width: 100%; height: 100%; }</style></head>
<body><div id="canvas"></div><script src="bpmn-viewer.production.min.js"></script>
<script>
window.draw = async (name) => {
  const xml = await (await fetch(name)).text();
  const viewer = new BpmnJS({ container: "#canvas" });
  const { warnings } = await viewer.importXML(xml);
  viewer.get("canvas").zoom("fit-viewport");
  const registry = viewer.get("elementRegistry");
  const drawn = {};
  for (const element of registry.getAll()) {
    const box = registry.getGraphics(element).getBoundingClientRect();
    drawn[element.id] = { type: element.type, x: element.x, y: element.y, width: box.width, height: box.height,
                          waypoints: (element.waypoints || []).length };
  }
  return { warnings: warnings.map((w) => w.message), drawn };
};
</script></body></html>
"""

pytestmark = pytest.mark.skipif(not (BPMN_JS / "bpmn-viewer.production.min.js").is_file(),
                                reason="run `npm ci` first (make test does)")


@pytest.fixture(params=sorted(EXAMPLES))
def served(request: pytest.FixtureRequest, handbooks, tmp_path: Path) -> tuple[str, list[Path]]:
    folder = tmp_path / "viewer"
    shutil.copytree(BPMN_JS / "assets", folder / "assets")
    shutil.copy(BPMN_JS / "bpmn-viewer.production.min.js", folder)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    return handbooks.serve(folder), export(EXAMPLES[request.param], folder)


def test_bpmn_js_imports_each_export_without_warnings_and_draws_every_lane_node_and_flow(served, page,
                                                                                       tmp_path: Path) -> None:
    base_url, files = served
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(base_url + "index.html")
    for path in files:
        result = page.evaluate("name => draw(name)", path.name)
        assert result["warnings"] == [], path.name
        tree = etree.parse(str(path))
        process = tree.find("bpmn:process", NS)
        lanes = [lane.get("id") for lane in process.iter(f"{{{NS['bpmn']}}}lane")]
        nodes = [e.get("id") for e in process if etree.QName(e).localname.endswith(("Event", "Task", "Gateway", "Activity"))]
        flows = [e.get("id") for e in process.findall("bpmn:sequenceFlow", NS)]
        drawn = result["drawn"]
        for element in lanes + nodes:
            assert element in drawn, (path.name, element)
            assert drawn[element]["width"] > 0 and drawn[element]["height"] > 0, (path.name, element)
        for flow in flows:
            assert drawn[flow]["waypoints"] >= 2, (path.name, flow)
        shapes = {s.get("bpmnElement"): s.find("dc:Bounds", NS) for s in tree.findall(".//bpmndi:BPMNShape", NS)}
        for element in nodes:  # drawn where the file's diagram puts it
            assert (drawn[element]["x"], drawn[element]["y"]) == (float(shapes[element].get("x")),
                                                                  float(shapes[element].get("y"))), (path.name, element)
        page.screenshot(path=str(tmp_path / f"{path.stem}.png"))
    watch_of(page).assert_clean("bpmn-js drawing the exported files")
