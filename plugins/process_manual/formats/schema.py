"""The JSON Schema of a process file, for editors (VS Code's YAML extension and other language servers).

The generic schema comes from the typed model (:mod:`.model`): every field with its description and
examples. A handbook's own schema adds its catalogs — role, form and leaf-area ids as ``enum`` (the
validator rejects any other id anyway), process ids as ``examples`` (a pull request may add new ones) —
so that the editor suggests them and flags a misspelt role while the author types.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from process_manual.core.model import Process
from process_manual.load.handbook import Handbook

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SITE_PATH = "schema/process.schema.json"
"""Where the committed schema lives in the repository, and where the site publishes the handbook's own."""

# Which property of which part of a process names an id from which catalog.
_CATALOG_FIELDS: dict[str | None, dict[str, str]] = {
    None: {"owner": "roles", "area": "areas", "related": "processes"},  # the process itself
    "Step": {
        "responsible": "roles",
        "accountable": "roles",
        "consulted": "roles",
        "informed": "roles",
        "forms": "forms",
        "process": "processes",
    },
    "Kpi": {"owner": "roles"},
}


def process_schema(handbook: Handbook | None = None) -> dict[str, Any]:
    """The schema of a process file; with `handbook`, its catalog ids are suggested (and roles enforced)."""
    schema = Process.model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    schema["title"] = "process-manual process file"
    schema["description"] = (
        "One process of the handbook: who does what, in which order, with which forms; "
        "`process-manual validate` checks what a schema cannot (references, flow, dates)."
    )
    if handbook is not None:
        _add_catalogs(schema, handbook)
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    """The schema as it is committed and published: stable key order, readable Chinese, final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _string_schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every `type: string` schema in `node`: itself, its `anyOf` alternatives, its list items."""
    if not isinstance(node, dict):
        return
    if node.get("type") == "string":
        yield node
    for alternative in node.get("anyOf", []):
        yield from _string_schemas(alternative)
    yield from _string_schemas(node.get("items"))


def _catalog_choices(handbook: Handbook) -> dict[str, tuple[list[str], list[str]]]:
    """Catalog name -> (ids, their names), sorted by id."""
    roles = sorted(handbook.roles.values(), key=lambda r: r.id)
    forms = sorted(handbook.forms.values(), key=lambda f: f.id)
    leaves = sorted((n.area for n in handbook.areas.values() if not n.area.children), key=lambda a: a.id)
    processes = sorted((s.process for s in handbook.processes), key=lambda p: p.id)
    return {
        "roles": ([r.id for r in roles], [r.name for r in roles]),
        "forms": ([f.id for f in forms], [f.name for f in forms]),
        "areas": ([a.id for a in leaves], [a.name for a in leaves]),
        "processes": ([p.id for p in processes], [p.title for p in processes]),
    }


def _add_catalogs(schema: dict[str, Any], handbook: Handbook) -> None:
    choices = _catalog_choices(handbook)
    for model, fields in _CATALOG_FIELDS.items():
        owner = schema if model is None else schema["$defs"][model]
        for name, catalog in fields.items():
            ids, names = choices[catalog]
            if not ids:  # an empty or broken catalog: suggesting nothing beats forbidding everything
                continue
            for string in _string_schemas(owner["properties"][name]):
                if catalog == "processes":
                    string["examples"] = ids  # new processes arrive by pull request: suggest, never forbid
                else:
                    string["enum"] = ids
                    # Shown next to each suggestion by VS Code (a keyword that validators ignore).
                    string["enumDescriptions"] = names
