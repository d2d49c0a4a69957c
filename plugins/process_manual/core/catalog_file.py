"""Reading one catalog file: its YAML as plain texts, lists and mappings, with the line of every value.

Every scalar is kept as the text written (YAML 1.1 would read `off` as false and `1.0` as a number: a
catalog's words must stay words). Problems carry `path:line:column` like every other file of the
handbook; the rules they report under are the process file's (`yaml-syntax`, `duplicate-key`,
`unknown-key`, `missing-key`, `invalid-value`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from process_manual.core.problems import Problem
from process_manual.core.rules import make_problem
from process_manual.core.suggest import did_you_mean

Path_ = tuple[str | int, ...]
"""Where a value is: keys and list positions from the top of the file."""

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories: a mapping with only these keys (and `other`) is one message in plural forms."""

_PLACEHOLDER = re.compile(r"\{(\w*)\}")

# Sections that are not messages: who the catalog is, and the words the checks look for in author text.
IDENTITY, VOCABULARY = "language", "recognise"


@dataclass(frozen=True)
class Plural:
    """One message in the plural forms its language needs (`{one: "{n} day", other: "{n} days"}`)."""

    forms: Mapping[str, str]

    def placeholders(self) -> set[str]:
        return set().union(*(placeholders(text) for text in self.forms.values()))


Message = str | Plural


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a message."""
    return set(_PLACEHOLDER.findall(text))


@dataclass
class CatalogFile:
    """One catalog file as read: its tree of texts, where each value stands, and what is wrong with it."""

    path: str
    tree: dict[str, Any] = field(default_factory=dict)
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Line and column (1-based) of each value."""
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """Line and column of each key of a mapping: where a key unknown, doubled or missing below it is shown."""
    problems: list[Problem] = field(default_factory=list)

    def problem(self, at: Path_, rule: str, message: str, fix: str = "", *, at_key: bool = False) -> None:
        """A problem at the value `at` (at its key for the rules about keys, or when `at_key`)."""
        about_key = at_key or rule in ("unknown-key", "duplicate-key", "missing-key")
        line, column = (self.key_marks.get(at) if about_key else None) or self.marks.get(at, (1, 1))
        self.problems.append(make_problem(rule, self.path, line, column, message, fix))

    def section(self, name: str) -> dict[str, Any]:
        value = self.tree.get(name)
        return value if isinstance(value, dict) else {}

    def messages(self) -> dict[str, Message]:
        """Every message of the catalog by its dotted key (`labels.purpose`, `durations.day`)."""
        found: dict[str, Message] = {}
        for name, value in self.tree.items():
            if name not in (IDENTITY, VOCABULARY):
                self._collect((name,), value, found)
        return found

    def _collect(self, at: Path_, value: Any, found: dict[str, Message]) -> None:
        key = ".".join(map(str, at))
        if isinstance(value, str):
            found[key] = value
        elif isinstance(value, dict) and is_plural(value):
            found[key] = Plural(dict(value))
        elif isinstance(value, dict):
            for child, inner in value.items():
                self._collect((*at, child), inner, found)
        else:
            self.problem(at, "invalid-value", f"'{key}' is a list: a catalog's words are texts", "write one text")


def is_plural(value: Mapping[str, Any]) -> bool:
    return "other" in value and set(value) <= set(PLURAL_CATEGORIES) and all(isinstance(v, str) for v in value.values())


def read_catalog_text(text: str, path: str) -> CatalogFile:
    """The catalog in `text` (the file at `path`, for messages)."""
    read = CatalogFile(path)
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        read.problems.append(make_problem("yaml-syntax", path, line, column, f"not readable YAML: {error}"))
        return read
    if not isinstance(root, yaml.MappingNode):
        read.problem((), "invalid-value", "a catalog is a mapping of sections", "start with `language:`")
        return read
    tree = _plain(root, (), read)
    read.tree = tree if isinstance(tree, dict) else {}
    return read


def _plain(node: yaml.Node, at: Path_, read: CatalogFile) -> Any:
    read.marks[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            where = (*at, key)
            if key in mapping:
                read.key_marks[where] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                read.problem(where, "duplicate-key", f"'{key}' is given twice", "keep one")
                continue
            read.key_marks[where] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            mapping[key] = _plain(value_node, where, read)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*at, index), read) for index, item in enumerate(node.value)]
    return str(node.value)


def check_against(
    catalog: CatalogFile, reference: Mapping[str, Message], *, may_leave_out: bool, plural_forms: tuple[str, ...]
) -> None:
    """Problems where `catalog`'s messages differ from the reference catalog's: a key it does not know, a key
    left out (allowed only with a fallback language), other placeholders, other plural forms."""
    own = catalog.messages()
    for key, message in own.items():
        at = tuple(key.split("."))
        if key not in reference:
            catalog.problem(at, "unknown-key", f"'{key}' is not a key of the catalogs", _near(key, reference))
            continue
        expected = _fields(reference[key])
        if _fields(message) != expected:
            shown = ", ".join(f"{{{name}}}" for name in sorted(expected)) or "none"
            catalog.problem(at, "invalid-value", f"'{key}' has other placeholders than the English text", shown)
        if isinstance(message, Plural) and set(message.forms) != set(plural_forms):
            catalog.problem(at, "invalid-value", f"'{key}': plural forms {sorted(message.forms)}", _forms(plural_forms))
        elif isinstance(message, str) and isinstance(reference[key], Plural) and plural_forms != ("other",):
            catalog.problem(at, "invalid-value", f"'{key}' needs its plural forms", _forms(plural_forms))
    if not may_leave_out:
        missing = [key for key in reference if key not in own]
        for key in missing:
            section = key.split(".")[0]
            where = (section,) if (section,) in catalog.key_marks else ()
            catalog.problem(
                where,
                "missing-key",
                f"'{key}' is missing",
                "translate it, or declare `fallback:` in `language:` to borrow the words of another catalog",
            )


def _fields(message: Message) -> set[str]:
    if isinstance(message, Plural):
        return message.placeholders()
    return placeholders(message)


def _forms(plural_forms: tuple[str, ...]) -> str:
    return "this language's plural rule has the forms " + ", ".join(plural_forms)


def _near(key: str, reference: Mapping[str, Message]) -> str:
    return did_you_mean(key, list(reference), "the English catalog lists every key")
