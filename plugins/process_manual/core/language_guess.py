"""Which catalog's language a text without a declared language is written in, from the catalogs' own texts.

Used where nothing says the language (a new process file or a BPMN import outside any site): a text
with Chinese characters is matched to the catalog in a Han script whose texts use most of its characters
(审批 is simplified, 審批 traditional; text in characters both share goes to the first such catalog); any
other text is taken for English. No language is named here: the characters come from the catalogs.
"""

from __future__ import annotations

import functools

from process_manual.core.catalog import REFERENCE, Catalog, shipped_catalogs
from process_manual.core.cjk import has_cjk, is_cjk


@functools.cache
def _characters(catalog: Catalog) -> frozenset[str]:
    """The CJK characters a catalog's texts use."""
    texts = (text for message in catalog.messages.values() for text in _texts(message))
    return frozenset(char for text in texts for char in text if is_cjk(char))


def _texts(message: object) -> list[str]:
    forms = getattr(message, "forms", None)
    return list(forms.values()) if forms is not None else [str(message)]


def guess_language(text: str) -> str:
    """The tag of the catalog `text` is most likely written for (English for text without CJK characters)."""
    if not has_cjk(text):
        return str(REFERENCE)
    chars = {char for char in text if is_cjk(char)}
    candidates = [catalog for catalog in shipped_catalogs().values() if _characters(catalog)]
    if not candidates:
        return str(REFERENCE)
    best = max(candidates, key=lambda catalog: len(chars & _characters(catalog)))  # first of equals wins
    return str(best.tag)
