"""The labels of one language: the `labels` section of its catalog (:mod:`.catalog`), by attribute.

`Labels("zh-TW").purpose` is 目的: the tag is negotiated to a catalog (zh-TW → zh-Hant); an unknown tag gets
English here, and the entry points that read a tag from the user (the plugin, the commands) warn about
it through :func:`.catalog.negotiate`.
"""

from __future__ import annotations

from process_manual.core.catalog import Catalog, Typography, Words, catalog


class Labels:
    """Attribute access to the labels of one language: `labels.purpose`, `labels.text("version_n", version=...)`."""

    def __init__(self, language: str | Catalog):
        self.catalog = language if isinstance(language, Catalog) else catalog(language)
        self._words: Words = self.catalog.labels

    @property
    def language(self) -> str:
        """The catalog's tag: en, zh-Hans, zh-Hant, de, ..."""
        return str(self.catalog.tag)

    @property
    def typography(self) -> Typography:
        return self.catalog.typography

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return self._words.__getattr__(key)

    def text(self, key: str, **fields: object) -> str:
        return self._words.text(key, **fields)

    def status_name(self, status: str) -> str:
        return self._words.text(f"status_{status}")

    @property
    def language_autonym(self) -> str:
        """This language's name in itself (简体中文, English): what a language selector shows."""
        return self.catalog.autonym

    def language_name(self, tag: str) -> str:
        """The name of language `tag` in this language (its own name when this catalog does not name it)."""
        return self.catalog.language_name(tag)
