"""Page content that is not part of the document's structure, marked as such (PDF/UA: every mark on a page
is either tagged content or an artifact).

Chromium's tagged PDF puts the page's own text and pictures in marked-content sequences that its structure
tree points to; what it draws outside them — the running header and page number of its @page margin boxes,
table rules and backgrounds — is left unmarked, and a screen reader cannot tell it from content that lost
its tags. :func:`mark_artifacts` wraps each such stretch in `/Artifact BMC … EMC`.

The content stream is read token by token (ISO 32000-1, 7.2 and 8.2) only to find where each operator and
its operands start; the bytes themselves are kept as they are, and the marks are inserted between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_WHITE = b"\x00\t\n\x0c\r "
_DELIMITERS = b"()<>[]{}/%"
_TOKEN = re.compile(
    rb"[\x00\t\n\x0c\r ]+"  # white space
    rb"|%[^\r\n]*"  # a comment
    rb"|<<|>>|[\[\]{}]"  # dictionary and array brackets
    rb"|<[^<>]*>"  # a hexadecimal string
    rb"|/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*"  # a name
    rb"|\("  # a literal string: read by _literal_end (its parentheses nest)
    rb"|[^\x00\t\n\x0c\r ()<>\[\]{}/%]+"  # a number, true/false/null, or an operator
)
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_NOT_OPERATORS = frozenset({b"true", b"false", b"null"})

PAINTING = frozenset(
    {b"Tj", b"TJ", b"'", b'"', b"Do", b"sh", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"BI"}
)
"""Operators that put marks on the page (text, XObjects, shadings, painted paths, inline images)."""
_ARTIFACT_OPEN = b"\n/Artifact BMC\n"
_ARTIFACT_CLOSE = b"\nEMC\n"


class UnreadableContent(ValueError):
    """A content stream this reader cannot take apart (left as it is)."""


def _literal_end(data: bytes, start: int) -> int:
    """The position after the literal string opening at `start` (balanced parentheses, `\\` escapes)."""
    depth = 0
    position = start
    while position < len(data):
        char = data[position]
        if char == 0x5C:  # backslash: the next byte is escaped
            position += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    raise UnreadableContent("a literal string is not closed")


def operators(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(where its first operand starts, where it ends, operator) for every operator of a content stream."""
    position = 0
    operands_start: int | None = None
    while position < len(data):
        match = _TOKEN.match(data, position)
        if match is None:
            raise UnreadableContent(f"unexpected byte {data[position]:#04x} at {position}")
        token = match.group()
        end = match.end()
        if token == b"(":
            end = _literal_end(data, position)
        first = token[0]
        if first in _WHITE or first == 0x25:  # white space, comment
            position = end
            continue
        if operands_start is None:
            operands_start = position
        is_operator = first not in _DELIMITERS and not _NUMBER.fullmatch(token) and token not in _NOT_OPERATORS
        if is_operator:
            if token == b"BI":  # an inline image's data is binary: not read here
                raise UnreadableContent("inline image")
            yield operands_start, end, token
            operands_start = None
        position = end


def mark_artifacts(data: bytes, tagged_forms: frozenset[bytes] = frozenset()) -> bytes:
    """`data` with every stretch that paints outside marked content wrapped in `/Artifact BMC … EMC`.

    A stretch ends where marked content begins, at the start and end of a text object (a marked-content
    sequence never crosses BT or ET), and around the drawing of a form XObject named in `tagged_forms`
    (names as in the page's resources, `/X12`: forms with marked content of their own, which the structure
    tree points into); stretches that paint nothing are left alone."""
    inserts: list[tuple[int, bytes]] = []
    depth = 0
    stretch_start = 0
    painted = False

    def close(at: int) -> None:
        if painted:
            inserts.append((stretch_start, _ARTIFACT_OPEN))
            inserts.append((at, _ARTIFACT_CLOSE))

    for start, end, operator in operators(data):
        if operator in (b"BDC", b"BMC"):
            if depth == 0:
                close(start)
                painted = False
            depth += 1
        elif operator == b"EMC":
            depth = max(0, depth - 1)
            if depth == 0:
                stretch_start = end
        elif depth == 0:
            if operator in (b"BT", b"ET") or (operator == b"Do" and data[start:end].split()[0] in tagged_forms):
                close(start)
                painted = False
                stretch_start = end
            elif operator in PAINTING:
                painted = True
    if depth == 0:
        close(len(data))
    pieces: list[bytes] = []
    last = 0
    for at, text in inserts:
        pieces += [data[last:at], text]
        last = at
    pieces.append(data[last:])
    return b"".join(pieces)
