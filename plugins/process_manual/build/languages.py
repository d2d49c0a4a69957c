"""A handbook's languages as a site shows them, for any engine: where each language's pages live, the
links between them, the site's name, and hand-written pages not translated yet.

Nothing here imports MkDocs: the plugin (mkdocs_plugin/languages.py) and `process-manual render` both use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from process_manual.core import paths
from process_manual.core.labels import Labels
from process_manual.load.localize import opencc_converter, site_name_in


@dataclass(frozen=True)
class Languages:
    """The handbook's languages and the one a build is writing."""

    tags: tuple[str, ...]
    """Source language first."""
    current: str
    derived: dict[str, str] = field(default_factory=dict)
    """Language -> OpenCC conversion (from `_handbook.yml`)."""

    @property
    def source(self) -> str:
        return self.tags[0]

    @property
    def is_source(self) -> bool:
        return self.current == self.source

    def folder(self, tag: str) -> str:
        """Where a language's site lives inside the source site: "" or "en/"."""
        return paths.language_folder(tag, self.source)


def site_base(site_url: str | None) -> str:
    """The path of the source site on its host ("/" when no site_url says otherwise)."""
    path = urlsplit(site_url).path if site_url else "/"
    return path if path.endswith("/") else path + "/"


def alternates(languages: Languages, base: str) -> list[dict[str, str]]:
    """Material's `extra.alternate`: the home of every language, as absolute paths (MkDocs' `url` filter would
    misplace a relative link that leaves the language's own site). Material reads each one's sitemap.xml
    and its `<link rel="alternate" hreflang>` in every page's head."""
    return [
        {"name": Labels(tag).language_autonym, "link": f"{base}{languages.folder(tag)}", "lang": tag}
        for tag in languages.tags
    ]


def with_same_page_links(html: str, languages: Languages, base: str, page_url: str) -> str:
    """The language selector of a page leading to *this* page in each language, not to its home.

    Material's script finds the same page through the other language's sitemap, except when that language
    is the site's root (the source language here): links that name the page need no lookup at all."""
    for tag in languages.tags:
        home = f"{base}{languages.folder(tag)}"
        html = html.replace(
            f'<a href="{home}" hreflang="{tag}" class="md-select__link">',
            f'<a href="{home}{page_url}" hreflang="{tag}" class="md-select__link">',
        )
    return html


def source_pages(pages: list[Any], languages: Languages) -> list[Any]:
    """The navigation of hand-written pages without the translations of its pages (`index.en.md`)."""
    suffixes = tuple(f".{tag}.md" for tag in languages.tags[1:])
    return [page for page in pages if not (isinstance(page, str) and page.endswith(suffixes))]


def untranslated_page_note(languages: Languages, labels: Labels) -> str:
    """The note atop a hand-written page shown in the source language (or converted from it)."""
    source_name = labels.language_name(languages.source)
    if languages.current in languages.derived:
        text = labels.converted_page.format(language=source_name)
    else:
        text = labels.page_not_translated.format(language=source_name)
    return f'!!! note ""\n    {text}\n\n'


def site_name(source_name: str, languages: Languages, names: dict[str, str]) -> str:
    """The site's name in the language being built: as named in the options, else converted for a derived
    language, else the source's."""
    return site_name_in(
        languages.current, source_name, source_language=languages.source, names=names, derived=languages.derived
    )


def with_note(markdown: str, note: str) -> str:
    """`note` right after the page's title: MkDocs takes a page's title from a first-level heading only
    when it opens the page."""
    first, _, rest = markdown.partition("\n")
    if first.startswith("# "):
        return f"{first}\n\n{note}{rest}"
    return note + markdown


def convert_page(markdown: str, languages: Languages) -> str:
    """A hand-written page of a derived language: converted by OpenCC from the source page."""
    conversion = languages.derived.get(languages.current)
    return opencc_converter(conversion)(markdown) if conversion else markdown


def hand_written_pages(docs_dir: Path, languages: Languages, labels: Labels) -> tuple[dict[str, str], list[str]]:
    """The hand-written pages of the language being written, for an engine without our plugin: page -> its
    Markdown where it differs from `docs_dir`'s file, and the translation files to leave out (`x.en.md`)."""
    suffixes = tuple(f".{tag}.md" for tag in languages.tags[1:])
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    translations = [page for page in pages if page.endswith(suffixes)]
    if languages.is_source:
        return {}, translations
    changed: dict[str, str] = {}
    for page in pages:
        if page in translations:
            continue
        own = docs_dir / (page.removesuffix(".md") + f".{languages.current}.md")
        if own.is_file():
            changed[page] = own.read_text(encoding="utf-8")
        else:
            source = (docs_dir / page).read_text(encoding="utf-8")
            changed[page] = with_note(convert_page(source, languages), untranslated_page_note(languages, labels))
    return changed, translations
