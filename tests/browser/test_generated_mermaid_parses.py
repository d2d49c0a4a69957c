"""Every flowchart the renderer can produce is drawn by Mermaid with our swimlane layout (one page, many
diagrams): generated processes with hostile role names, and hostile labels in a plain flowchart."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from injection import PAYLOADS
from process_manual.core.model import Process
from process_manual.render.mermaid import flowchart, label
from process_manual.core.labels import Labels
from sitebuild import MERMAID_BUNDLE, REPO
from test_properties import processes

pytestmark = pytest.mark.browser


def definitions() -> list[str]:
    found: list[str] = []

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(processes())
    def collect(process: Process) -> None:
        found.append(flowchart(process, role_names={"buyer": PAYLOADS[3], "requester": PAYLOADS[4]}, form_names={},
                               labels=Labels("en"), process_url=lambda _: None))

    collect()
    found += [f'flowchart TB\n  a["{label(p)}"] -->|"{label(p)}"| b(["{label(p)}"])' for p in PAYLOADS]
    return found


def test_every_generated_definition_is_drawn(browser) -> None:
    diagrams = definitions()
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(MERMAID_BUNDLE))
        page.add_script_tag(path=str(REPO / "plugins/process_manual/build/assets/process-manual-lanes.js"))
        failures = page.evaluate(
            """async (defs) => {
                mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
                const failed = [];
                let n = 0;
                for (const d of defs) {
                    try {
                        const { svg } = await mermaid.render("d" + (n++), d);
                        if (svg.includes('aria-roledescription="error"')) failed.push([d, "error picture"]);
                    } catch (e) { failed.push([d, String(e.message || e)]); }
                }
                return failed;
            }""",
            diagrams,
        )
    finally:
        page.close()
    assert len(diagrams) > 60
    assert failures == []
