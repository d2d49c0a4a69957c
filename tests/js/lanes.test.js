/* The swimlane layout's pure parts, without a browser: node --test tests/js/ */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const lanes = require("../../plugins/process_manual/build/assets/process-manual-lanes.js");

const nodes = (ids) => ids.map((id) => ({ id }));
const edge = (start, end) => ({ start, end });
const backs = (back) => Object.keys(back).map(Number).sort((a, b) => a - b);

test("a straight flow has no back edge", () => {
  const edges = [edge("a", "b"), edge("b", "c")];
  assert.deepEqual(backs(lanes.backEdges(nodes(["a", "b", "c"]), edges)), []);
});

test("a loop back to an earlier step is the one back edge", () => {
  const edges = [edge("a", "b"), edge("b", "c"), edge("c", "b"), edge("c", "d")];
  assert.deepEqual(backs(lanes.backEdges(nodes(["a", "b", "c", "d"]), edges)), [2]);
});

test("nested loops: each edge that closes a cycle is a back edge", () => {
  const edges = [edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("d", "c"), edge("d", "a"), edge("d", "e")];
  assert.deepEqual(backs(lanes.backEdges(nodes(["a", "b", "c", "d", "e"]), edges)), [3, 4]);
});

test("a self-loop is a back edge", () => {
  assert.deepEqual(backs(lanes.backEdges(nodes(["a", "b"]), [edge("a", "a"), edge("a", "b")])), [0]);
});

test("disconnected nodes are each a root of their own search", () => {
  const edges = [edge("a", "b"), edge("x", "y"), edge("y", "x")];
  assert.deepEqual(backs(lanes.backEdges(nodes(["a", "b", "x", "y"]), edges)), [2]);
});

test("rows: a node sits below every forward predecessor", () => {
  const leaves = nodes(["a", "b", "c", "d"]);
  const edges = [edge("a", "b"), edge("a", "c"), edge("b", "d"), edge("c", "d")];
  const laneOf = { a: 0, b: 1, c: 2, d: 0 };
  const row = lanes.assignRows(leaves, edges, {}, laneOf);
  for (const e of edges) assert.ok(row[e.end] > row[e.start], `${e.start} → ${e.end}`);
  assert.equal(row.b, row.c); /* two lanes may share a row */
});

test("rows: a lane never holds two steps in one row", () => {
  const leaves = nodes(["a", "b", "c", "d"]);
  const edges = [edge("a", "b"), edge("a", "c"), edge("a", "d")];
  const laneOf = { a: 0, b: 1, c: 1, d: 1 };
  const row = lanes.assignRows(leaves, edges, {}, laneOf);
  const taken = new Set(leaves.map((n) => `${laneOf[n.id]}:${row[n.id]}`));
  assert.equal(taken.size, leaves.length);
  assert.deepEqual([row.b, row.c, row.d], [1, 2, 3]); /* pushed down in declaration order */
});

test("rows ignore back edges, so a loop does not push its target down", () => {
  const leaves = nodes(["a", "b", "c"]);
  const edges = [edge("a", "b"), edge("b", "c"), edge("c", "a")];
  const back = lanes.backEdges(leaves, edges);
  const row = lanes.assignRows(leaves, edges, back, { a: 0, b: 0, c: 0 });
  assert.deepEqual([row.a, row.b, row.c], [0, 1, 2]);
});

test("tracks: overlapping runs get distinct tracks, disjoint ones share", () => {
  const tracks = new lanes.Tracks();
  assert.equal(tracks.take(0, 10), 0);
  assert.equal(tracks.take(5, 15), 1);
  assert.equal(tracks.take(20, 30), 0);
  assert.equal(tracks.take(12, 8), 1 + 1); /* overlaps both earlier runs at [8, 12] */
  assert.equal(tracks.count(), 3);
});

test("ports: the first forward edge leaves at the bottom, further ones and loops at a side", () => {
  const edges = [edge("d", "x"), edge("d", "y"), edge("d", "d")];
  const plans = lanes.planPorts(edges, {}, { d: 1, x: 1, y: 0 });
  assert.deepEqual(plans.map((p) => p.port), ["bottom", "left", "right"]);
  assert.equal(plans[2].back, true);
});

test("lanes come in the order their first node was declared, not the order of the subgraphs", () => {
  const found = lanes.lanesOf([
    { id: "L2", isGroup: true }, { id: "L1", isGroup: true }, { id: "empty", isGroup: true },
    { id: "a", parentId: "L1" }, { id: "b", parentId: "L2" }, { id: "c", parentId: "L1" },
  ]);
  assert.deepEqual(found.lanes.map((l) => l.id), ["L1", "L2"]);
  assert.deepEqual(found.laneOf, { a: 0, b: 1, c: 0 });
  assert.throws(() => lanes.lanesOf([{ id: "a" }]), /no lane/);
});
