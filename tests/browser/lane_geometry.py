"""What a drawn process flowchart looks like, measured in Chromium, and what is wrong with it.

`measure(page)` reads the drawn SVG of the page's flowchart: each lane's box and title, each node's
box and link, each edge's path sampled every few pixels (in page coordinates), each branch label's box.
`lane_problems(drawing, process, role_names)` compares that with the process file: each step in the
lane of its (first) responsible role and in no other, start in the first step's lane, each end in the
lane of a step that reaches it, lanes as parallel bands with their role's name, every edge ending at
its target and passing through no other node, no branch label over a node. It knows nothing of how the
layout works: it checks the picture against the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from process_manual.core.model import Process

_MEASURE = """
() => {
  const XLINK = "http://www.w3.org/1999/xlink";
  const canvas = document.querySelector(".pm-flowchart-canvas");
  const svg = canvas && canvas.querySelector("svg");
  if (!svg) return null;
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; };
  const lanes = [...svg.querySelectorAll("g.cluster")].map((c) => ({
    id: c.id, title: (c.querySelector(".cluster-label") || c).textContent.trim(), box: box(c.querySelector("rect")) }));
  const nodes = [...svg.querySelectorAll("g.node")].map((n) => {
    const match = /^flowchart-(.+)-\\d+$/.exec(n.id);
    const link = n.closest("a");
    return { id: match ? match[1] : n.id, box: box(n), text: n.textContent.trim(),
             href: link ? (link.getAttribute("href") || link.getAttributeNS(XLINK, "href")) : null };
  });
  const edges = [...svg.querySelectorAll("path.flowchart-link")].map((path) => {
    const match = /^L_(.+?)_(.+)_\\d+$/.exec(path.id);
    const matrix = path.getScreenCTM();
    const length = path.getTotalLength();
    const points = [];
    for (let t = 0; t <= length; t += 3) {
      const p = path.getPointAtLength(t).matrixTransform(matrix);
      points.push([p.x, p.y]);
    }
    const end = path.getPointAtLength(length).matrixTransform(matrix);
    points.push([end.x, end.y]);
    return { id: path.id, from: match ? match[1] : null, to: match ? match[2] : null, points };
  });
  const labels = [...svg.querySelectorAll("g.edgeLabel")].filter((l) => l.textContent.trim()).map((l) => ({
    text: l.textContent.trim(), box: box(l) }));
  return { lanes, nodes, edges, labels, ms: Number(canvas.dataset.pmRenderMs || 0), layout: canvas.dataset.pmLayout };
}
"""

Box = tuple[float, float, float, float]


@dataclass
class Drawing:
    lanes: list[dict[str, Any]]
    nodes: dict[str, dict[str, Any]]
    edges: list[dict[str, Any]]
    labels: list[dict[str, Any]]
    ms: float
    layout: str


def measure(page: Any) -> Drawing:
    data = page.evaluate(_MEASURE)
    assert data is not None, f"{page.url}: no drawn flowchart"
    return Drawing(data["lanes"], {n["id"]: n for n in data["nodes"]}, data["edges"], data["labels"],
                   data["ms"], data["layout"])


def _inside(point: tuple[float, float], box: Box, margin: float = 0.0) -> bool:
    x, y, w, h = box
    return x - margin <= point[0] <= x + w + margin and y - margin <= point[1] <= y + h + margin


def _overlap(a: Box, b: Box, shrink: float = 1.0) -> bool:
    return (a[0] + shrink < b[0] + b[2] and b[0] + shrink < a[0] + a[2] and
            a[1] + shrink < b[1] + b[3] and b[1] + shrink < a[1] + a[3])


def _lanes_holding(drawing: Drawing, box: Box) -> list[str]:
    """Titles of the lanes whose band contains the box's horizontal middle... and the whole box."""
    holding = []
    for lane in drawing.lanes:
        x, _, w, _ = lane["box"]
        if x - 0.5 <= box[0] and box[0] + box[2] <= x + w + 0.5:
            holding.append(lane["title"])
        elif box[0] < x + w and x < box[0] + box[2]:
            holding.append(lane["title"] + " (partly)")
    return holding


def lane_problems(drawing: Drawing, process: Process, role_names: dict[str, str]) -> list[str]:
    """Everything about the drawing that contradicts the process file, as sentences."""
    problems: list[str] = []
    node_of = {step.id: f"n{i}" for i, step in enumerate(process.steps)}
    step_of = {node: step for node, step in zip(node_of.values(), process.steps)}

    # Lanes: parallel bands across the whole flow, side by side without overlap, each titled with a role.
    titles = [lane["title"] for lane in drawing.lanes]
    if any(not title for title in titles):
        problems.append(f"a lane has no title: {titles}")
    unknown = [t for t in titles if t not in role_names.values()]
    if unknown:
        problems.append(f"lanes titled with no role's name: {unknown}")
    if len(set(titles)) != len(titles):
        problems.append(f"two lanes for one role: {titles}")
    boxes = sorted(lane["box"] for lane in drawing.lanes)
    for lane in drawing.lanes:
        if abs(lane["box"][1] - boxes[0][1]) > 1 or abs(lane["box"][3] - boxes[0][3]) > 1:
            problems.append(f"lane {lane['title']!r} does not span the same extent as the others: {lane['box']}")
    for left, right in zip(boxes, boxes[1:]):
        if right[0] < left[0] + left[2] - 1:
            problems.append(f"lanes overlap: {left} and {right}")

    # Steps: each inside the lane of its first responsible role and no other.
    predecessors: dict[str, list[str]] = {}
    for step in process.steps:
        for target in step.targets():
            predecessors.setdefault(target, []).append(step.id)
    for step in process.steps:
        node = drawing.nodes.get(node_of[step.id])
        if node is None:
            problems.append(f"step {step.id!r} is not drawn")
            continue
        holding = _lanes_holding(drawing, node["box"])
        if step.responsible:
            wanted = {role_names[step.responsible[0]]}
        else:  # an end: the lane of a step that reaches it
            wanted = {role_names[s.responsible[0]] for s in process.steps
                      if s.id in predecessors.get(step.id, []) and s.responsible}
        if len(holding) != 1 or holding[0] not in wanted:
            problems.append(f"step {step.id!r} lies in lane(s) {holding}, expected one of {sorted(wanted)}")
        expected_href = f"#step-{step.id}"
        if step.kind != "subprocess" and node["href"] != expected_href:
            problems.append(f"step {step.id!r} links to {node['href']!r}, not {expected_href!r}")
    start = drawing.nodes.get("start")
    if start is None:
        problems.append("no start node")
    elif process.steps and process.steps[0].responsible:
        holding = _lanes_holding(drawing, start["box"])
        if holding != [role_names[process.steps[0].responsible[0]]]:
            problems.append(f"start lies in lane(s) {holding}, not in the first step's")

    # Edges: one per link of the file, ending at its target, through no other node.
    expected_edges = [("start", node_of[process.steps[0].id])] if process.steps else []
    for step in process.steps:
        expected_edges += [(node_of[step.id], node_of[t]) for t in step.targets() if t in node_of]
    drawn_edges = sorted((e["from"], e["to"]) for e in drawing.edges)
    if drawn_edges != sorted(expected_edges):
        problems.append(f"edges drawn {drawn_edges} differ from the file's {sorted(expected_edges)}")
    for edge in drawing.edges:
        target = drawing.nodes.get(edge["to"])
        if target is None:
            continue
        end = tuple(edge["points"][-1])
        if not _inside(end, target["box"], margin=8):
            problems.append(f"edge {edge['id']} ends at {end}, off its target {edge['to']} {target['box']}")
        for node_id, node in drawing.nodes.items():
            if node_id in (edge["from"], edge["to"]):
                continue
            x, y, w, h = node["box"]
            inner = (x + 2, y + 2, w - 4, h - 4)
            if any(_inside(tuple(p), inner) for p in edge["points"]):
                name = step_of[node_id].id if node_id in step_of else node_id
                problems.append(f"edge {edge['id']} passes through node {name!r}")
                break

    # Branch labels beside their edges, never over a step.
    for label in drawing.labels:
        for node_id, node in drawing.nodes.items():
            if _overlap(label["box"], node["box"]):
                problems.append(f"branch label {label['text']!r} covers node {node_id}")
    return problems
