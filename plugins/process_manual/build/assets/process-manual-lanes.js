/* Swimlane layout for Mermaid flowcharts: `config: {layout: process-lanes}` in a diagram's front matter.
 *
 * Mermaid draws a flowchart's nodes, clusters and edges itself and leaves their placement to a layout
 * engine (dagre by default). This engine places every top-level subgraph as a vertical lane, side by
 * side in the order they are declared, and every node in the lane of its subgraph:
 *   - rows: each node sits one row below its latest forward predecessor, and never shares a row with
 *     another node of its lane, so lanes are parallel bands and the flow runs down through them;
 *   - edges are orthogonal and run only through space no node occupies: out of a node, into the gap
 *     ("channel") below its row, along corridors at the lanes' sides, into the target from above;
 *   - a branch label sits where its edge leaves the decision, inside the decision's lane.
 * Loops (an edge back up the flow) leave their node sideways and climb a corridor of their own lane.
 * It is registered with `mermaid.registerLayoutLoaders` as soon as this file runs; a diagram that
 * names it where it is not registered is drawn by dagre (Mermaid's fallback), still complete.
 */
(function () {
  "use strict";

  var NAME = "process-lanes";
  var HEADER = 48;        /* lane title band */
  var CHANNEL = 30;       /* gap between two rows before any edge track or label is added */
  var TRACK = 8;          /* distance between two parallel edge segments */
  var MARGIN = 14;        /* a lane's free side strip before any corridor track is added */
  var MIN_LANE = 170;
  var LABEL_GAP = 6;

  function Tracks() { this.items = []; }
  /* Greedy interval colouring: a segment takes the first track where it overlaps nothing. */
  Tracks.prototype.take = function (from, to) {
    var low = Math.min(from, to), high = Math.max(from, to), track = 0;
    for (;;) {
      var clash = this.items.some(function (item) {
        return item.track === track && item.low <= high + 0.5 && low <= item.high + 0.5;
      });
      if (!clash) break;
      track += 1;
    }
    this.items.push({ low: low, high: high, track: track });
    return track;
  };
  Tracks.prototype.count = function () {
    return this.items.reduce(function (n, item) { return Math.max(n, item.track + 1); }, 0);
  };

  /* Which edges go back up the flow: depth-first from the first node, in declaration order. */
  function backEdges(leaves, edges) {
    var out = {}, state = {}, back = {};
    leaves.forEach(function (node) { out[node.id] = []; });
    edges.forEach(function (edge, index) { if (out[edge.start]) out[edge.start].push(index); });
    leaves.forEach(function (root) {
      if (state[root.id]) return;
      var stack = [[root.id, 0]];
      state[root.id] = 1;
      while (stack.length) {
        var top = stack[stack.length - 1], list = out[top[0]];
        if (top[1] >= list.length) { state[top[0]] = 2; stack.pop(); continue; }
        var index = list[top[1]++], target = edges[index].end;
        if (state[target] === 1) back[index] = true;
        else if (!state[target] && out[target]) { state[target] = 1; stack.push([target, 0]); }
      }
    });
    return back;
  }

  /* Mermaid's layout interface, reached only through here. `render(data, svg, helpers)` receives Mermaid's
   * internal drawing helpers; their signatures are Mermaid's, not a public API, so this adapter names the
   * version it was written for and tests/js/mermaid-adapter.test.js fails when the installed one differs. */
  var MERMAID_VERSION = "11.12.1";
  function adapter(helpers, data) {
    return {
      markers: function (root) { helpers.insertMarkers(root, data.markers, data.type, data.diagramId); },
      node: function (group, node) { return helpers.insertNode(group, node, { config: data.config || {}, dir: data.direction }); },
      edgeLabel: function (group, edge) { return helpers.insertEdgeLabel(group, edge); },
      cluster: function (group, cluster) { return helpers.insertCluster(group, cluster); },
      edge: function (group, edge, from, to) {
        /* insertEdge(elem, edge, clusterDb, diagramType, startNode, endNode, diagramId, skipIntersect) */
        var paths = helpers.insertEdge(group, edge, new Map(), data.type, from, to, data.diagramId, true);
        helpers.positionEdgeLabel(edge, { originalPath: paths && paths.originalPath });
      }
    };
  }

  /* Lanes: the top-level subgraphs that hold a node, in the order their first node was declared (not in
   * the order Mermaid happens to list subgraphs), and each node's lane index. */
  function lanesOf(nodes) {
    var leaves = nodes.filter(function (n) { return !n.isGroup; });
    var groups = nodes.filter(function (n) { return n.isGroup && !n.parentId; });
    var firstUse = {};
    leaves.forEach(function (n, i) { if (!(n.parentId in firstUse)) firstUse[n.parentId] = i; });
    var lanes = groups.filter(function (g) { return g.id in firstUse; })
      .sort(function (a, b) { return firstUse[a.id] - firstUse[b.id]; });
    if (!lanes.length) throw new Error("process-lanes: the flowchart has no lane (top-level subgraph)");
    var laneIndex = {}, laneOf = {};
    lanes.forEach(function (lane, i) { laneIndex[lane.id] = i; });
    leaves.forEach(function (n) {
      if (!(n.parentId in laneIndex)) throw new Error("process-lanes: node " + n.id + " is in no lane");
      laneOf[n.id] = laneIndex[n.parentId];
    });
    return { leaves: leaves, lanes: lanes, laneOf: laneOf };
  }

  /* Ports: a node's first forward edge leaves at the bottom; further ones, and loops, at a side (towards
   * the target's lane when that side is still free). */
  function planPorts(edges, back, laneOf) {
    var used = {};
    return edges.map(function (edge, index) {
      var plan = { edge: edge, from: edge.start, to: edge.end, back: !!back[index] || edge.start === edge.end };
      if (!plan.back && !used[plan.from + ":bottom"]) {
        plan.port = "bottom";
      } else {
        var prefer = laneOf[plan.to] < laneOf[plan.from] ? ["left", "right"] : ["right", "left"];
        var free = prefer.filter(function (s) { return !used[plan.from + ":" + s]; });
        plan.port = free.length ? free[0] : prefer[0];
      }
      used[plan.from + ":" + plan.port] = true;
      return plan;
    });
  }

  /* Rows: longest path over forward edges, pushed down while the lane's row is taken. */
  function assignRows(leaves, edges, back, laneOf) {
    var preds = {}, indegree = {}, row = {}, taken = {};
    leaves.forEach(function (node) { preds[node.id] = []; indegree[node.id] = 0; });
    edges.forEach(function (edge, index) {
      if (back[index] || edge.start === edge.end || !(edge.end in preds) || !(edge.start in preds)) return;
      preds[edge.end].push(edge.start);
      indegree[edge.end] += 1;
    });
    var ready = leaves.filter(function (node) { return indegree[node.id] === 0; }).map(function (n) { return n.id; });
    var order = {};
    leaves.forEach(function (node, i) { order[node.id] = i; });
    var succ = {};
    leaves.forEach(function (node) { succ[node.id] = []; });
    Object.keys(preds).forEach(function (id) { preds[id].forEach(function (p) { succ[p].push(id); }); });
    while (ready.length) {
      ready.sort(function (a, b) { return order[a] - order[b]; });
      var id = ready.shift();
      var r = preds[id].reduce(function (m, p) { return Math.max(m, row[p] + 1); }, 0);
      while (taken[laneOf[id] + ":" + r]) r += 1;
      row[id] = r;
      taken[laneOf[id] + ":" + r] = true;
      succ[id].forEach(function (s) { if (--indegree[s] === 0) ready.push(s); });
    }
    return row;
  }

  async function render(data, svg, helpers) {
    var mermaid = adapter(helpers, data);
    var root = svg.select("g");
    mermaid.markers(root);
    var elem = root.insert("g").attr("class", "root");
    var clusterGroup = elem.insert("g").attr("class", "clusters");
    var pathGroup = elem.insert("g").attr("class", "edgePaths");
    var labelGroup = elem.insert("g").attr("class", "edgeLabels");
    var nodeGroup = elem.insert("g").attr("class", "nodes");

    var found = lanesOf(data.nodes), leaves = found.leaves, lanes = found.lanes, laneOf = found.laneOf;
    var byId = {};
    leaves.forEach(function (n) { byId[n.id] = n; });
    var edges = data.edges.filter(function (e) { return byId[e.start] && byId[e.end]; });

    /* Sizes first: Mermaid draws each node and label, and measures it. */
    var elements = {};
    for (var i = 0; i < leaves.length; i++) {
      elements[leaves[i].id] = await mermaid.node(nodeGroup, leaves[i]);
    }
    for (var j = 0; j < edges.length; j++) {
      edges[j].curve = "linear";
      if (edges[j].label) await mermaid.edgeLabel(labelGroup, edges[j]);
    }
    var laneTitle = [];
    var probe = clusterGroup.insert("g");
    for (var k = 0; k < lanes.length; k++) {
      var trial = Object.assign({}, lanes[k], { x: 0, y: 0, width: 1, height: 1, padding: 0 });
      var drawn = await mermaid.cluster(probe, trial);
      laneTitle.push(drawn.labelBBox);
    }
    probe.remove();

    var back = backEdges(leaves, edges);
    var row = assignRows(leaves, edges, back, laneOf);
    var rows = leaves.reduce(function (m, n) { return Math.max(m, row[n.id] + 1); }, 0);
    var occupied = {};
    leaves.forEach(function (n) { occupied[laneOf[n.id] + ":" + row[n.id]] = n; });
    function freeBetween(lane, fromRow, toRow) {
      for (var r = fromRow + 1; r < toRow; r++) if (occupied[lane + ":" + r]) return false;
      return true;
    }

    var plans = planPorts(edges, back, laneOf);

    /* Abstract routes: which channel and corridor each edge uses, before any coordinate is known. */
    var channels = {}, corridors = {};
    function channel(c) { return channels[c] || (channels[c] = { tracks: new Tracks(), label: 0 }); }
    function corridor(lane, s) { var key = lane + s; return corridors[key] || (corridors[key] = { tracks: new Tracks() }); }
    var sideRoom = lanes.map(function () { return { left: 0, right: 0 }; });
    plans.forEach(function (plan) {
      var a = laneOf[plan.from], b = laneOf[plan.to], ra = row[plan.from], rb = row[plan.to];
      var labelW = plan.edge.label ? (plan.edge.width || 0) : 0, labelH = plan.edge.label ? (plan.edge.height || 0) : 0;
      plan.steps = [];
      if (plan.port === "bottom") {
        if (labelH) channel(ra).label = Math.max(channel(ra).label, labelH + LABEL_GAP);
        if (a === b && freeBetween(a, ra, rb)) { plan.steps.push({ straight: true }); return; }
        if (rb === ra + 1 || freeBetween(b, ra, rb)) {
          plan.steps.push({ channel: ra, toLane: b });
          return;
        }
        var s = b > a ? "left" : "right";
        plan.steps.push({ channel: ra, toCorridor: [b, s] }, { corridor: [b, s], fromRow: ra, toRow: rb - 1 }, { channel: rb - 1, toLane: b });
        return;
      }
      /* a side port: out to the corridor of its own lane, along it, then across a channel */
      if (labelW) sideRoom[a][plan.port] = Math.max(sideRoom[a][plan.port], (byId[plan.from].width || 0) / 2 + labelW + 2 * LABEL_GAP);
      var target = plan.back ? rb - 1 : (freeBetween(b, ra, rb) ? ra : rb - 1);
      plan.steps.push({ corridor: [a, plan.port], fromRow: ra, toRow: target, fromNode: true }, { channel: target, toLane: b });
    });

    /* Corridor tracks by the rows each vertical run spans. */
    plans.forEach(function (plan) {
      plan.steps.forEach(function (step) {
        if (!step.corridor) return;
        /* in row units: row r spans [r, r + 1), the channel below it lies at r + 1, a node's middle at r + 0.5 */
        var low = step.fromNode ? step.fromRow + 0.5 : step.fromRow + 1;
        step.track = corridor(step.corridor[0], step.corridor[1]).tracks.take(low, step.toRow + 1);
      });
    });
    /* Lane widths: the widest node with its side labels, plus the corridors on both sides. A lane's axis
     * (where its nodes are centred) leaves room on each side for that side's labels. */
    var laneWidth = [], laneX = [], axis = [], x = 0;
    lanes.forEach(function (lane, l) {
      var half = 0;
      leaves.forEach(function (n) { if (laneOf[n.id] === l) half = Math.max(half, (n.width || 0) / 2); });
      var left = Math.max(half, sideRoom[l].left), right = Math.max(half, sideRoom[l].right);
      var marginLeft = MARGIN + 10 + TRACK * (corridors[l + "left"] ? corridors[l + "left"].tracks.count() : 0);
      var marginRight = MARGIN + 10 + TRACK * (corridors[l + "right"] ? corridors[l + "right"].tracks.count() : 0);
      var needed = marginLeft + left + right + marginRight;
      var width = Math.max(MIN_LANE, needed, (laneTitle[l].width || 0) + 24);
      laneWidth.push(width);
      laneX.push(x);
      axis.push(x + marginLeft + left + (width - needed) / 2);
      x += width;
    });
    function centerX(l) { return axis[l]; }
    /* where a channel run ends: a lane's axis, or (on its way down a corridor) the corridor's first track */
    function channelEndX(step) {
      return step.toCorridor ? corridorX(step.toCorridor[0], step.toCorridor[1], 0) : centerX(step.toLane);
    }
    function corridorX(l, s, track) {
      return s === "left" ? laneX[l] + 8 + track * TRACK : laneX[l] + laneWidth[l] - 8 - track * TRACK;
    }

    /* Channel tracks by the horizontal extent of each run; needs the lanes' x. */
    function startX(plan) {
      var node = byId[plan.from];
      if (plan.port === "bottom") return centerX(laneOf[plan.from]);
      return plan.port === "left" ? centerX(laneOf[plan.from]) - node.width / 2 : centerX(laneOf[plan.from]) + node.width / 2;
    }
    plans.forEach(function (plan) {
      var cursor = startX(plan);
      plan.steps.forEach(function (step) {
        if (step.corridor) { cursor = corridorX(step.corridor[0], step.corridor[1], step.track); return; }
        if (step.channel === undefined) return;
        var end = channelEndX(step);
        step.from = cursor; step.to = end;
        step.track = channel(step.channel).tracks.take(cursor, end);
        cursor = end;
      });
    });

    /* Rows' y: the tallest node of the row, then the channel below it with its labels and tracks. */
    var rowTop = [], rowHeight = [];
    function channelHeight(c) {
      var ch = channels[c];
      return CHANNEL + (ch ? ch.label + TRACK * Math.max(0, ch.tracks.count() - 1) : 0);
    }
    var header = laneTitle.reduce(function (m, box) { return Math.max(m, (box.height || 0) + 24); }, HEADER);
    var y = header + channelHeight(-1);
    for (var r = 0; r < rows; r++) {
      var tallest = 0;
      leaves.forEach(function (n) { if (row[n.id] === r) tallest = Math.max(tallest, n.height || 0); });
      rowTop.push(y);
      rowHeight.push(tallest);
      y += tallest + channelHeight(r);
    }
    var height = y;
    function channelY(c, track) {
      var top = c < 0 ? header : rowTop[c] + rowHeight[c];
      var ch = channels[c];
      return top + (ch ? ch.label : 0) + CHANNEL / 2 + track * TRACK;
    }

    leaves.forEach(function (n) {
      n.x = centerX(laneOf[n.id]);
      n.y = rowTop[row[n.id]] + rowHeight[row[n.id]] / 2;
      elements[n.id].attr("transform", "translate(" + n.x + ", " + n.y + ")");
    });

    for (var m = 0; m < lanes.length; m++) {
      var lane = Object.assign(lanes[m], { x: laneX[m] + laneWidth[m] / 2, y: height / 2, width: laneWidth[m], height: height, padding: 0 });
      var drawnLane = await mermaid.cluster(clusterGroup, lane);
      drawnLane.cluster.attr("data-pm-lane", String(m));
    }

    /* Points of every edge, and where its label goes. */
    plans.forEach(function (plan) {
      var from = byId[plan.from], to = byId[plan.to];
      var points = [];
      var start;
      if (plan.port === "bottom") start = { x: from.x, y: from.y + from.height / 2 };
      else if (plan.port === "left") start = { x: from.x - from.width / 2, y: from.y };
      else start = { x: from.x + from.width / 2, y: from.y };
      points.push(start);
      var cursor = { x: start.x, y: start.y };
      plan.steps.forEach(function (step) {
        if (step.straight) return;
        if (step.corridor) {
          var cx = corridorX(step.corridor[0], step.corridor[1], step.track);
          if (cursor.x !== cx) { points.push({ x: cx, y: cursor.y }); }
          cursor = { x: cx, y: cursor.y };
          return;
        }
        var cy = channelY(step.channel, step.track);
        points.push({ x: cursor.x, y: cy });
        var endX = channelEndX(step);
        points.push({ x: endX, y: cy });
        cursor = { x: endX, y: cy };
      });
      points.push({ x: to.x, y: to.y - to.height / 2 });
      /* drop repeated and collinear points */
      var clean = [];
      points.forEach(function (p) {
        var last = clean[clean.length - 1];
        if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) return;
        var before = clean[clean.length - 2];
        if (last && before && ((Math.abs(before.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) ||
                               (Math.abs(before.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01))) clean.pop();
        clean.push(p);
      });
      if (clean.length === 1) clean.push({ x: to.x, y: to.y - to.height / 2 });
      plan.edge.points = clean;
      if (plan.edge.label) {
        var w = plan.edge.width || 0, h = plan.edge.height || 0;
        if (plan.port === "bottom") { plan.edge.x = start.x + w / 2 + LABEL_GAP; plan.edge.y = start.y + h / 2 + LABEL_GAP / 2; }
        else if (plan.port === "left") { plan.edge.x = start.x - w / 2 - LABEL_GAP; plan.edge.y = start.y - h / 2 - 2; }
        else { plan.edge.x = start.x + w / 2 + LABEL_GAP; plan.edge.y = start.y - h / 2 - 2; }
      }
      mermaid.edge(pathGroup, plan.edge, from, to);
    });
  }

  function register(mermaid) {
    if (!mermaid || typeof mermaid.registerLayoutLoaders !== "function" || mermaid.__processLanes) return;
    mermaid.registerLayoutLoaders([{ name: NAME, loader: function () { return Promise.resolve({ render: render }); } }]);
    mermaid.__processLanes = true;
  }

  var pure = {
    Tracks: Tracks, backEdges: backEdges, assignRows: assignRows, lanesOf: lanesOf, planPorts: planPorts,
    MERMAID_VERSION: MERMAID_VERSION, NAME: NAME
  };
  /* Node (the unit tests, tests/js/): the layout's pure parts, without a DOM or Mermaid. */
  if (typeof module === "object" && module.exports) {
    module.exports = pure;
    return;
  }
  register(window.mermaid);
  window.processManualLanes = { register: register, name: NAME, mermaidVersion: MERMAID_VERSION };
}());
