"""The text a reader sees in a built page, block by block, and the stray spaces in its Chinese.

A stray space is whitespace that a browser shows as a space between two CJK characters, or next to
CJK punctuation (full-width punctuation carries its own space). Whitespace between block elements
shows as nothing; inline code is kept as a placeholder so the spaces around it still count; `<br>`
ends a line.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from process_manual.core.cjk import is_cjk

_INLINE = frozenset("a abbr b bdi bdo cite del dfn em i ins mark q s small span strong sub sup time u var".split())
_CODE = frozenset({"code", "kbd", "samp"})
_SKIP = frozenset({"script", "style", "pre", "svg", "template"})
_WHITESPACE = re.compile(r"\s+")


def visible_lines(html: str, selector: str = "article") -> list[str]:
    """The runs of text that flow together (one per block and line) in the part of the page `selector` picks."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.select_one(selector) or soup
    lines: list[str] = []

    def walk(node: Tag, line: list[str]) -> list[str]:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                line.append(str(child))
            elif child.name in _CODE:
                line.append("\ue000")  # stands for the code: only the text around it is ours
            elif child.name in _SKIP:
                continue
            elif child.name in _INLINE:
                line = walk(child, line)
            else:  # a block, or <br>: the line ends
                lines.append("".join(line))
                lines.append("".join(walk(child, [])))
                line = []
        return line

    lines.append("".join(walk(root, [])))
    return [text for text in (_WHITESPACE.sub(" ", line).strip() for line in lines) if text]


def _stray(before: str, after: str) -> bool:
    punctuation = (is_cjk(before) and not before.isalnum()) or (is_cjk(after) and not after.isalnum())
    return (is_cjk(before) and is_cjk(after)) or punctuation


def stray_spaces(line: str) -> list[str]:
    """Each stray space of a line, shown with ten characters around it."""
    found = []
    for match in re.finditer(" ", line):
        start, end = match.start(), match.end()
        if 0 < start and end < len(line) and _stray(line[start - 1], line[end]):
            found.append(line[max(0, start - 10):end + 10])
    return found


def without_column(html: str, headers: set[str]) -> str:
    """The page without the columns of its tables headed by one of `headers` (e.g. the old text a version
    history quotes as it was)."""
    soup = BeautifulSoup(html, "html.parser")
    for table in soup.find_all("table"):
        heads = [th.get_text(strip=True) for th in table.select("thead th")]
        for index in sorted((i for i, text in enumerate(heads) if text in headers), reverse=True):
            for row in table.find_all("tr"):
                cells = row.find_all(["td", "th"], recursive=False)
                if index < len(cells):
                    cells[index].decompose()
    return str(soup)
