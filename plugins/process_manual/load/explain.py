"""Turn pydantic's validation errors into problems a process owner can act on."""

from __future__ import annotations

import datetime as dt
import math
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from process_manual.core.problems import Problem
from process_manual.core.suggest import closest, did_you_mean
from process_manual.load.yamlload import Document, Loc

_PATTERN_FIXES = {
    "process": "use letters and digits joined by '-', such as ADM-004",
    "version": 'write the version as quoted text such as "2.1"',
    "slug": "use lowercase letters, digits and '-' only, such as first-review",
}
_PROCESS_ID_FIELDS = {"related", "process"}


def _pattern_fix(loc: Loc) -> str:
    names = [p for p in loc if isinstance(p, str)]
    field = names[-1] if names else ""
    if field == "version":
        return _PATTERN_FIXES["version"]
    if loc == ("id",) or field in _PROCESS_ID_FIELDS:
        return _PATTERN_FIXES["process"]
    return _PATTERN_FIXES["slug"]


def _describe(value: Any, raw: str | None = None) -> str:
    """The value as the author sees it: `raw` is the text typed when YAML read it as non-text."""
    if isinstance(value, bool):
        typed = raw if raw is not None else str(value).lower()
        return f"{typed} (YAML reads it as {str(value).lower()})"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{raw if raw is not None else value} (not a finite number)"
    if isinstance(value, (int, float)):
        return f"the number {raw if raw is not None else value}"
    if isinstance(value, dt.date):
        return f"the date {raw if raw is not None else value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return f"'{value}'"


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc` (walking fields and list items)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """list[Step] -> Step, Review | None -> Review, Annotated[...] -> its type."""
    for _ in range(4):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        args = typing.get_args(annotation)
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if models:
            return models[0]
        lists = [a for a in args if typing.get_origin(a) is list]
        annotation = typing.get_args(lists[0])[0] if lists else (args[0] if args else None)
    return None


def _data_loc(doc: Document, loc: tuple[Any, ...]) -> Loc:
    """Pydantic adds union member names ('str', 'int', ...) to locations; keep what is in the file."""
    kept: list[Any] = []
    node: Any = doc.data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
        else:
            continue
        kept.append(part)
    return tuple(kept)


def _suggested_keys(errors: Sequence[Mapping[str, Any]], doc: Document, model: type[BaseModel]) -> dict[tuple, str]:
    """For each unknown key, the allowed key it probably means: {(parent loc, key): suggestion}."""
    suggestions: dict[tuple, str] = {}
    for item in errors:
        if item["type"] == "extra_forbidden":
            loc = _data_loc(doc, item["loc"])
            key = str(item["loc"][-1])
            allowed = list((_model_at(model, loc[:-1]) or model).model_fields)
            match = closest(key, allowed)
            if match:
                suggestions[(loc[:-1], key)] = match
    return suggestions


def _child(parent: Any, part: str | int) -> Any:
    """The value at one step of a location, or None where the data has no such value."""
    if isinstance(parent, dict):
        return parent.get(part)
    if isinstance(parent, list) and isinstance(part, int) and 0 <= part < len(parent):
        return parent[part]
    return None


def _comma_split(doc: Document, loc: Loc) -> tuple[Loc, str, str, set[Loc]] | None:
    """When the unknown key at `loc` is the rest of a text cut at a comma inside `{ }` (`{when: under 5,000 EUR}`
    reads as `when: under 5` and a key `000 EUR`): the cut value's location, its key, the whole text, and the
    locations of the pieces read as keys."""
    parent_loc, key = loc[:-1], loc[-1]
    parent: Any = doc.data
    for part in parent_loc:
        parent = _child(parent, part)
    if not isinstance(parent, dict) or parent.get(key, "") is not None:
        return None
    keys = list(parent)
    at = keys.index(key)
    lines = doc.text.split("\n")
    key_pos = doc.where_key(loc)
    line = lines[key_pos.line - 1]
    first = at  # the cut text may hold several commas: 5,000,000 EUR
    while (
        first > 0
        and parent[keys[first]] is None
        and line[: doc.where_key((*parent_loc, keys[first])).column - 1].rstrip().endswith(",")
    ):
        first -= 1
    if first == at or "{" not in line[: key_pos.column - 1]:
        return None
    cut = (*parent_loc, keys[first])
    start = doc.where(cut)
    if start.line != key_pos.line or start.column > key_pos.column:
        return None
    last = at
    while last + 1 < len(keys) and parent[keys[last + 1]] is None:
        last += 1
    end_pos = doc.where_key((*parent_loc, keys[last]))
    # To the comma, brace or colon after the last piece, as typed (`000` was read as the number 0).
    end = re.search(r"[,}:]|$", line[end_pos.column - 1 :])
    whole = line[start.column - 1 : end_pos.column - 1 + (end.start() if end else 0)].rstrip()
    return cut, str(keys[first]), whole, {(*parent_loc, k) for k in keys[first + 1 : last + 1]}


@dataclass(frozen=True)
class _Failure:
    """One of pydantic's errors, placed in the file: what every handler below needs to explain it."""

    item: Any
    doc: Document
    model: type[BaseModel]
    loc: Loc
    suggestions: dict[tuple, str]

    @property
    def where(self) -> str:
        return ".".join(str(p) for p in self.loc) or "the file"

    @property
    def value(self) -> Any:
        return self.item.get("input")

    @property
    def raw(self) -> str | None:
        return self.doc.raw.get(self.loc)

    @property
    def shown(self) -> str:
        return _describe(self.value, self.raw)

    def problem(self, what: str, fix: str, *, loc: Loc | None = None, at_key: bool = False, rule: str) -> Problem:
        return self.doc.problem(self.loc if loc is None else loc, what, fix, at_key=at_key, rule=rule)

    def invalid(self, what: str, fix: str) -> Problem:
        return self.problem(f"{self.where}: {what}", fix, rule="invalid-value")


def _unknown_key(f: _Failure) -> Problem | None:
    key = str(f.item["loc"][-1])
    close = f.suggestions.get((f.loc[:-1], key))
    allowed = list((_model_at(f.model, f.loc[:-1]) or f.model).model_fields)
    fix = f"did you mean '{close}'?" if close else f"allowed keys here: {', '.join(allowed)}"
    return f.problem(f"unknown key '{key}'", fix, at_key=True, rule="unknown-key")


def _missing_key(f: _Failure) -> Problem | None:
    key = str(f.item["loc"][-1])
    parent = f.loc if f.loc and f.loc[-1] != key else f.loc[:-1]
    if key in {s for (at, _), s in f.suggestions.items() if at == parent}:
        return None  # "unknown key 'owenr' — did you mean 'owner'?" already says it
    where = f" in {f.where}" if parent else ""
    return f.problem(f"missing required key '{key}'{where}", f"add `{key}:` here", loc=parent, rule="missing-key")


def _not_allowed(f: _Failure) -> Problem | None:
    expected = f.item.get("ctx", {}).get("expected", "")
    choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
    fix = did_you_mean(str(f.value), choices, f"use one of: {', '.join(choices)}", cutoff=0.5)
    return f.invalid(f"{f.shown} is not allowed", fix)


def _bad_pattern(f: _Failure) -> Problem | None:
    field = next((str(p) for p in reversed(f.loc) if isinstance(p, str)), "value")
    return f.invalid(f"{f.shown} is not a valid {field}", _pattern_fix(f.loc))


def _not_text(f: _Failure) -> Problem | None:
    value = f.value
    if f.loc and f.loc[-1] == "accountable" and isinstance(value, list):
        roles = ", ".join(str(v) for v in value)
        return f.invalid(
            f"exactly one role is accountable, but {len(value)} are named ({roles})",
            "keep the one role that answers for the step in `accountable`; list the others under `responsible` or "
            "`consulted`",
        )
    if isinstance(value, (bool, int, float, dt.date)):
        fix = f'put it in quotes: "{f.raw if f.raw is not None else value}"'
    elif _is_bare_reference(value):  # `details: [[PUR-001]]`: YAML read the brackets as a list in a list
        fix = f'put the text in quotes: "[[{value[0][0]}]]" (a text that starts with [[ is read as a YAML list)'
    else:
        fix = "write text here"
    return f.invalid(f"expected text, found {f.shown}", fix)


def _is_bare_reference(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], list) and len(value[0]) == 1


def _empty_text(f: _Failure) -> Problem | None:
    return f.problem(f"{f.where} is empty", "write a value or remove the key", rule="invalid-value")


def _empty_list(f: _Failure) -> Problem | None:
    return f.problem(f"{f.where} is empty", "add at least one entry", rule="invalid-value")


def _not_list(f: _Failure) -> Problem | None:
    return f.invalid(f"expected a list, found {f.shown}", "write a list: [a, b] or one '- item' per line")


def _not_mapping(f: _Failure) -> Problem | None:
    return f.invalid(f"expected a mapping of keys, found {f.shown}", "write `key: value` lines here")


def _not_date(f: _Failure) -> Problem | None:
    return f.invalid(f"expected a date, found {f.shown}", "write the date as YYYY-MM-DD")


def _not_number(f: _Failure) -> Problem | None:
    return f.invalid(f"expected a number, found {f.shown}", "write a number such as 3 or 95.5")


def _other(f: _Failure) -> Problem | None:
    return f.invalid(str(f.item["msg"]), "see `process-manual schema`")


_HANDLERS: dict[str, Callable[[_Failure], Problem | None]] = {
    "extra_forbidden": _unknown_key,
    "missing": _missing_key,
    "literal_error": _not_allowed,
    "string_pattern_mismatch": _bad_pattern,
    "string_type": _not_text,
    "string_sub_type": _not_text,
    "string_too_short": _empty_text,
    "list_type": _not_list,
    "model_type": _not_mapping,
    "model_attributes_type": _not_mapping,
    "dict_type": _not_mapping,
    "too_short": _empty_list,
    "int_type": _not_number,
    "float_type": _not_number,
    "int_parsing": _not_number,
    "float_parsing": _not_number,
    "finite_number": _not_number,
}
"""pydantic's error type -> the problem an author reads; types starting with `date` are dates, the rest
fall back to pydantic's own message."""


def _handler(kind: str) -> Callable[[_Failure], Problem | None]:
    if kind in _HANDLERS:
        return _HANDLERS[kind]
    return _not_date if kind.startswith("date") else _other


def explain(error: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    """Every error of pydantic's as a problem at its file, line and column, with what to write instead."""
    problems: list[Problem] = []
    value_errors_at: set[Loc] = set()
    errors = error.errors(include_url=False)
    suggestions = _suggested_keys(errors, doc, model)
    cut_texts: dict[Loc, tuple[str, str]] = {}
    pieces: set[Loc] = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            split = _comma_split(doc, _data_loc(doc, item["loc"]))
            if split is not None:
                cut_texts[split[0]] = split[1:3]
                pieces |= split[3]
    for cut, (key, whole) in cut_texts.items():
        problems.append(
            doc.problem(
                cut,
                f"the text '{whole}' is cut at its comma: inside {{ }} a comma separates keys",
                f'put the whole text in quotes: {key}: "{whole}"',
                rule="invalid-value",
            )
        )
    for item in errors:
        kind = item["type"]
        loc = _data_loc(doc, item["loc"])
        if loc in cut_texts or loc in pieces:
            continue  # the cut text's problem says it all
        if kind not in ("extra_forbidden", "missing"):
            # A union (e.g. a KPI target: number or text) fails once per member: say it once.
            if loc in value_errors_at:
                continue
            value_errors_at.add(loc)
        problem = _handler(kind)(_Failure(item, doc, model, loc, suggestions))
        if problem is not None:
            problems.append(problem)
    return problems
