"""A Python-Markdown extension: a line break inside Chinese (or Japanese) text vanishes instead of becoming a space.

Markdown keeps a soft line break (a newline inside a paragraph) as a newline in the HTML, and the browser
shows it as a space. Between English words that is right; in Chinese, which puts no spaces between words,
the reader sees a stray space wherever the author's editor wrapped a line. The rule is :mod:`..cjk`'s.

Code (inline and blocks), raw HTML and a line break after a hard break (`<br>`) are left as they are. The
HTML is changed before MkDocs sees it, so the search index, which MkDocs plugins build from the HTML, and
the printed pages carry the same text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from process_manual.core.cjk import break_vanishes, has_cjk

EXTENSION_NAME = "process_manual.build.cjk_breaks"
"""How MkDocs (`markdown_extensions:`) and Python-Markdown name this extension."""

_BREAK = re.compile(r"[ \t]*\n[ \t]*")

# Elements whose content flows as one line of text with their parent's; any other element ends it.
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    ]
)
_VERBATIM = frozenset({"code", "kbd", "samp", "pre", "script", "style"})


@dataclass
class _Slot:
    """One piece of text in the tree: an element's `text` or `tail`."""

    element: ET.Element
    attribute: str
    editable: bool

    @property
    def value(self) -> str:
        return getattr(self.element, self.attribute) or ""

    @value.setter
    def value(self, text: str) -> None:
        old = getattr(self.element, self.attribute)
        setattr(self.element, self.attribute, AtomicString(text) if isinstance(old, AtomicString) else text)


def _inline_runs(block: ET.Element) -> list[list[_Slot | None]]:
    """The runs of text that flow together inside `block` and each block nested in it.

    A None inside a run stands for an element that is not text (an image, a line break): nothing joins
    across it."""
    runs: list[list[_Slot | None]] = []

    def walk_block(element: ET.Element) -> None:
        run: list[_Slot | None] = [_Slot(element, "text", element.tag not in _VERBATIM)]
        for child in element:
            run = walk_child(child, run, element.tag not in _VERBATIM)
        runs.append(run)

    def walk_child(child: ET.Element, run: list[_Slot | None], editable: bool) -> list[_Slot | None]:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _INLINE:
            inner_editable = editable and tag not in _VERBATIM
            run.append(_Slot(child, "text", inner_editable))
            for grandchild in child:
                run = walk_child(grandchild, run, inner_editable)
        elif tag in ("pre", "script", "style") or not tag:
            runs.append(run)
            run = []
        elif tag in ("br", "img", "hr", "input", "wbr"):
            run.append(None)
        else:
            runs.append(run)
            walk_block(child)
            run = []
        run.append(_Slot(child, "tail", editable))
        return run

    walk_block(block)
    return runs


def _neighbour(run: list[_Slot | None], index: int, step: int) -> str:
    """The nearest character before (step -1) or after (step 1) the slot at `index`; "" at a boundary."""
    index += step
    while 0 <= index < len(run):
        slot = run[index]
        if slot is None:
            return ""
        if slot.value:
            return slot.value[-1] if step < 0 else slot.value[0]
        index += step
    return ""


def _join_run(run: list[_Slot | None]) -> None:
    for index, slot in enumerate(run):
        if slot is None or not slot.editable or "\n" not in slot.value:
            continue
        text = slot.value

        def replace(match: re.Match[str], text: str = text, index: int = index) -> str:
            start, end = match.start(), match.end()
            before = text[start - 1] if start > 0 else _neighbour(run, index, -1)
            after = text[end] if end < len(text) else _neighbour(run, index, 1)
            if before and after and break_vanishes(before, after):
                return ""
            return match.group(0)

        slot.value = _BREAK.sub(replace, text)


class _JoinCjkLines(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        if not any(has_cjk(text) for text in root.itertext()):
            return
        for run in _inline_runs(root):
            _join_run(run)


class CjkLineBreaks(Extension):
    """Drop soft line breaks inside CJK text (see the module's docstring for the rule)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20), which make <em>, <a> and <code> of the text, before prettify (10).
        md.treeprocessors.register(_JoinCjkLines(md), "cjk_line_breaks", 15)


def makeExtension(**kwargs: Any) -> CjkLineBreaks:
    return CjkLineBreaks(**kwargs)
