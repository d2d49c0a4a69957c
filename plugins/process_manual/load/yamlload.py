"""Read one YAML file into plain Python values, keeping the line and column of every key and value.

Only the YAML that a process file needs is accepted: mappings, sequences and the standard scalar
types. Everything else — unsafe or unknown tags, duplicate keys, merge keys, tabs used for
indentation, bytes that are not UTF-8, impossible dates, alias bombs — becomes a :class:`Problem`
with its position, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from process_manual.core.cjk import FOLDED_STYLES, refold
from process_manual.core.problems import Problem
from process_manual.core.rules import RULES, make_problem

try:  # libyaml is ten times faster (ARCHITECTURE.md, "Measured facts": 0.45 s vs 4.6 s for 1,000 files)
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the same interface, in Python

Loc = tuple[str | int, ...]

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A process file is a few KB; 2 MB leaves room for 10,000 steps yet bounds memory and time."""

MAX_NODES = 200_000
"""Values built from one file, counting every alias expansion: stops "billion laughs" bombs."""

MAX_DEPTH = 64
"""Nesting depth of mappings and sequences; a process file needs five or six levels."""

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_TAGS = {_STR} | {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = {yaml.ScalarNode: _SCALAR_TAGS, yaml.SequenceNode: {_SEQ}, yaml.MappingNode: {_MAP}}
"""What each kind of node may be tagged: `!!map x` or `!!str [a]` are refused like any unknown tag."""
_TAB_IN_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")
_LEADING_REFERENCE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?:[\w-]+:[ \t]+|-[ \t]+)\[\[")
"""A value that opens with a reference (`a: [[role:buyer]] ...`): YAML reads `[` as the start of a list."""
_OTHER_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""Where `str.splitlines` (and YAML) may start a line other than after "\\n"."""


# First characters of plain scalars that YAML may read as something other than text (numbers,
# booleans, null, dates, `<<`, `=`): for every other plain scalar the answer is "text" at once.
_MAYBE_TYPED = frozenset(k for k in _Loader.yaml_implicit_resolvers if k)


@functools.lru_cache(maxsize=16384)
def _resolve(kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
    """The tag of a node, as the standard resolver decides it; most plain scalars are text at once.

    A pure function of its arguments (no path resolvers are registered), so it is cached: libyaml
    calls it for every node, and in a handbook most values (keys, role ids) recur thousands of times.
    """
    if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _MAYBE_TYPED)):
        return _STR
    tag: str = _STANDARD_RESOLVER.resolve(kind, value, implicit)
    return tag


_STANDARD_RESOLVER = yaml.resolver.Resolver()


class _FastLoader(_Loader):
    """The same YAML, resolved faster: the C parser looks `resolve` up on the instance for every node."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        # Instance attributes shadow the methods on purpose (the speed-up): mypy sees a method replaced.
        self.resolve = _resolve  # type: ignore[method-assign]  # the cached resolver, on purpose
        if not self.yaml_path_resolvers:
            # It also calls these two around every node, for path resolvers; none are registered, so
            # C callables that ignore their arguments spare two Python calls per node.
            self.descend_resolver = {}.get  # type: ignore[method-assign, assignment]  # a no-op in C
            self.ascend_resolver = tuple  # type: ignore[method-assign, assignment]  # a no-op in C


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class _PositionIndex:
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    """(line, column) pairs: plain tuples of ints, which the garbage collector does not track (holding
    the nodes themselves, or objects, made the collector rescan hundreds of thousands of them)."""
    raw: dict[Loc, str] = field(default_factory=dict)


@dataclass
class Document:
    """A parsed file: its data, and where each value (and each mapping key) stands.

    Positions are only needed for problems, and most files have none: they are found on first use by
    parsing the text once more (about a millisecond), which keeps loading a large handbook fast.
    """

    path: Path
    shown_path: str
    data: Any
    text: str = ""
    """The decoded file, kept to find positions when a problem needs one."""
    _index: _PositionIndex | None = field(default=None, repr=False, compare=False)

    @property
    def values(self) -> dict[Loc, tuple[int, int]]:
        return self._positions().values

    @property
    def keys(self) -> dict[Loc, tuple[int, int]]:
        return self._positions().keys

    @property
    def raw(self) -> dict[Loc, str]:
        """The text as typed of every scalar YAML did not read as text (`1.20`, `yes`, `2026-03-01`)."""
        return self._positions().raw

    def _positions(self) -> _PositionIndex:
        if self._index is None:
            self._index = _PositionIndex()
            # The same text parsed before without error: parsing it again cannot fail.
            root = yaml.compose(self.text, Loader=_FastLoader)
            if root is not None:  # an empty file has no node
                _index_node(root, (), self._index)
        return self._index

    def where(self, loc: Loc) -> Position:
        """The position of the value at `loc`, or of its nearest enclosing value."""
        loc = tuple(loc)
        while loc:
            if loc in self.values:
                return Position(*self.values[loc])
            loc = loc[:-1]
        return Position(*self.values[()]) if () in self.values else Position(1, 1)

    def where_key(self, loc: Loc) -> Position:
        """The position of the key naming `loc` (falls back to the value's position)."""
        key = self.keys.get(tuple(loc))
        return Position(*key) if key is not None else self.where(loc)

    def problem(self, loc: Loc, message: str, fix: str = "", *, rule: str, at_key: bool = False) -> Problem:
        """A problem of `rule` (an id of :data:`.rules.RULES`, which gives its severity) at `loc`."""
        pos = self.where_key(loc) if at_key else self.where(loc)
        return Problem(self.shown_path, pos.line, pos.column, RULES[rule].severity, message, fix, rule)


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Failed(Exception):
    """Conversion stopped at a problem that leaves nothing sensible to keep."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _decode(raw: bytes, shown: str, problems: list[Problem]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            make_problem(
                "byte-order-mark",
                shown,
                1,
                1,
                "the file starts with a byte-order mark (BOM)",
                "save it as UTF-8 without BOM",
            )
        )
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as editors do, not bytes.
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        problems.append(
            make_problem(
                "yaml-syntax",
                shown,
                line,
                column,
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file with UTF-8 encoding",
            )
        )
        return None


def _nesting_too_deep(text: str) -> int | None:
    """Line of the first place nested deeper than MAX_DEPTH (flow brackets or indentation), else None.

    Checked before parsing because the parser itself recurses once per level.
    """
    opening = text.count("[") + text.count("{")
    if opening < MAX_DEPTH and not _OTHER_LINE_BREAKS.search(text):
        # Brackets can add at most `opening` levels: only a line indented beyond the rest can go deeper.
        spare = MAX_DEPTH - opening
        if re.search(f"^[ -]{{{2 * spare + 2}}}", text, re.MULTILINE) is None:
            return None
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" -")
        indent_levels = (len(line) - len(stripped)) // 2
        for bracket in _BRACKETS.findall(line):
            depth = depth + 1 if bracket in "[{" else max(0, depth - 1)
            if indent_levels + depth > MAX_DEPTH:
                return number
        if indent_levels > MAX_DEPTH:
            return number
    return None


def _syntax_fix(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "check this line's indentation, or put text containing ': ' in quotes"
    if "could not find expected ':'" in problem:
        return "every key needs a ':' after it; check the indentation of the lines above"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return "bad indentation: align this line with the other keys or list items at its level"
    if "did not find expected '-'" in problem:
        return "bad indentation: every item of this list must start with '-' at the same column"
    if "found undefined alias" in problem:
        return "define the anchor (&name) before using the alias (*name), or write the value out"
    if "never closed" in problem or "unexpected end of stream" in problem:
        return "close the quote that was opened here"
    return "check the YAML syntax near here (indentation, quotes, ':' after keys)"


def _key_text(key_node: yaml.ScalarNode, key: Any) -> str:
    """A mapping key as the text it is addressed by (`on:` or `2024-01-01:` mean what was typed)."""
    if isinstance(key, (dt.date, bool)) or key is None:
        return str(key_node.value)
    return key if isinstance(key, str) else str(key)


def _index_node(node: yaml.Node, loc: Loc, index: _PositionIndex) -> None:
    """Record where every value and key stands, walking exactly as :class:`_Converter` built the data."""
    mark = node.start_mark
    index.values.setdefault(loc, (mark.line + 1, mark.column + 1))
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag != _STR:
            index.raw.setdefault(loc, node.value)
    elif kind is yaml.SequenceNode:
        for i, item in enumerate(node.value):
            _index_node(item, (*loc, i), index)
    else:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if key_node.tag == _STR else _construct_scalar(key_node)
            key_text = _key_text(key_node, key)
            if key_text in seen:  # a duplicate, reported and left out of the data
                continue
            seen.add(key_text)
            child = (*loc, key_text)
            mark = key_node.start_mark
            index.keys[child] = (mark.line + 1, mark.column + 1)
            _index_node(value_node, child, index)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _construct_scalar(node: yaml.ScalarNode) -> Any:
    """The value of a non-text scalar. The constructor's own entry point would remember every node
    it saw (it is shared); the scalar constructors themselves keep no state."""
    return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)


class _Converter:
    """Builds the plain data of a composed document, refusing what a process file may not hold."""

    def __init__(self, shown_path: str, text: str):
        self.shown_path = shown_path
        self.text = text
        self.nodes = 0
        self.active: set[int] = set()
        self.problems: list[Problem] = []

    def _fail(self, node: yaml.Node, message: str, fix: str, rule: str = "yaml-syntax") -> _Failed:
        pos = _position(node)
        return _Failed(make_problem(rule, self.shown_path, pos.line, pos.column, message, fix))

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._fail(
                node,
                f"more than {MAX_NODES:,} values after expanding aliases",
                "write the values out instead of nesting aliases (&anchor / *alias)",
            )
        if depth > MAX_DEPTH:
            raise self._fail(node, f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
        tag, kind = node.tag, type(node)
        if tag not in _ALLOWED_TAGS[kind]:
            raise self._refuse_tag(node)
        if kind is yaml.ScalarNode:
            # `kind is` checks the exact type, faster than isinstance in this loop over every node: mypy can't narrow.
            return self._text(node) if tag == _STR else self._scalar(node)  # type: ignore[arg-type]  # kind is checked
        if id(node) in self.active:
            raise self._fail(node, "an alias refers to the value that contains it", "remove the recursive alias")
        self.active.add(id(node))
        try:
            if kind is yaml.SequenceNode:
                return [self.convert(item, depth + 1) for item in node.value]
            return self._mapping(node, depth)  # type: ignore[arg-type]  # the exact type was checked above
        finally:
            self.active.discard(id(node))

    def _text(self, node: yaml.ScalarNode) -> str:
        value: str = node.value
        # YAML folded this value's line breaks into spaces: inside Chinese text they must vanish (cjk.py).
        if " " in value and node.style in FOLDED_STYLES and node.start_mark.line != node.end_mark.line:
            folded = refold(self.text, node)
            if folded is not None:
                return folded
        return value

    def _refuse_tag(self, node: yaml.Node) -> _Failed:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        return self._fail(
            node,
            f"the tag {tag} is not allowed",
            "remove the tag: process files hold plain text, numbers, dates, lists and mappings",
        )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return _construct_scalar(node)
        except (ValueError, OverflowError) as exc:
            if node.tag.endswith("timestamp"):
                raise self._fail(
                    node,
                    f"'{node.value}' is not a real date ({exc})",
                    "write an existing date as YYYY-MM-DD",
                    "invalid-value",
                ) from None
            raise self._fail(
                node, f"cannot read '{node.value}' ({exc})", "put the value in quotes", "invalid-value"
            ) from None

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._fail(key_node, "merge keys ('<<') are not supported", "write the keys out")
            if type(key_node) is not yaml.ScalarNode:
                raise self._fail(
                    key_node, "a key must be plain text, not a list or mapping", "use a simple name as key"
                )
            if key_node.tag not in _SCALAR_TAGS:
                raise self._refuse_tag(key_node)
            key_text = _key_text(key_node, key_node.value if key_node.tag == _STR else self._scalar(key_node))
            if key_text in seen:
                first = _position(seen[key_text])
                pos = _position(key_node)
                self.problems.append(
                    make_problem(
                        "duplicate-key",
                        self.shown_path,
                        pos.line,
                        pos.column,
                        f"duplicate key '{key_text}' (first at line {first.line})",
                        "keep one of the two; YAML would silently drop the first",
                    )
                )
                continue
            seen[key_text] = key_node
            result[key_text] = self.convert(value_node, depth + 1)
        return result


def _too_large(shown_path: str, size: int) -> Problem:
    return make_problem(
        "yaml-syntax",
        shown_path,
        1,
        1,
        f"the file is {size / 1048576:.1f} MB, over the limit of {MAX_FILE_BYTES // 1048576} MB",
        "split the process into sub-processes",
    )


def load_text(raw: bytes, path: Path, shown_path: str) -> tuple[Document | None, list[Problem]]:
    """Parse the bytes of one file. Returns the document (None if nothing usable) and its problems."""
    problems: list[Problem] = []
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(shown_path, len(raw))]
    text = _decode(raw, shown_path, problems)
    if text is None:
        return None, problems
    tabs = list(_TAB_IN_INDENT.finditer(text))
    for match in tabs:
        line = text.count("\n", 0, match.start()) + 1
        column = match.end() - match.start()
        problems.append(
            make_problem(
                "yaml-syntax",
                shown_path,
                line,
                column,
                "a tab character is used for indentation",
                "indent with spaces only (YAML forbids tabs)",
            )
        )
    if tabs:
        return None, problems
    deep_line = _nesting_too_deep(text)
    if deep_line is not None:
        problems.append(
            make_problem(
                "yaml-syntax",
                shown_path,
                deep_line,
                1,
                f"nested more than {MAX_DEPTH} levels deep",
                "flatten the structure",
            )
        )
        return None, problems
    try:
        root = yaml.compose(text, Loader=_FastLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            what = f"{exc.problem} ({exc.context})"
        if "while scanning a quoted scalar" in (exc.context or "") and exc.context_mark:
            # The parser notices at the end of the file; the author needs the opening quote.
            mark, what = exc.context_mark, "a quoted text opened here is never closed"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        fix = _syntax_fix(what)
        if _LEADING_REFERENCE.search(text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""):
            fix = 'put the text in quotes: one that starts with [[ is read as a YAML list ("[[ADM-004]] ...")'
        problems.append(make_problem("yaml-syntax", shown_path, line, column, f"invalid YAML: {what}", fix))
        return None, problems
    except yaml.YAMLError as exc:
        problems.append(make_problem("yaml-syntax", shown_path, 1, 1, f"invalid YAML: {exc}", "check the YAML syntax"))
        return None, problems
    if root is None or (root.tag.endswith(":null") and root.value == ""):  # nothing, or only `---`
        problems.append(
            make_problem(
                "yaml-syntax",
                shown_path,
                1,
                1,
                "the file is empty",
                "write the process (see `process-manual new`) or delete the file",
            )
        )
        return None, problems
    converter = _Converter(shown_path, text)
    try:
        data = converter.convert(root)
    except _Failed as failed:
        problems.extend(converter.problems)
        problems.append(failed.problem)
        return None, problems
    problems.extend(converter.problems)
    return Document(path=path, shown_path=shown_path, data=data, text=text), problems


def load_file(path: Path, shown_path: str) -> tuple[Document | None, list[Problem]]:
    try:
        with path.open("rb") as handle:
            # Never hold more than the limit (plus one byte to tell that it is over) in memory.
            raw = handle.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                return None, [_too_large(shown_path, path.stat().st_size)]
    except OSError as exc:
        return None, [
            make_problem(
                "yaml-syntax",
                shown_path,
                1,
                1,
                f"cannot read the file ({exc.strerror})",
                "check that the file exists and is readable",
            )
        ]
    return load_text(raw, path, shown_path)
