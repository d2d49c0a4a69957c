"""Make author text safe for Markdown and HTML: shown literally, never live HTML, links or attributes."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from process_manual.core.cjk import join_lines
from process_manual.core.marked import Stale, Untranslated
from process_manual.core.refsyntax import Found, find_references

LinkWriter = Callable[[Found], str]
"""Writes one reference found in author text as Markdown (render/links.py: a link from the page being written)."""

# Characters with an inline meaning in Markdown, its extensions (tables, attr_list, pymdownx) or HTML:
# written as numeric character references, which Markdown passes through and the browser shows
# literally. Plain text never starts a line (it always follows "# ", "- ", "| ", "**"), so block
# markers such as `-`, `.` and `:` need no escape; leaving them spares Markdown's inline patterns
# hundreds of thousands of matches in a large handbook. (`#` stays: a heading drops a trailing one.)
_INLINE_SPECIAL = set("\\`*_{}[]!|<>&~^=+$@#")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_SCHEMES = r"(?:javascript|vbscript|data|file)\s*:"
# A link whose target would run script: its `[` is written as a character reference, so the
# author's text is shown as typed instead of becoming a link.
_UNSAFE_INLINE_LINK = re.compile(r"\[(?=[^\]]*\]\(\s*<?\s*" + _SCHEMES + ")", re.IGNORECASE)
_UNSAFE_REF_LINK = re.compile(r"^(\s{0,3})\[(?=[^\]]+\]:\s*<?\s*" + _SCHEMES + ")", re.IGNORECASE | re.MULTILINE)


def plain(text: object, links: LinkWriter | None = None) -> str:
    """Author text shown as it is written, on one line, inside any Markdown context (headings, lists, tables).
    A line break becomes a space, or nothing inside Chinese text (cjk.py). With `links`, its references
    (`[[SAL-001]]`) become links."""
    source, written = _set_aside_references(str(text), links)
    flat = " ".join(join_lines(source).split())
    return marked(_put_back(written, "".join(f"&#{ord(c)};" if c in _INLINE_SPECIAL else c for c in flat)), text)


_SLOT_START, _SLOT_END = "\ue000", "\ue001"
_SLOT = re.compile(f"{_SLOT_START}(\\d+){_SLOT_END}")


def _set_aside_references(text: str, links: LinkWriter | None) -> tuple[str, list[str]]:
    """`text` with each reference replaced by a numbered slot (private-use characters, which no escaping
    touches), and the Markdown each slot stands for. Slots an author typed are not ours: they are dropped."""
    if links is None or "[[" not in text:
        return text, []
    text = text.replace(_SLOT_START, "\ufffd").replace(_SLOT_END, "\ufffd")
    pieces: list[str] = []
    written: list[str] = []
    last = 0
    for found in find_references(text):
        pieces += [text[last : found.start], f"{_SLOT_START}{len(written)}{_SLOT_END}"]
        written.append(links(found))
        last = found.end
    return "".join(pieces) + text[last:], written


def _put_back(written: list[str], escaped: str) -> str:
    return _SLOT.sub(lambda slot: written[int(slot[1])], escaped) if written else escaped


def marked(shown: str, text: object) -> str:
    """`shown` (the escaped form of `text`) with the mark of a text shown in its source language because it
    is not translated yet (its `lang`, and a note in the page's language), or of an outdated translation."""
    if isinstance(text, Untranslated):
        return (
            f'<span class="pm-untranslated" lang="{attribute(text.language)}">{shown}</span>'
            f'<span class="pm-translation-note">{html.escape(text.note)}</span>'
        )
    if isinstance(text, Stale):
        return f'<span class="pm-stale">{shown}</span><span class="pm-translation-note">{html.escape(text.note)}</span>'
    return shown


def attribute(text: object) -> str:
    """Text for an HTML attribute value (we always quote attributes with double quotes)."""
    return html.escape(" ".join(join_lines(str(text)).split()), quote=True)


def _neutralise_links(text: str) -> str:
    text = _UNSAFE_INLINE_LINK.sub("&#91;", text)
    return _UNSAFE_REF_LINK.sub(lambda m: m.group(1) + "&#91;", text)


def _escape_outside_code(text: str) -> str:
    pieces: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        pieces.append(_escape_markup(text[last : match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(_escape_markup(text[last:]))
    return "".join(pieces)


def _escape_markup(text: str) -> str:
    # `<` and `&` would start HTML; `{` would start an attribute list (attr_list can add onclick=...).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;")


def markdown(text: object, links: LinkWriter | None = None) -> str:
    """Author Markdown (purpose, details, answers): emphasis, lists and links work; raw HTML, attribute
    lists and script links do not. Fenced code blocks are not supported (their lines are shown as text).
    With `links`, references (`[[SAL-001#quote]]`) become links to their targets."""
    source, written = _set_aside_references(str(text).replace("\r\n", "\n"), links)
    source = source.replace("```", "&#96;&#96;&#96;").replace("~~~", "&#126;~~")
    shown = _put_back(written, _neutralise_links(_escape_outside_code(source)))
    if not isinstance(text, Untranslated | Stale):
        return shown
    if not _BLOCKS.search(shown.strip()):  # one paragraph: marked like any inline text
        return marked(shown, text)
    # Markdown blocks (lists, paragraphs) cannot sit inside a span: the note follows them, and blocks in another
    # language are wrapped in an element that says so (md_in_html keeps their Markdown).
    if isinstance(text, Untranslated):
        language = attribute(text.language)
        shown = f'<div class="pm-untranslated" lang="{language}" markdown="1">\n\n{shown}\n\n</div>'
    return f'{shown}\n\n<span class="pm-translation-note">{html.escape(text.note.strip())}</span>'


_BLOCKS = re.compile(r"\n\s*\n|^\s*(?:[-*+]|\d+[.)]|#|>)\s", re.MULTILINE)
"""Where author Markdown holds more than one paragraph: a blank line, a list item, a heading, a quote."""


def table_cell(text: object, links: LinkWriter | None = None) -> str:
    """Author Markdown inside a table cell: one line, and `|` cannot end the cell."""
    shown = markdown(" ".join(join_lines(str(text)).split()), links).replace("|", "&#124;")
    return marked(shown, text)


def page_title(text: str) -> str:
    """A title for front matter: templates print it unescaped (and `striptags` decodes entities), so angle
    brackets become look-alike characters and cannot open a tag."""
    flat = " ".join(text.split()).replace("<", "‹").replace(">", "›").replace("&", "&amp;")
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front_matter(title: str) -> str:
    return f"---\ntitle: {page_title(title)}\n---\n\n"
