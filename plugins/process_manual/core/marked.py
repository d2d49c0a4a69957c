"""Texts that carry how they came to be in a language: shown with a mark, never silently.

A page in English shows a text not translated yet in its source language, marked with that language and a
note; a translation whose source has changed since is shown with a note that it is out of date. Both are
plain `str` to everything else (sorting, searching, Mermaid labels), so the marks survive from
localization (load/localize.py) to the one place that writes them out (render/text.py).
"""

from __future__ import annotations


class Untranslated(str):
    """A source-language text shown where a translation is missing."""

    language: str
    note: str

    def __new__(cls, text: str, language: str, note: str) -> Untranslated:
        marked = super().__new__(cls, text)
        marked.language, marked.note = language, note
        return marked


class Stale(str):
    """A translation of a source text that has changed since it was translated."""

    note: str

    def __new__(cls, text: str, note: str) -> Stale:
        marked = super().__new__(cls, text)
        marked.note = note
        return marked


def is_marked(text: object) -> bool:
    return isinstance(text, Untranslated | Stale)
