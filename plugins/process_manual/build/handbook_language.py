"""The language of a handbook folder, for commands that are given the folder rather than the site.

A handbook speaks its source language, the first of `_handbook.yml`'s `languages` when it declares them;
else the language its site is built in: the plugin's `language` option, else the theme's `language`, in
the mkdocs.yml whose `processes` is that folder (the same setting the plugin reads, so `process-manual
bpmn export processes` and the site's BPMN downloads use the same words). The nearest mkdocs.yml in the
folder's parent or any folder above that builds it is the site.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from process_manual.build.plain_files import RenderRefused, plugin_options, read_site_config
from process_manual.core.catalog import LANGUAGE_VARIABLE, REFERENCE, Catalog, language_override, negotiate

SITE_FILES = ("mkdocs.yml", "mkdocs.yaml")


@dataclass(frozen=True)
class HandbookLanguage:
    """The language a command uses, and where it came from."""

    catalog: Catalog
    source: str
    """`--language`, the mkdocs.yml it was read from, or "guessed"."""
    warning: str | None = None
    guessed: bool = False
    """Nothing said the language: it was guessed from a text (or is English by default)."""


def site_language(folder: Path) -> tuple[str, Path] | None:
    """The language tag the site building `folder` asks for, and its mkdocs.yml; None when none is found."""
    target = folder.resolve()
    for directory in target.parents:
        for name in SITE_FILES:
            config_path = directory / name
            if config_path.is_file():
                tag = _language_of(config_path, target)
                if tag is not None:
                    return tag, config_path
    return None


def _language_of(config_path: Path, folder: Path) -> str | None:
    """The tag of the site `config_path` if its handbook is `folder` (English when it names none), else None."""
    try:
        config = read_site_config(config_path)
        options = plugin_options(config, config_path)
    except RenderRefused:
        return None  # not a handbook's site, or one this command cannot read: look further up
    if (config_path.parent / options.processes).resolve() != folder:
        return None
    theme: Any = config.get("theme")
    theme_language = theme.get("language") if isinstance(theme, dict) else None
    return str(options.language or theme_language or REFERENCE)


def command_language(
    requested: str | None,
    folder: Path,
    *,
    declared: str | None = None,
    guess_from: str = "",
    catalogs: Mapping[str, Catalog] | None = None,
) -> HandbookLanguage:
    """The language of a command: `--language` if given, else $PROCESS_MANUAL_LANGUAGE, else the handbook's
    source language (`declared`: the first of `_handbook.yml`'s `languages`), else its site's, else guessed
    from `guess_from` (a title; English when it is empty)."""
    from process_manual.core.language_guess import guess_language

    if requested or language_override():
        negotiated = negotiate(requested or language_override(), catalogs)
        source = "--language" if requested else LANGUAGE_VARIABLE
        return HandbookLanguage(negotiated.catalog, source, negotiated.warning)
    if declared:
        negotiated = negotiate(declared, catalogs)
        return HandbookLanguage(negotiated.catalog, "_handbook.yml", negotiated.warning)
    found = site_language(folder)
    if found is not None:
        tag, config_path = found
        negotiated = negotiate(tag, catalogs)
        return HandbookLanguage(negotiated.catalog, config_path.as_posix(), negotiated.warning)
    return HandbookLanguage(negotiate(guess_language(guess_from), catalogs).catalog, "guessed", guessed=True)


def warn_once(language: HandbookLanguage, prog: str) -> None:
    """Print the warning of a language without a catalog (the command goes on in English)."""
    if language.warning:
        print(f"{prog}: warning: {language.warning}", file=sys.stderr)
