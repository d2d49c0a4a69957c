/* The adapter to Mermaid's internal layout helpers was written for one Mermaid version: a new version
 * fails here, loudly, before a browser shows a broken diagram. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const lanes = require("../../plugins/process_manual/build/assets/process-manual-lanes.js");

const root = path.resolve(__dirname, "../..");

test("the installed Mermaid is the version the adapter was written for", () => {
  const installed = JSON.parse(fs.readFileSync(path.join(root, "node_modules/mermaid/package.json"), "utf8"));
  assert.equal(installed.version, lanes.MERMAID_VERSION,
    "Mermaid changed: check the helpers the adapter in process-manual-lanes.js calls, then update MERMAID_VERSION");
  const pinned = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).dependencies.mermaid;
  assert.equal(pinned, lanes.MERMAID_VERSION);
});

test("the layout interface the adapter relies on is in Mermaid's bundle", () => {
  const bundle = fs.readFileSync(path.join(root, "node_modules/mermaid/dist/mermaid.js"), "utf8");
  for (const name of ["registerLayoutLoaders", "insertCluster", "insertEdge", "insertEdgeLabel", "positionEdgeLabel",
    "insertMarkers", "insertNode"]) {
    assert.ok(bundle.includes(name), `${name} is no longer in Mermaid ${lanes.MERMAID_VERSION}'s bundle`);
  }
});
