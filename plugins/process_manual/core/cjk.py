"""Where a line break inside Chinese text goes: nowhere. One rule for the Markdown pages and the YAML values.

Chinese (and Japanese) puts no spaces between words, so a line break an author's editor made inside a
sentence must not become a space, as it does in HTML and in YAML's folded text. The rule:

* A line break vanishes when the characters on both sides are CJK: Han ideographs, kana, full-width forms
  and CJK punctuation ("办理时限，⏎使文件" -> "办理时限，使文件").
* It vanishes next to CJK punctuation whatever the other side is: full-width punctuation carries its own
  space ("…的文件。⏎ISO 9001…" -> "…的文件。ISO 9001…").
* The quotation marks, dashes and ellipses Chinese shares with English (“ ” ‘ ’ — … ·) count as CJK
  punctuation when the other side is a CJK character, and as English otherwise.
* Between a CJK character and a Latin letter or a digit it stays one space ("在⏎3个工作日" -> "在 3个工作日",
  "使用⏎ISO" -> "使用 ISO"): the space Chinese style guides ask for between Han and Western text, and the
  rule of CSS Text Level 3 ("segment break transformation"). Between Latin words it stays a space.

Hangul is not CJK here: Korean separates words with spaces.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_SHARED_PUNCTUATION = frozenset("“”‘’—…·")
"""Punctuation of East Asian width "ambiguous" that Chinese uses too: it takes the side of its neighbour."""

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
CJK_RANGES = "\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
"""The code points of Chinese and Japanese text, for a regular expression's character class."""
ANY_CJK = re.compile(f"[{CJK_RANGES}]")
"""Finds a CJK character, if there is one: text without any is left alone at once."""


def has_cjk(text: str) -> bool:
    """Whether `text` holds any Chinese or Japanese character (the test every "is this Chinese?" uses)."""
    return ANY_CJK.search(text) is not None


_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def is_cjk(char: str) -> bool:
    """A character of Chinese or Japanese text: East Asian width wide, full-width or half-width, not Hangul."""
    return unicodedata.east_asian_width(char) in ("W", "F", "H") and not _HANGUL.match(char)


def _is_cjk_punctuation(char: str) -> bool:
    return is_cjk(char) and unicodedata.category(char).startswith("P")


def break_vanishes(before: str, after: str) -> bool:
    """Whether a line break between the characters `before` and `after` is dropped (else it is a space)."""
    if _is_cjk_punctuation(before) or _is_cjk_punctuation(after):
        return True
    if is_cjk(before):
        return is_cjk(after) or after in _SHARED_PUNCTUATION
    return before in _SHARED_PUNCTUATION and is_cjk(after)


def join_lines(text: str) -> str:
    """Plain text with its line breaks treated by the rule (a space where one stays)."""
    if "\n" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        if start == 0 or end == len(text):
            return match.group(0)
        return "" if break_vanishes(text[start - 1], text[end]) else " "

    return _BREAK.sub(replace, text)


# --------------------------------------------------------------------------------------------------
# YAML: a plain or `>` folded value spanning lines is folded by YAML itself, a space for each line
# break, before the handbook sees it. Those values are folded again from the file's text by the rule.
# --------------------------------------------------------------------------------------------------

FOLDED_STYLES = frozenset({None, "", ">"})
"""Node styles whose line breaks YAML folds into spaces: plain and `>` (quoted values are left as YAML reads them)."""


def _fold(lines: list[str], cjk: bool) -> str:
    """YAML's folding of content lines (YAML 1.2, 6.5 and 8.1.3): a break between two lines becomes a
    space, one or more empty lines become that many line breaks, and lines that start with a space or
    tab (more indented) keep their breaks. With `cjk`, the space follows :func:`break_vanishes`."""
    out: list[str] = []
    previous = ""
    empty = 0
    for line in lines:
        if not line.strip():
            empty += 1
            continue
        more_indented = line[0] in " \t"
        if not out:
            out.append("\n" * empty)
        elif previous and previous[0] not in " \t" and not more_indented and not empty:
            out.append("" if cjk and break_vanishes(previous[-1], line[0]) else " ")
        elif previous and previous[0] not in " \t" and not more_indented:
            out.append("\n" * empty)
        else:
            out.append("\n" * (empty + 1))
        out.append(line)
        previous, empty = line, 0
    return "".join(out)


def _content_lines(source: str, style: str | None) -> list[str] | None:
    """The lines of a plain scalar (trimmed) or a `>` block scalar (indentation removed); None if unsure."""
    lines = source.split("\n")
    if style != ">":
        return [line.strip(" \t") for line in lines]
    header = lines[0].split("#", 1)[0].strip()
    if any(char.isdigit() for char in header):  # an explicit indentation indicator: leave it to YAML
        return None
    body = lines[1:]
    indent = next((len(line) - len(line.lstrip(" ")) for line in body if line.strip()), 0)
    return [line[indent:] if line.strip() else "" for line in body]


def refold(source: str, node: Any) -> str | None:
    """The value of a plain or `>` scalar node folded by the CJK rule, or None when it stays as YAML read it.

    `node` is a PyYAML scalar node of `source` (its marks index characters of `source`). The lines are
    folded twice, by YAML's rule and by ours: only if YAML's reproduces the value YAML read is ours used,
    so anything this reading of the lines misses leaves the value untouched."""
    value: str = node.value
    if not ANY_CJK.search(value):
        return None
    lines = _content_lines(source[node.start_mark.index : node.end_mark.index], node.style)
    if lines is None:
        return None
    while lines and not lines[-1].strip():
        lines.pop()
    body = value.rstrip("\n")
    if _fold(lines, cjk=False) != body:
        return None
    return _fold(lines, cjk=True) + value[len(body) :]
