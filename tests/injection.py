"""A handbook whose every author-written string is an attack: HTML, script links, Mermaid syntax,
directives, table breakers, Jinja and newlines. Shared by the build test and the browser test."""

from __future__ import annotations

from pathlib import Path

import yaml

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    '"]; click n0 call alert(1); x["',
    '%%{init: {"securityLevel": "loose"}}%%',
    "cell | breaker ` tick",
    "{{ config.site_name }} {% raw %}",
    "line one\nline two {: onclick=\"alert(1)\" }",
    "<a href='javascript:alert(1)'>x</a> & &amp; &#60;",
]


def _process(index: int, payload: str) -> dict:
    return {
        "id": f"INJ-{index:03d}",
        "title": f"Title {payload}",
        "area": "leaf",
        "version": "1.0",
        "status": "effective",
        "owner": f"role-{index}",
        "effective": "2026-01-05",
        "review": {"every": "12 months", "last": "2026-01-05"},
        "purpose": f"Purpose {payload}",
        "scope": f"Scope {payload}",
        "triggers": [f"Trigger {payload}"],
        "inputs": [f"Input {payload}"],
        "outputs": [f"Output {payload}"],
        "references": [f"Reference {payload}"],
        "steps": [
            {"id": "first", "name": f"Step {payload}", "responsible": f"role-{index}", "within": f"2 days {payload}",
             "forms": [f"form-{index}"], "outputs": [f"Output {payload}"], "details": f"Details {payload}",
             "next": "choose"},
            {"id": "choose", "kind": "decision", "name": f"Decide {payload}", "responsible": f"role-{index}",
             "branches": [{"when": f"yes {payload}", "next": "done"}, {"when": f"no {payload}", "next": "first"}]},
            {"id": "done", "kind": "end", "name": f"End {payload}"},
        ],
        "kpis": [{"id": "k", "name": f"KPI {payload}", "definition": f"Definition {payload}",
                  "formula": f"Formula {payload}", "unit": f"unit {payload}", "target": f"{payload}",
                  "frequency": f"monthly {payload}", "owner": f"role-{index}"}],
        "risks": [{"risk": f"Risk {payload}", "control": f"Control {payload}", "step": "first"}],
        "faq": [{"q": f"Question {payload}", "a": f"Answer {payload}"}],
        "changelog": [{"version": "1.0", "date": "2026-01-05", "author": f"Author {payload}",
                       "approved_by": f"Approver {payload}", "change": f"Change {payload}",
                       "request": f"CR {payload}"}],
    }


def write_injection_handbook(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)

    def dump(name: str, data: dict) -> None:
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    dump("_roles.yml", {"roles": [{"id": f"role-{i}", "name": f"Role {p}", "department": f"Dept {p}"}
                                  for i, p in enumerate(PAYLOADS)]})
    dump("_forms.yml", {"forms": [{"id": f"form-{i}", "name": f"Form {p}", "owner": f"role-{i}",
                                   "retention": f"1 year {p}", "naming": f"NAME {p}"} for i, p in enumerate(PAYLOADS)]})
    dump("_areas.yml", {"areas": [{"id": "top", "name": f"Domain {PAYLOADS[0]}", "children": [
        {"id": "leaf", "name": f"Group {PAYLOADS[1]}"}]}]})
    dump("_glossary.yml", {"terms": [{"term": f"Term {p}", "definition": f"Definition {p}", "synonyms": [f"Alt {p}"]}
                                     for p in PAYLOADS]})
    for index, payload in enumerate(PAYLOADS):
        dump(f"inj-{index}.yml", _process(index, payload))
    return folder
