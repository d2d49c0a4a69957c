"""One `mkdocs build` writes the handbook in every language `_handbook.yml` declares.

The source language is the build MkDocs runs; after it, each other language is built again from the
same mkdocs.yml into `site_dir/<tag>/`, with the theme, search and the plugin switched to that
language (:func:`build_language`). The handbook is loaded and checked once, by the source build: the
other builds localize what it loaded (load/localize.py). Every page of every language carries
Material's language selector and `hreflang` alternates leading to the same page in the others.

Hand-written pages translate as siblings: `docs/index.en.md` is the English `index.md`. A page without
one is shown in the source language with a note — converted by OpenCC for a derived language.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from process_manual.build.languages import Languages

PLUGIN_NAME = "process-manual"


def translated_pages(files: Files, languages: Languages) -> Files:
    """The hand-written pages of the language being built: `x.<tag>.md` replaces `x.md`; files of the
    other languages are left out of this build."""
    suffixes = {f".{tag}.md": tag for tag in languages.tags[1:]}
    translations: dict[str, File] = {}
    for file in list(files):
        for suffix, tag in suffixes.items():
            if file.src_uri.endswith(suffix):
                files.remove(file)
                if tag == languages.current:
                    translations[file.src_uri.removesuffix(suffix) + ".md"] = file
    for src_uri, translation in translations.items():
        original = files.get_file_from_path(src_uri)
        if original is not None:
            original.abs_src_path = translation.abs_src_path
            original.translated = True  # type: ignore[attr-defined]  # read by page_in_other_language
    return files


def page_in_other_language(file: File) -> bool:
    return not getattr(file, "translated", False)


@contextlib.contextmanager
def _own_plugin_instances(cache: dict[str, BasePlugin[Any]]) -> Iterator[None]:
    """MkDocs keeps plugin instances across config loads (for `mkdocs serve`) in one cache shared by every
    config: a language's build needs instances of its own, kept across rebuilds in `cache`."""
    option = dict(MkDocsConfig._schema)["plugins"]
    saved = option.plugin_cache  # type: ignore[attr-defined]  # Plugins' own attribute, see mkdocs/config
    option.plugin_cache = cache  # type: ignore[attr-defined]
    try:
        yield
    finally:
        option.plugin_cache = saved  # type: ignore[attr-defined]


def _search_options(tag: str, source_options: dict[str, Any]) -> dict[str, Any]:
    """Search settings for a language: Chinese keeps jieba's segmentation and the source's separators when the
    source is Chinese too; any other language gets Material's stemmer and default separator."""
    base = tag.split("-")[0]
    if base == "zh":
        if "zh" in (source_options.get("lang") or []):
            return {}
        return {"lang": ["zh", "en"], "separator": r"[\s\u200b\u3000\-、。，．？！；：（）《》“”‘’]+", "pipeline": None}
    return {"lang": [base], "separator": None, "pipeline": None}


def build_language(
    config: MkDocsConfig,
    tag: str,
    prepare: Any,
    *,
    cache: dict[str, BasePlugin[Any]],
    dirty: bool,
) -> None:
    """Build the site of language `tag` into `site_dir/<tag>/` from the same mkdocs.yml.

    `prepare(plugin)` hands the language's process-manual plugin what the source build already knows."""
    site_dir = str(Path(config.site_dir) / tag)
    site_url = urljoin(config.site_url, f"{tag}/") if config.site_url else None
    with _own_plugin_instances(cache):
        nested = load_config(config.config_file_path, site_dir=site_dir, site_url=site_url, strict=config.strict)
    nested.theme["language"] = tag
    search = nested.plugins.get("material/search") or nested.plugins.get("search")
    if search is not None:
        source_options = dict(search.config)
        for key, value in _search_options(tag, source_options).items():
            search.config[key] = value
    prepare(nested.plugins[PLUGIN_NAME])
    build(nested, dirty=dirty)
