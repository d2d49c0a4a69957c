"""Every flowchart the renderer can produce parses with Mermaid's own parser (one page, many diagrams)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from injection import PAYLOADS
from process_manual.model import Process
from process_manual.render.mermaid import flowchart, label
from sitebuild import MERMAID_BUNDLE
from test_properties import processes

pytestmark = pytest.mark.browser


def definitions() -> list[str]:
    found: list[str] = []

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(processes())
    def collect(process: Process) -> None:
        found.append(flowchart(process, role_names={"buyer": PAYLOADS[3]}, form_names={}, start_label=PAYLOADS[4],
                               process_url=lambda _: None))

    collect()
    found += [f'flowchart TB\n  a["{label(p)}"] -->|"{label(p)}"| b(["{label(p)}"])' for p in PAYLOADS]
    return found


def test_every_generated_definition_parses(browser) -> None:
    diagrams = definitions()
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(MERMAID_BUNDLE))
        failures = page.evaluate(
            """async (defs) => {
                mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
                const failed = [];
                for (const d of defs) {
                    try { await mermaid.parse(d); } catch (e) { failed.push([d, String(e.message || e)]); }
                }
                return failed;
            }""",
            diagrams,
        )
    finally:
        page.close()
    assert len(diagrams) > 60
    assert failures == []
