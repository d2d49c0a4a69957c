"""`process-manual bpmn export`: every example process, EN and ZH, checked by real tools (the OMG
BPMN 2.0 XSD with DI, SpiffWorkflow's parser) and by what a modeler draws from its layout."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from lxml import etree

from bpmn_support import EXAMPLES, NS, export, spiff_spec, xsd_errors
from fixtures.util import copy_handbook, edit
from process_manual.cli import main
from process_manual.formats.bpmn import ExportCache, handbook_files
from process_manual.formats.bpmn_layout import Edge, Node, layout
from process_manual.load.handbook import load_handbook


@pytest.fixture(scope="module", params=sorted(EXAMPLES))
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Path]]:
    return request.param, export(EXAMPLES[request.param], tmp_path_factory.mktemp(f"bpmn-{request.param}"))


def _processes(language: str):
    return {s.process.id: s.process for s in load_handbook(EXAMPLES[language]).processes}


def test_one_file_per_example_process(exported) -> None:
    language, files = exported
    assert sorted(f.stem for f in files) == sorted(_processes(language))


def test_every_export_validates_against_the_omg_xsd_with_di(exported) -> None:
    _, files = exported
    for path in files:
        assert xsd_errors(path) == [], path.name


def test_spiffworkflow_parses_every_export_with_its_lanes(exported) -> None:
    language, files = exported
    processes = _processes(language)
    roles = load_handbook(EXAMPLES[language]).roles
    for path in files:
        process = processes[path.stem]
        spec = spiff_spec(path, process.id)
        lanes = {task.lane for task in spec.task_specs.values() if getattr(task, "lane", None)}
        assert lanes == {roles[s.responsible[0]].name for s in process.steps if s.kind != "end"}, path.name
        steps = {f"{process.id}.step.{s.id}" for s in process.steps}
        assert steps <= set(spec.task_specs), path.name


def test_the_file_says_what_the_process_says(exported) -> None:
    language, files = exported
    process = _processes(language)["ADM-004"]
    tree = etree.parse(str(next(f for f in files if f.stem == "ADM-004")))
    node = lambda step: tree.find(f".//*[@id='ADM-004.step.{step}']")  # noqa: E731
    assert node("submit").tag == f"{{{NS['bpmn']}}}userTask"
    assert node("first-review").tag == f"{{{NS['bpmn']}}}exclusiveGateway"
    assert node("topic-meeting").get("calledElement") == "ADM-001"
    assert node("done").tag == f"{{{NS['bpmn']}}}endEvent"
    flows = tree.findall(".//bpmn:sequenceFlow[@sourceRef='ADM-004.step.first-review']", NS)
    assert [f.get("name") for f in flows] == [b.when for b in process.step("first-review").branches]
    assert [f.findtext("bpmn:conditionExpression", namespaces=NS) for f in flows] == [f.get("name") for f in flows]
    archive = node("archive")
    store = archive.find("bpmn:dataOutputAssociation[bpmn:targetRef='ADM-004.archive.archive']", NS)
    assert store is not None and tree.find(".//bpmn:dataStoreReference[@id='ADM-004.archive.archive']", NS) is not None
    form = node("submit").find("bpmn:dataOutputAssociation/bpmn:targetRef", NS).text
    assert tree.find(f".//bpmn:dataObjectReference[@id='{form}']", NS).get("dataObjectRef") == "ADM-004.form.approval-request"
    assert node("submit").findtext("bpmn:documentation", namespaces=NS) == process.step("submit").details
    assert [r.text for r in node("submit").findall("bpmn:humanPerformer/bpmn:resourceRef", NS)] == ["resource.applicant"]
    assert node("stamp").find("bpmn:extensionElements/pm:step", NS).get("within") == process.step("stamp").within


def _bounds(tree: etree._ElementTree) -> dict[str, tuple[float, float, float, float]]:
    return {s.get("bpmnElement"): tuple(float(b.get(k)) for k in ("x", "y", "width", "height"))
            for s in tree.findall(".//bpmndi:BPMNShape", NS) for b in s.findall("dc:Bounds", NS)}


def _inside(inner, outer) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1] and inner[0] + inner[2] <= outer[0] + outer[2]
            and inner[1] + inner[3] <= outer[1] + outer[3])


def _on_border(point: tuple[float, float], box) -> bool:
    x, y = point
    left, top, right, bottom = box[0], box[1], box[0] + box[2], box[1] + box[3]
    inside = left - 0.5 <= x <= right + 0.5 and top - 0.5 <= y <= bottom + 0.5
    return inside and min(abs(x - left), abs(x - right), abs(y - top), abs(y - bottom)) < 0.5


def test_the_diagram_has_a_shape_for_every_lane_and_node_and_a_tidy_orthogonal_edge_for_every_flow(exported) -> None:
    _, files = exported
    for path in files:
        tree = etree.parse(str(path))
        bounds = _bounds(tree)
        lanes = tree.findall(".//bpmn:lane", NS)
        nodes = [e.get("id") for e in tree.find("bpmn:process", NS)
                 if etree.QName(e).localname in ("startEvent", "userTask", "exclusiveGateway", "callActivity", "endEvent")]
        assert all(lane.get("id") in bounds for lane in lanes) and all(n in bounds for n in nodes), path.name
        for lane in lanes:  # lanes are bands: each node sits inside its lane
            for ref in lane.findall("bpmn:flowNodeRef", NS):
                assert _inside(bounds[ref.text], bounds[lane.get("id")]), (path.name, ref.text)
        for a, b in itertools.combinations(nodes, 2):  # no node covers another
            (ax, ay, aw, ah), (bx, by, bw, bh) = bounds[a], bounds[b]
            assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, (path.name, a, b)
        edges = {e.get("bpmnElement"): [(float(w.get("x")), float(w.get("y"))) for w in e.findall("di:waypoint", NS)]
                 for e in tree.findall(".//bpmndi:BPMNEdge", NS)}
        for flow in tree.findall(".//bpmn:sequenceFlow", NS):
            points = edges[flow.get("id")]
            assert len(points) >= 2
            assert all(p[0] == q[0] or p[1] == q[1] for p, q in zip(points, points[1:])), (path.name, flow.get("id"))
            assert _on_border(points[0], bounds[flow.get("sourceRef")]), (path.name, flow.get("id"))
            assert _on_border(points[-1], bounds[flow.get("targetRef")]), (path.name, flow.get("id"))


def test_lanes_are_stacked_in_the_order_roles_first_act(exported) -> None:
    language, files = exported
    for path in files:
        process = _processes(language)[path.stem]
        tree = etree.parse(str(path))
        bounds = _bounds(tree)
        lanes = sorted(tree.findall(".//bpmn:lane", NS), key=lambda lane: bounds[lane.get("id")][1])
        first_acts = list(dict.fromkeys(s.responsible[0] for s in process.steps if s.kind != "end"))
        assert [lane.get("id").split(".lane.")[1] for lane in lanes] == first_acts


def test_element_ids_come_from_process_and_step_ids_and_survive_an_edit(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    first = export(root, tmp_path / "one")
    edit(root, "purchasing/purchase-request.yml", "name: Compare three quotes", "name: Compare at least three quotes")
    second = export(root, tmp_path / "two")
    for a, b in zip(first, second):
        ids = lambda p: sorted(e.get("id") for e in etree.parse(str(p)).iter() if e.get("id"))  # noqa: E731
        assert ids(a) == ids(b)
    assert [p.read_text() for p in first if p.stem != "PUR-001"] == [p.read_text() for p in second if p.stem != "PUR-001"]


def test_author_text_stays_text(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    hostile = 'A <b>bold</b> & "quoted" ]]> <!ENTITY x "y"> &x;\x07 step'  # a bell: XML 1.0 cannot carry it
    edit(root, "purchasing/purchase-request.yml", "name: Compare three quotes", f"name: {json.dumps(hostile)}")
    [path] = [p for p in export(root, tmp_path / "out") if p.stem == "PUR-001"]
    assert xsd_errors(path) == []
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    names = [e.get("name") for e in tree.iter() if e.get("name", "").startswith("A <b>")]
    assert names and set(names) == {'A <b>bold</b> & "quoted" ]]> <!ENTITY x "y"> &x; step'}
    assert not [e for e in tree.iter() if etree.QName(e).localname in ("b", "ENTITY")]


def test_export_refuses_a_handbook_with_errors_and_writes_nothing(tmp_path: Path, capsys) -> None:
    root = copy_handbook(tmp_path)
    edit(root, "purchasing/purchase-request.yml", "next: manager-review", "next: manager-reveiw")
    assert main(["bpmn", "export", str(root), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
    assert "unknown step 'manager-reveiw'" in capsys.readouterr().err


def test_the_preview_exports_again_only_what_changed(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    handbook, cache = load_handbook(root), ExportCache()
    first = handbook_files(handbook.processes, handbook, start_label="Start", cache=cache)
    assert cache.exports == len(handbook.processes)
    assert handbook_files(handbook.processes, handbook, start_label="Start", cache=cache) == first
    assert cache.exports == len(handbook.processes)  # nothing changed: nothing exported again
    edit(root, "purchasing/purchase-request.yml", "name: Compare three quotes", "name: Compare four quotes")
    handbook = load_handbook(root)
    again = handbook_files(handbook.processes, handbook, start_label="Start", cache=cache)
    assert cache.exports == len(handbook.processes) + 1 and "Compare four quotes" in again["PUR-001.bpmn"]
    assert handbook_files(handbook.processes, handbook, start_label="开始", cache=cache) != again


def test_an_arrow_that_would_run_through_a_node_goes_around_it() -> None:
    # a -> b -> c in one row, and a -> c too: straight on, a's arrow to c would cross b
    nodes = [Node("a", "gateway", "lane"), Node("b", "task", "lane"), Node("c", "task", "lane")]
    edges = [Edge("ab", "a", "b"), Edge("bc", "b", "c"), Edge("ac", "a", "c", "skip")]
    placed = layout(nodes, edges, lane_order=["lane"])
    b = placed.shapes["b"]
    route = placed.edges["ac"]
    assert len(route) == 4 and route[1][1] < b.y  # over the top of b
    for (x0, y0), (x1, y1) in zip(route, route[1:]):
        assert not (b.x < max(x0, x1) and min(x0, x1) < b.right and b.y < max(y0, y1) and min(y0, y1) < b.bottom)
    assert placed.labels["ac"].y < b.y  # its label too
