"""Make author text safe for Markdown and HTML: shown literally, never live HTML, links or attributes."""

from __future__ import annotations

import html
import re

# Characters with a meaning in Markdown, its extensions (tables, attr_list) or HTML: written as
# numeric character references, which Markdown passes through and the browser shows literally.
_INLINE_SPECIAL = set("\\`*_{}[]()#+-.!|<>&\"'~^=:$%@")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REF_LINK = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(\S+)", re.MULTILINE)


def plain(text: object) -> str:
    """Author text shown as it is written, on one line, inside any Markdown context (headings, lists, tables)."""
    flat = " ".join(str(text).split())
    return "".join(f"&#{ord(c)};" if c in _INLINE_SPECIAL else c for c in flat)


def attribute(text: object) -> str:
    """Text for an HTML attribute value (we always quote attributes with double quotes)."""
    return html.escape(" ".join(str(text).split()), quote=True)


def _neutralise_links(text: str) -> str:
    def inline(match: re.Match[str]) -> str:
        target = match.group(1)
        return match.group(0).replace(target, "#unsafe-link", 1) if _UNSAFE_SCHEME.match(target) else match.group(0)

    def reference(match: re.Match[str]) -> str:
        return match.group(1) + ("#unsafe-link" if _UNSAFE_SCHEME.match(match.group(2)) else match.group(2))

    return _REF_LINK.sub(reference, _INLINE_LINK.sub(inline, text))


def _escape_outside_code(text: str) -> str:
    pieces: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        pieces.append(_escape_markup(text[last:match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(_escape_markup(text[last:]))
    return "".join(pieces)


def _escape_markup(text: str) -> str:
    # `<` and `&` would start HTML; `{` would start an attribute list (attr_list can add onclick=...).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")


def markdown(text: object) -> str:
    """Author Markdown (purpose, details, answers): emphasis, lists and links work; raw HTML, attribute
    lists and script links do not. Fenced code blocks are not supported (their lines are shown as text)."""
    source = str(text).replace("\r\n", "\n").replace("```", "&#96;&#96;&#96;").replace("~~~", "&#126;~~")
    return _neutralise_links(_escape_outside_code(source))


def table_cell(text: object) -> str:
    """Author Markdown inside a table cell: one line, and `|` cannot end the cell."""
    return markdown(" ".join(str(text).split())).replace("|", "&#124;")
