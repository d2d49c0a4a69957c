"""Property tests: any valid process survives a YAML round trip, and rendering never raises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.util import HANDBOOK, TODAY
from process_manual.load.handbook import ProcessSource, load_handbook
from process_manual.core.model import Process
from process_manual.render.context import RenderContext
from process_manual.core.labels import Labels
from process_manual.render.process_page import render_process
from process_manual.load.yamlload import load_text

text = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
slug = st.from_regex(r"\A[a-z][a-z0-9-]{0,10}\Z")
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2026, 11, 1))
ROLES = ["requester", "line-manager", "buyer"]


@st.composite
def processes(draw: st.DrawFn) -> Process:
    count = draw(st.integers(min_value=1, max_value=8))
    ids = draw(st.lists(slug, min_size=count + 1, max_size=count + 1, unique=True))
    steps = []
    for i in range(count):
        step = {"id": ids[i], "name": draw(text), "responsible": draw(st.sampled_from(ROLES)),
                "within": draw(st.none() | text), "details": draw(st.none() | text),
                "consulted": draw(st.lists(st.sampled_from(ROLES), max_size=2, unique=True))}
        if i > 0 and draw(st.booleans()):
            step["kind"] = "decision"
            labels = draw(st.lists(text, min_size=2, max_size=3, unique_by=str.casefold))
            targets = [ids[i + 1]] + [draw(st.sampled_from(ids[: i + 2])) for _ in labels[1:]]
            step["branches"] = [{"when": w, "next": t} for w, t in zip(labels, targets)]
        else:
            step["next"] = ids[i + 1]
        steps.append(step)
    steps.append({"id": ids[count], "kind": "end", "name": draw(text)})
    day = draw(dates)
    return Process.model_validate({
        "id": "PBT-001", "title": draw(text), "area": "purchasing", "version": "1.0", "status": "effective",
        "owner": "buyer", "effective": day, "purpose": draw(st.none() | text),
        "triggers": draw(st.lists(text, max_size=3)), "steps": steps,
        "faq": [{"q": draw(text), "a": draw(text)}],
        "changelog": [{"version": "1.0", "date": day, "author": draw(text), "change": draw(text)}],
    })


def dump(process: Process) -> bytes:
    data = process.model_dump(mode="json", exclude_none=True)
    # allow_unicode=False: PyYAML's emitter writes U+0085 (a YAML line break) raw inside a quoted
    # scalar, which its own reader then folds into a space; escaped output round-trips exactly.
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False).encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(processes())
def test_a_valid_process_dumps_and_loads_back_equal(process: Process) -> None:
    doc, problems = load_text(dump(process), Path("p.yml"), "p.yml")
    assert [p for p in problems if p.is_error] == []
    assert doc is not None
    assert Process.model_validate(doc.data) == process


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(processes())
def test_rendering_never_raises(process: Process) -> None:
    handbook = load_handbook(HANDBOOK, shown_base=HANDBOOK)
    doc, _ = load_text(dump(process), Path("p.yml"), "p.yml")
    assert doc is not None
    handbook.processes.append(ProcessSource(doc, process))
    page = render_process(RenderContext(handbook, Labels("en"), dt.date.fromisoformat(TODAY)),
                          handbook.processes[-1])
    assert "data-pm-mermaid=" in page and f"#step-{process.steps[0].id}" in page
