"""Where each shape of an exported BPMN diagram goes: swimlanes as horizontal bands, nodes in
columns by their rank along the flow, edges with orthogonal waypoints.

Pure geometry: it knows nodes, lanes and edges by id, nothing of XML or of the process model.
The rules, so that a modeler draws the file tidily:

- one lane per role, top to bottom in the order the roles first act; the start event sits in the
  lane of the first step, an end event in the lane of the step that leads to it;
- a node's column is its longest distance from the start, back edges (loops) not counted, so
  every forward arrow points right;
- nodes that share a lane and a column are stacked in rows inside the lane;
- forward edges leave a task to the right (a gateway by its top or bottom corner towards the
  target's row) and bend at right angles; loops run back above the nodes;
- a step's artifacts (forms, the archive) sit under it, joined by a vertical line.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections import deque
from dataclasses import dataclass, field

# Sizes bpmn-js and most modelers use for their default shapes.
SIZES = {"task": (100, 80), "gateway": (50, 50), "event": (36, 36), "data": (36, 50), "store": (50, 50)}
POOL_HEADER = 30
LANE_HEADER = 30
COLUMN = 190
ROW = 140
ARTIFACT_ROW = 90
"""Extra height of a row whose nodes have forms or an archive under them."""
MARGIN = 50
NODE_Y = 80
"""Centre of a node below the top of its row: room above it for loops running back."""
LABEL = (120, 40)
"""The label under a gateway or an event (room for three lines)."""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


Point = tuple[float, float]


@dataclass
class Node:
    id: str
    shape: str
    """A key of SIZES (never "data" or "store": those are artifacts)."""
    lane: str | None
    """The lane's key; None = the lane of the node that leads to it (ends), else of the first node."""
    artifacts: list[tuple[str, str]] = field(default_factory=list)
    """(artifact id, "data" or "store") drawn under the node."""


@dataclass
class Edge:
    id: str
    source: str
    target: str
    label: str | None = None


@dataclass
class Layout:
    pool: Box
    lanes: dict[str, Box]
    shapes: dict[str, Box]
    """Nodes and artifacts by id."""
    edges: dict[str, list[Point]]
    """Sequence flows and artifact links by id."""
    labels: dict[str, Box]
    """Where the label of a named edge, gateway or event goes, by element id."""
    lane_order: list[str]
    node_lane: dict[str, str]


def _ranks(nodes: list[Node], edges: list[Edge]) -> tuple[dict[str, int], set[str]]:
    """Each node's column, and the ids of the back edges (those that close a loop)."""
    out: dict[str, list[Edge]] = {n.id: [] for n in nodes}
    for edge in edges:
        if edge.source in out and edge.target in out:
            out[edge.source].append(edge)
    back: set[str] = set()
    state: dict[str, int] = {}  # 1 = on the depth-first path, 2 = done
    for root in [n.id for n in nodes]:  # nodes unreachable from the first still get a column
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out[root]))]
        while stack:
            node, pending = stack[-1]
            following = next(pending, None)
            if following is None:
                state[node] = 2
                stack.pop()
            elif state.get(following.target) == 1:
                back.add(following.id)
            elif following.target not in state:
                state[following.target] = 1
                stack.append((following.target, iter(out[following.target])))
    indegree = {n.id: 0 for n in nodes}
    for edges_out in out.values():
        for edge in edges_out:
            if edge.id not in back:
                indegree[edge.target] += 1
    rank = {n.id: 0 for n in nodes}
    ready = deque(n.id for n in nodes if indegree[n.id] == 0)
    while ready:  # longest path over the forward edges (they form a DAG)
        node = ready.popleft()
        for edge in out[node]:
            if edge.id in back:
                continue
            rank[edge.target] = max(rank[edge.target], rank[node] + 1)
            indegree[edge.target] -= 1
            if indegree[edge.target] == 0:
                ready.append(edge.target)
    return rank, back


def _lanes_of(nodes: list[Node], edges: list[Edge]) -> dict[str, str]:
    first_lane = next((n.lane for n in nodes if n.lane is not None), "")
    lane = {n.id: n.lane for n in nodes if n.lane is not None}
    for node in nodes:
        if node.id not in lane:
            source = next((e.source for e in edges if e.target == node.id and e.source in lane), None)
            lane[node.id] = lane[source] if source else first_lane
    return lane


def layout(nodes: list[Node], edges: list[Edge], *, lane_order: list[str], origin: Point = (160, 80)) -> Layout:
    """Place every node, lane and edge. `nodes` come in reading order (start first); `lane_order`
    lists the lanes top to bottom (lanes without nodes are left out)."""
    rank, back = _ranks(nodes, edges)
    node_lane = _lanes_of(nodes, edges)
    lanes = [key for key in lane_order if key in node_lane.values()]
    lanes += [key for key in dict.fromkeys(node_lane.values()) if key not in lanes]
    by_id = {n.id: n for n in nodes}
    cells: dict[tuple[str, int], list[str]] = {}
    for node in nodes:
        cells.setdefault((node_lane[node.id], rank[node.id]), []).append(node.id)
    row_of = {nid: i for ids in cells.values() for i, nid in enumerate(ids)}
    columns = max(rank.values(), default=0) + 1
    width = POOL_HEADER + LANE_HEADER + 2 * MARGIN + (columns - 1) * COLUMN + SIZES["task"][0]
    x0, y = origin
    lane_boxes: dict[str, Box] = {}
    shapes: dict[str, Box] = {}
    labels: dict[str, Box] = {}
    for key in lanes:
        rows = max((len(ids) for (lane, _), ids in cells.items() if lane == key), default=1)
        row_tops, top = [], y
        for row in range(rows):
            row_tops.append(top)
            has_artifacts = any(
                by_id[nid].artifacts for (lane, _), ids in cells.items() if lane == key for nid in ids[row : row + 1]
            )
            top += ROW + (ARTIFACT_ROW if has_artifacts else 0)
        lane_boxes[key] = Box(x0 + POOL_HEADER, y, width - POOL_HEADER, top - y)
        for (lane, column), ids in cells.items():
            if lane != key:
                continue
            for nid in ids:
                w, h = SIZES[by_id[nid].shape]
                cx = x0 + POOL_HEADER + LANE_HEADER + MARGIN + column * COLUMN + SIZES["task"][0] / 2
                cy = row_tops[row_of[nid]] + NODE_Y
                box = Box(cx - w / 2, cy - h / 2, w, h)
                shapes[nid] = box
                below = box.bottom
                if by_id[nid].shape in ("gateway", "event"):  # its name is written under it
                    # a gateway's name goes below and to the left: its arrows leave by the bottom corner
                    # and its forms hang to the right
                    left = box.cx - LABEL[0] - 4 if by_id[nid].shape == "gateway" else box.cx - LABEL[0] / 2
                    labels[nid] = Box(left, box.bottom + 4, *LABEL)
                    below = box.bottom if by_id[nid].shape == "gateway" else box.bottom + LABEL[1]
                _place_artifacts(by_id[nid], box, below, shapes, labels)
        y = top
    pool = Box(x0, origin[1], width, y - origin[1])
    routes, edge_labels = _route(
        edges, shapes, {n.id: n.shape for n in nodes}, back, rank, {n.id for n in nodes if n.artifacts}
    )
    labels.update(edge_labels)
    for node in nodes:
        for artifact_id, _ in node.artifacts:
            a, b = shapes[node.id], shapes[artifact_id]
            if node.shape == "task":
                routes[f"{artifact_id}.link"] = [(b.cx, a.bottom), (b.cx, b.y)]
            else:  # from the lower right side of the diamond or circle
                routes[f"{artifact_id}.link"] = [(a.cx + a.width / 4, a.cy + a.height / 4), (b.cx, b.y)]
    return Layout(pool, lane_boxes, shapes, routes, labels, lanes, node_lane)


def _place_artifacts(node: Node, box: Box, below: float, shapes: dict[str, Box], labels: dict[str, Box]) -> None:
    """Forms and the archive side by side under a task, centred on it; under and right of a gateway or
    event, whose bottom corner is where its arrows to lower rows leave (its name is on the left)."""
    if not node.artifacts:
        return
    gap = 30  # room for the names modelers write under data objects
    sizes = [SIZES[kind] for _, kind in node.artifacts]
    total = sum(w for w, _ in sizes) + gap * (len(sizes) - 1)
    x = box.cx - total / 2 if node.shape == "task" else box.cx + 30
    for (artifact_id, _), (w, h) in zip(node.artifacts, sizes, strict=False):
        shapes[artifact_id] = Box(x, below + 24, w, h)
        labels[artifact_id] = Box(x - gap / 2 + 2, below + 24 + h + 4, w + gap - 4, 40)
        x += w + gap


def _route(
    edges: list[Edge],
    shapes: dict[str, Box],
    kinds: dict[str, str],
    back: set[str],
    rank: dict[str, int],
    with_artifacts: set[str],
) -> tuple[dict[str, list[Point]], dict[str, Box]]:
    """Each edge takes the first of its candidate routes that runs through no other shape (or through fewest)."""
    routes: dict[str, list[Point]] = {}
    labels: dict[str, Box] = {}
    hops_into: dict[str, int] = {}
    bends: dict[int, int] = {}
    for edge in edges:
        if edge.source not in shapes or edge.target not in shapes:
            continue
        s, t = shapes[edge.source], shapes[edge.target]
        gateway = kinds[edge.source] == "gateway"
        width = min(110.0, text_width(edge.label or "") + 8)
        others = [box for key, box in shapes.items() if key not in (edge.source, edge.target)]
        candidates: list[tuple[list[Point], Point]] = []
        forward = edge.id not in back and rank[edge.target] > rank[edge.source]
        if forward and abs(s.cy - t.cy) < 1:  # straight on
            candidates.append(([(s.right, s.cy), (t.x, t.cy)], (s.right + 6, s.cy - 18)))
        if forward and gateway and abs(s.cy - t.cy) >= 1:  # by the corner facing the target's row, then in
            corner = (s.cx, s.y) if t.cy < s.cy else (s.cx, s.bottom)
            candidates.append(([corner, (s.cx, t.cy), (t.x, t.cy)], (s.cx + 6, t.cy - 18)))
        if forward and abs(s.cy - t.cy) >= 1:  # right, then up or down just before the target's column
            column = round(t.cx)
            bend = t.x - 16 - 10 * bends.get(column, 0)
            # a gateway's arrows share their first stretch: each label goes by its own turn
            candidates.append(
                (
                    [(s.right, s.cy), (bend, s.cy), (bend, t.cy), (t.x, t.cy)],
                    (bend - width - 3, s.cy - 18) if gateway else (s.right + 6, s.cy - 18),
                )
            )
            early = s.right + 16 + 10 * bends.get(round(s.cx), 0)  # or just after the source's
            candidates.append(([(s.right, s.cy), (early, s.cy), (early, t.cy), (t.x, t.cy)], (early + 6, t.cy - 18)))
        # over the top: up, across above both nodes, down into the target (loops always go this way)
        lift = 14 + 8 * hops_into.get(edge.target, 0)
        top = min(s.y, t.y) - lift
        hop = [(s.cx, s.y), (s.cx, top), (t.cx, top), (t.cx, t.y)]
        candidates.append((hop, (s.cx + 6, s.y - 18) if s.y - top > 30 else (s.cx + 6, top + 3)))
        low = max(s.bottom, t.bottom) + lift  # or under both, when the way over the top is taken
        under = [(s.cx, s.bottom), (s.cx, low), (t.cx, low), (t.cx, t.bottom)]
        candidates.append((under, (s.cx + 6, low + 2)))
        # the first route that crosses nothing, else the one that crosses least
        # (under a node, its forms' links would run along the line: that counts as a crossing too)
        penalty = {id(under): 0.5 * len({edge.source, edge.target} & with_artifacts)}
        points, label_at = min(candidates, key=lambda c: _crossings(c[0], others) + penalty.get(id(c[0]), 0))
        if points is hop or points is under:
            hops_into[edge.target] = hops_into.get(edge.target, 0) + 1
        elif len(points) == 4:
            column = round(t.cx) if points[1][0] < t.x and points[1][0] > s.right + 40 else round(s.cx)
            bends[column] = bends.get(column, 0) + 1
        routes[edge.id] = points
        if edge.label:  # labels sit above their line (a long one grows upwards), under the way over the top
            lines = math.ceil((text_width(edge.label) + 8) / 110)
            grow = 0 if label_at == (s.cx + 6, top + 3) else 14 * (lines - 1)
            labels[edge.id] = Box(label_at[0], label_at[1] - grow, width, 14 * lines)
    return routes, labels


def _crossings(points: list[Point], boxes: list[Box]) -> int:
    """How many of `boxes` the orthogonal line through `points` runs through (with a margin of 3 px)."""
    crossed = 0
    for box in boxes:
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if (
                box.x - 3 < max(x0, x1)
                and min(x0, x1) < box.right + 3
                and box.y - 3 < max(y0, y1)
                and min(y0, y1) < box.bottom + 3
            ):
                crossed += 1
                break
    return crossed


def text_width(text: str) -> float:
    """About how wide a modeler writes `text` in its 11 px label font (CJK characters are twice as wide)."""
    return sum(12.0 if unicodedata.east_asian_width(c) in "WF" else 6.5 for c in text)
