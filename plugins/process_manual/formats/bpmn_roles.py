"""Append new roles to _roles.yml as text, so the file's comments and layout stay as they were."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

_ITEM = re.compile(r"^(\s*)- ", re.MULTILINE)


def role_line(role_id: str, name: str) -> str:
    """`- {id: ..., name: "..."}`: the line of _roles.yml for a new role."""
    return f"- {{id: {role_id}, name: {json.dumps(name, ensure_ascii=False)}}}"


def append_roles(path: Path, roles: dict[str, str]) -> Callable[[], None]:
    """Add `- {id: ..., name: ...}` lines after the last role; returns what puts the file back.

    The names are written as JSON strings (valid YAML double-quoted scalars, escapes included), so
    a lane's name cannot add keys or break the file.
    """
    original = path.read_bytes()
    text = original.decode("utf-8")
    items = _ITEM.findall(text)
    indent = items[-1] if items else "  "
    if not text.endswith("\n"):
        text += "\n"
    text += "".join(f"{indent}{role_line(role_id, name)}\n" for role_id, name in roles.items())
    path.write_text(text, encoding="utf-8", newline="\n")

    def undo() -> None:
        path.write_bytes(original)

    return undo
