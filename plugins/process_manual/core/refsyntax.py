"""The one syntax that names a process, a step, a role, a form, a KPI or a glossary term in any text.

```
[[SAL-001]]                 a process            [[role:sales-rep]]          a role
[[SAL-001#quote]]           a step of a process  [[form:order-form]]         a form
[[#quote]]                  a step of this process (inside a process file only)
[[kpi:SAL-001#on-time]]     a KPI of a process   [[term:Purchase request]]   a glossary term
[[SAL-001|the order intake]]  any of them with a link text of its own
```

Targets are named by id, never by file: a link follows its target wherever the file moves, and the
handbook can tell which targets exist (check/references.py) and who refers to each (check/refindex.py).
Chinese input methods type full-width punctuation, so `：`, `＃` and `｜` are read as `:`, `#` and `|`.

What is not a reference: text in a code span or a fenced code block, a `[[` written as `\\[[`, and
`[[x]]` directly followed by `(` or `[` (a Markdown link whose text starts with a bracket). This module
only reads text; what a reference points at is decided against a handbook.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from process_manual.core.model import ID_PATTERN, SLUG_PATTERN

Kind = Literal["process", "step", "role", "form", "kpi", "term"]
KINDS: tuple[Kind, ...] = ("process", "step", "role", "form", "kpi", "term")
PREFIXES = ("role", "form", "kpi", "term")
"""The kinds written with a prefix (`role:...`); a process or a step is written by its id alone."""

_PROCESS_ID = ID_PATTERN.strip("^$")
_SLUG = SLUG_PATTERN.strip("^$")
_FULL_WIDTH = str.maketrans({"\uff1a": ":", "\uff03": "#", "\uff5c": "|"})
"""Full-width colon, number sign and vertical line, as Chinese input methods type them."""

REFERENCE = re.compile(r"(?<!\\)\[\[(?P<body>[^\[\]]*)\]\](?![(\[])")
"""`[[...]]`: what a reference looks like before it is read (a malformed one is reported, not ignored)."""
_PROCESS_OR_STEP = re.compile(f"(?P<process>{_PROCESS_ID})?(?:#(?P<step>{_SLUG}))?")
_KPI = re.compile(f"(?P<process>{_PROCESS_ID})?#(?P<kpi>{_SLUG})")
_ID = re.compile(_SLUG)
_SPACED = re.compile(r"\s*([#])\s*")
"""Spaces around `#` are forgiven: `SAL-001 # quote` means `SAL-001#quote`."""
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Reference:
    """One well-formed reference: what it names, and where it stands in its text."""

    kind: Kind
    target: str
    """The process id (process, step, KPI; empty for a step or KPI of the process the text belongs to), the
    role or form id, or the glossary term as written."""
    anchor: str
    """The step or KPI id; empty for the other kinds."""
    text: str | None
    """The link text of its own (`[[SAL-001|the order intake]]`), None for the target's name."""
    start: int
    end: int
    written: str
    """The reference as written, brackets included."""

    @property
    def name(self) -> str:
        """The reference without brackets and own text, as messages quote it: `SAL-001#quote`."""
        prefix = "" if self.kind in ("process", "step") else f"{self.kind}:"
        anchor = f"#{self.anchor}" if self.anchor else ""
        return f"{prefix}{self.target}{anchor}"


@dataclass(frozen=True)
class Malformed:
    """Text between `[[` and `]]` that is no reference: reported with why and how it is written."""

    body: str
    """What stands between the brackets, own text left out."""
    why: str
    start: int
    end: int
    written: str


Found = Reference | Malformed


def read_body(body: str) -> tuple[Kind, str, str, str | None] | str:
    """`(kind, target, anchor, own text)` of what stands between `[[` and `]]`, else why it is no reference."""
    normalized = body.translate(_FULL_WIDTH)
    target, bar, _ = normalized.partition("|")
    own_text = " ".join(body[len(target) + 1 :].split()) if bar else None
    if bar and not own_text:
        return "the link text after '|' is empty"
    target = target.strip()
    if not target:
        return "nothing names the target"
    prefix, colon, rest = target.partition(":")
    if colon:
        kind, rest = prefix.strip().lower(), rest.strip()
        if kind == "term":
            return ("term", " ".join(rest.split()), "", own_text) if rest else "the term is missing after 'term:'"
        rest = _SPACED.sub(r"\1", rest)
        if kind == "kpi":
            match = _KPI.fullmatch(rest)
            if match is None:
                return f"'{rest}' is not a KPI: write kpi:PROCESS-ID#kpi-id"
            return "kpi", match["process"] or "", match["kpi"], own_text
        if kind == "role" or kind == "form":
            if not _ID.fullmatch(rest):
                return f"'{rest}' is not a {kind} id (lower-case letters, digits, '-' and '_')"
            return ("role" if kind == "role" else "form"), rest, "", own_text
        return f"'{prefix.strip()}:' is not a kind of reference (role:, form:, kpi:, term:)"
    target = _SPACED.sub(r"\1", target)
    match = _PROCESS_OR_STEP.fullmatch(target)
    if match is None or not (match["process"] or match["step"]):
        if target.endswith("#"):
            return "the step id after '#' is missing"
        return f"'{target}' is not a process id (like SAL-001) or a step (like SAL-001#quote)"
    if match["step"]:
        return "step", match["process"] or "", match["step"], own_text
    return "process", match["process"], "", own_text


def _fenced_blocks(text: str) -> Iterator[tuple[int, int]]:
    """Fenced code blocks (``` or ~~~, as many or more to close, at any indentation)."""
    position = 0
    while True:
        opening = _FENCE_OPEN.search(text, position)
        if opening is None:
            return
        fence = opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        end = closing.search(text, opening.end())
        stop = end.end() if end else len(text)
        yield opening.start(), stop
        position = stop


def protected_spans(text: str, *, page: bool) -> list[tuple[int, int]]:
    """Where text is shown as written: code spans, and on a Markdown page also fenced code blocks, HTML
    comments and front matter. Sorted by start."""
    spans: list[tuple[int, int]] = []
    if page:
        front = _FRONT_MATTER.match(text)
        if front:
            spans.append((0, front.end()))
        spans += _fenced_blocks(text)
        spans += [(m.start(), m.end()) for m in _HTML_COMMENT.finditer(text)]
    spans.sort()
    covered = _merge(spans)
    for match in _CODE_SPAN.finditer(text):
        if not _inside(match.start(), covered):
            spans.append((match.start(), match.end()))
    return _merge(sorted(spans))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def find_references(text: str, *, page: bool = False) -> list[Found]:
    """Every reference in `text` (a Markdown field of a process, or with `page` a whole Markdown page), in order."""
    if "[[" not in text:  # nearly every text: no work at all
        return []
    protected = protected_spans(text, page=page)
    found: list[Found] = []
    for match in REFERENCE.finditer(text):
        if _inside(match.start(), protected):
            continue
        read = read_body(match["body"])
        if isinstance(read, str):
            body = match["body"].translate(_FULL_WIDTH).partition("|")[0].strip()
            found.append(Malformed(body, read, match.start(), match.end(), match[0]))
        else:
            kind, target, anchor, own = read
            found.append(Reference(kind, target, anchor, own, match.start(), match.end(), match[0]))
    return found


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as editors count) of `offset` in `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
