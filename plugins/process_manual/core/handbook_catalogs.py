"""A handbook's own words for the plugin's interface: `_interface.yml` beside `_handbook.yml`.

One file, a section per language tag. Under a shipped catalog's tag it replaces words of that catalog
(`zh-Hans: {labels: {glossary: 名词解释}}`): everything it leaves out stays the shipped text. Under any
other tag it adds a language, which declares its `language:` identity with a `fallback:` catalog for
the words it does not give. Checked like a shipped catalog (keys, placeholders, plural forms), every
problem at its line. The words the checks recognise (`recognise`) are the shipped catalogs' only: a
handbook adds vague-owner words in `_handbook.yml`.
"""

from __future__ import annotations

from typing import Any

from process_manual.core.catalog import Catalog, CatalogError, load_catalog_files, shipped_catalogs
from process_manual.core.catalog_file import IDENTITY, VOCABULARY, CatalogFile, Path_, read_catalog_text
from process_manual.core.language_tags import LanguageTag
from process_manual.core.problems import Problem

INTERFACE_FILE = "_interface.yml"


def handbook_catalogs(text: str, shown: str) -> tuple[dict[str, Catalog], list[Problem]]:
    """Every catalog a handbook speaks with: the shipped ones, with `_interface.yml`'s words over theirs and
    its own languages added; and the file's problems (with any, the shipped catalogs alone)."""
    read = read_catalog_text(text, shown)
    shipped = shipped_catalogs()
    files: dict[str, CatalogFile] = {}
    for tag, section in read.tree.items():
        part = _part(read, tag, section)
        if part is None:
            continue
        known = next((found for found in shipped.values() if found.tag.key == tag.lower()), None)
        if known is not None:
            if IDENTITY in section:
                read.problem((tag, IDENTITY), "unknown-key", f"'{tag}' is a shipped catalog: its identity is fixed")
                continue
            part.tree[IDENTITY] = _identity_of(known)
            tag = str(known.tag)
        if VOCABULARY in section:
            read.problem(
                (tag, VOCABULARY),
                "unknown-key",
                "a handbook's interface words recognise nothing",
                "add vague-owner words to _handbook.yml's vague_owners",
            )
            continue
        files[tag] = part
    if read.problems:
        return dict(shipped), read.problems
    try:
        added = load_catalog_files(files, shipped)
    except CatalogError as refused:
        return dict(shipped), refused.problems
    return {**shipped, **added}, []


def _part(read: CatalogFile, tag: str, section: Any) -> CatalogFile | None:
    """The section of one language as a catalog file of its own (its values keep their lines)."""
    try:
        LanguageTag.parse(tag)
    except ValueError as error:
        read.problem((tag,), "invalid-value", str(error), "each top-level key is a language tag", at_key=True)
        return None
    if not isinstance(section, dict):
        read.problem((tag,), "invalid-value", f"'{tag}' is a mapping of sections", "e.g. labels: {glossary: ...}")
        return None

    def inside(marks: dict[Path_, tuple[int, int]]) -> dict[Path_, tuple[int, int]]:
        return {at[1:]: mark for at, mark in marks.items() if at[:1] == (tag,)}

    return CatalogFile(read.path, tree=dict(section), marks=inside(read.marks), key_marks=inside(read.key_marks))


def _identity_of(catalog: Catalog) -> dict[str, Any]:
    """A shipped catalog's `language:` section, falling back to the catalog itself."""
    return {
        "tag": str(catalog.tag),
        "autonym": catalog.autonym,
        "script": catalog.script,
        "plural": catalog.plural_rule,
        "serves": [str(tag) for tag in catalog.serves],
        "names": dict(catalog.names),
        "search": dict(catalog.search),
        "fallback": str(catalog.tag),
    }
