"""Interface text as data: every word the plugin writes comes from one catalog file per language.

The catalogs are package data, `core/catalogs/<tag>.yml` (ARCHITECTURE.md, "A language of the interface").
Each is read once per process and checked against the English one, which is the reference: every other
catalog has exactly its keys (unless it declares a `fallback:` language to borrow the missing ones from) and the same
`{placeholders}`. :func:`negotiate` finds the catalog for any BCP 47 tag — an unknown tag gets English
*and a warning naming it*, never a silently English page. Adding a language is adding one file.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from process_manual.core.catalog_file import (
    IDENTITY,
    CatalogFile,
    Message,
    check_against,
    read_catalog_text,
)
from process_manual.core.language_tags import LanguageTag
from process_manual.core.problems import Problem
from process_manual.core.vocabulary_check import check_vocabulary
from process_manual.core.words import Typography, Words, format_number

CATALOG_FOLDER = Path(__file__).parent / "catalogs"
REFERENCE = LanguageTag("en")
"""The catalog every other is checked against, and the language of an unknown tag."""
LANGUAGE_VARIABLE = "PROCESS_MANUAL_LANGUAGE"
"""An environment variable: the language of one build or command over the handbook's own (a tag), which
`process-manual pdf --language` sets for the site it builds."""

PLURAL_RULES: dict[str, tuple[tuple[str, ...], Callable[[float], str]]] = {
    # name: (CLDR categories the messages give, category of a number). CLDR's rules for integers and decimals.
    "other": (("other",), lambda n: "other"),  # Chinese, Japanese, Korean: one form for every number
    "one-other": (("one", "other"), lambda n: "one" if n == 1 else "other"),  # English, German, Dutch, ...
    "one-below-two": (("one", "other"), lambda n: "one" if 0 <= n < 2 else "other"),  # French: 0, 1 and 1.5
}
"""How a language chooses a plural form. A language whose rule is not here needs one entry (and a test)."""


class CatalogError(Exception):
    """Catalogs that cannot be used, with every problem's place: shipped, a broken package; a handbook's
    (`_interface.yml`), problems its validation reports."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(problem.text() for problem in problems))


@dataclass(frozen=True, eq=False)  # compared and hashed as one object: it is made once per language
class Catalog:
    """One language's catalog, complete (keys it leaves out are filled from its fallback language)."""

    tag: LanguageTag
    autonym: str
    """The language's name in itself: English, 简体中文, 繁體中文, Deutsch."""
    script: str
    """ISO 15924 code of its writing system (Latn, Hans, Hant): what search dictionaries go by."""
    plural_rule: str
    serves: tuple[LanguageTag, ...]
    """Further tags this catalog answers (zh-TW, zh-HK for zh-Hant)."""
    fallback: LanguageTag | None
    names: Mapping[str, str]
    """Other languages' names in this language, by tag (a language not named is called by its autonym)."""
    search: Mapping[str, Any]
    """How Material's search treats the language: `lang` (its stemmers; `zh` segments with jieba) and, where
    the default does not do, a `separator` pattern."""
    messages: Mapping[str, Message] = field(repr=False)
    """Every message by dotted key: `labels.purpose`."""
    vocabulary: Mapping[str, Any] = field(repr=False)
    """The `recognise` section: words the checks look for in author text (:mod:`.vocabulary`)."""
    source: str = ""

    @property
    def plural_forms(self) -> tuple[str, ...]:
        return PLURAL_RULES[self.plural_rule][0]

    def plural_category(self, number: float) -> str:
        return PLURAL_RULES[self.plural_rule][1](number)

    def words(self, section: str) -> Words:
        prefix = section + "."
        texts = {key[len(prefix) :]: message for key, message in self.messages.items() if key.startswith(prefix)}
        separator = str(self.messages.get("typography.decimal_separator", "."))
        return Words(section, texts, self.plural_category, lambda n: format_number(n, separator))

    @cached_property
    def labels(self) -> Words:
        return self.words("labels")

    @cached_property
    def durations(self) -> Words:
        return self.words("durations")

    @cached_property
    def rules_page(self) -> Words:
        return self.words("rules_page")

    @cached_property
    def bpmn_import(self) -> Words:
        return self.words("bpmn_import")

    @cached_property
    def new_process(self) -> Words:
        return self.words("new_process")

    @cached_property
    def typography(self) -> Typography:
        typography = self.words("typography")
        return Typography(**{name: getattr(typography, name) for name in Typography.__dataclass_fields__})

    def rule_title(self, rule_id: str) -> str:
        return str(self.messages[f"rules.{rule_id}"])

    def principle(self, key: str) -> tuple[str, str]:
        """A principle's name and text."""
        return str(self.messages[f"principles.{key}.name"]), str(self.messages[f"principles.{key}.text"])

    def language_name(self, tag: str) -> str:
        """What this language calls the language `tag` (zh is zh-Hans; its autonym when not named here)."""
        named = negotiate(tag)
        if named.warning:
            return tag
        return self.names.get(str(named.catalog.tag)) or named.catalog.autonym


# ---------------------------------------------------------------- reading and checking the files


def read_catalog(path: Path, shown: str | None = None) -> CatalogFile:
    return read_catalog_text(path.read_text(encoding="utf-8"), shown or path.as_posix())


def identity_problems(read: CatalogFile, expected_tag: str | None) -> None:
    """Problems of the `language:` section: a tag, an autonym, a script and a known plural rule."""
    identity = read.section(IDENTITY)
    if not identity:
        read.problem((), "missing-key", "'language' is missing", "start with `language: {tag: ..., autonym: ...}`")
        return
    for key in ("tag", "autonym", "script", "plural"):
        if not isinstance(identity.get(key), str):
            read.problem((IDENTITY,), "missing-key", f"'language.{key}' is missing", "give it as a text")
    rule = identity.get("plural")
    if isinstance(rule, str) and rule not in PLURAL_RULES:
        read.problem((IDENTITY, "plural"), "invalid-value", f"unknown plural rule '{rule}'", ", ".join(PLURAL_RULES))
    tag = identity.get("tag")
    for at, value in [((IDENTITY, "tag"), tag), ((IDENTITY, "fallback"), identity.get("fallback"))] + [
        ((IDENTITY, "serves", i), served) for i, served in enumerate(identity.get("serves") or [])
    ]:
        if value is None:
            continue
        try:
            LanguageTag.parse(str(value))
        except ValueError as error:
            read.problem(at, "invalid-value", str(error))
    search = identity.get("search")
    if search is not None and (
        not isinstance(search, dict) or not isinstance(search.get("lang"), list) or set(search) - {"lang", "separator"}
    ):
        read.problem((IDENTITY, "search"), "invalid-value", "search is {lang: [...], separator: ...}", "see en.yml")
    if expected_tag is not None and isinstance(tag, str) and tag != expected_tag:
        read.problem(
            (IDENTITY, "tag"), "invalid-value", f"the file of '{expected_tag}' says tag: {tag}", "make them agree"
        )


def build_catalog(read: CatalogFile, fallback: Catalog | None) -> Catalog:
    """The typed catalog of a file whose problems are all reported (`fallback` fills what it leaves out)."""
    identity = read.section(IDENTITY)
    messages: dict[str, Message] = dict(fallback.messages) if fallback else {}
    messages.update(read.messages())
    vocabulary = read.tree.get("recognise") or (fallback.vocabulary if fallback else None)
    return Catalog(
        tag=LanguageTag.parse(identity["tag"]),
        autonym=identity["autonym"],
        script=identity["script"],
        plural_rule=identity["plural"],
        serves=tuple(LanguageTag.parse(t) for t in identity.get("serves") or []),
        fallback=LanguageTag.parse(identity["fallback"]) if identity.get("fallback") else None,
        names=dict(identity.get("names") or {}),
        search=dict(identity.get("search") or {}),
        messages=messages,
        vocabulary=vocabulary if isinstance(vocabulary, dict) else {},
        source=read.path,
    )


def load_catalog_files(files: Mapping[str, CatalogFile], known: Mapping[str, Catalog]) -> dict[str, Catalog]:
    """The catalogs of read files by tag, each checked against English; CatalogError lists every problem.

    `known` are catalogs already loaded (a fallback may name one of them)."""
    reference = dict(known[REFERENCE].messages) if REFERENCE in known else files[REFERENCE].messages()
    result: dict[str, Catalog] = {}
    for tag, read in files.items():
        identity_problems(read, tag)
        identity = read.section(IDENTITY)
        rule = PLURAL_RULES.get(str(identity.get("plural")), PLURAL_RULES["other"])
        fallback = identity.get("fallback")
        check_against(read, reference, may_leave_out=bool(fallback), plural_forms=rule[0])
        check_vocabulary(read)
        if fallback is not None and fallback not in files and fallback not in known:
            read.problem((IDENTITY, "fallback"), "invalid-value", f"no catalog '{fallback}' to fall back to")
    problems = [problem for read in files.values() for problem in read.problems]
    if problems:
        raise CatalogError(problems)
    pending = dict(files)
    while pending:  # fallbacks first
        ready = [
            tag
            for tag, read in pending.items()
            if not read.section(IDENTITY).get("fallback")
            or read.section(IDENTITY)["fallback"] in result
            or read.section(IDENTITY)["fallback"] in known
        ]
        if not ready:
            read = next(iter(pending.values()))
            read.problem((IDENTITY, "fallback"), "invalid-value", "the fallbacks go round in a circle")
            raise CatalogError(read.problems)
        for tag in ready:
            read = pending.pop(tag)
            fallback_tag = read.section(IDENTITY).get("fallback")
            chosen = (result.get(fallback_tag) or known.get(fallback_tag)) if fallback_tag else None
            result[tag] = build_catalog(read, chosen)
    return result


@functools.cache
def shipped_catalogs() -> dict[str, Catalog]:
    """Every catalog of the package by tag, English first and the others in the order of their tags."""
    paths = sorted(CATALOG_FOLDER.glob("*.yml"), key=lambda p: (p.stem != REFERENCE, p.stem))
    files = {path.stem: read_catalog(path, f"process_manual/core/catalogs/{path.name}") for path in paths}
    return load_catalog_files(files, {})


def language_override() -> str | None:
    """The tag set in :data:`LANGUAGE_VARIABLE`, if any."""
    return os.environ.get(LANGUAGE_VARIABLE) or None


def catalog(tag: str) -> Catalog:
    """The catalog `tag` negotiates to (English for an unknown tag: use :func:`negotiate` to warn about it)."""
    return negotiate(tag).catalog


# ---------------------------------------------------------------- negotiation


@dataclass(frozen=True)
class Negotiated:
    """The catalog chosen for a requested tag, and the warning to show when none fits it."""

    requested: str
    catalog: Catalog
    warning: str | None = None


def negotiate(requested: str | None, catalogs: Mapping[str, Catalog] | None = None) -> Negotiated:
    """The catalog for the tag `requested` (RFC 4647 lookup, :mod:`.language_tags`); nothing asked: English.

    `catalogs` defaults to the shipped ones; a handbook may add its own."""
    available = shipped_catalogs() if catalogs is None else catalogs
    return _negotiate(requested or "", tuple(available.items()) if catalogs is not None else None)


@functools.lru_cache(maxsize=64)
def _negotiate(requested: str, given: tuple[tuple[str, Catalog], ...] | None) -> Negotiated:
    available = dict(given) if given is not None else shipped_catalogs()
    english = available[REFERENCE] if REFERENCE in available else shipped_catalogs()[REFERENCE]
    if not requested.strip():
        return Negotiated(requested, english)
    try:
        tag = LanguageTag.parse(requested)
    except ValueError as error:
        return Negotiated(requested, english, _unknown(requested, available, str(error)))
    answers: dict[str, Catalog] = {}
    for found in available.values():
        for served in (found.tag, *found.serves):
            answers.setdefault(served.key, found)
    for candidate in tag.fallbacks():
        if candidate.key in answers:
            return Negotiated(requested, answers[candidate.key])
    return Negotiated(requested, english, _unknown(requested, available, f"no catalog for the language '{requested}'"))


def language_help(what: str) -> str:
    """The help of a command's `--language`: the catalogs there are, and the other tags they answer."""
    catalogs = shipped_catalogs()
    served = [f"{tag} → {found.tag}" for found in catalogs.values() for tag in found.serves[:1]]
    return (
        f"{what}: a language tag — a catalog's ({', '.join(catalogs)}) or one it answers "
        f"({', '.join(served)}, a longer tag by its start); default: the handbook's"
    )


def _unknown(requested: str, available: Mapping[str, Catalog], why: str) -> str:
    tags = ", ".join(sorted(available))
    return (
        f"{why}: the handbook's own words are in English — the catalogs are {tags}; a tag one of them answers "
        f"works too, and a catalog for '{requested}' is one file (reference/languages.md)"
    )


def catalogs_reference() -> str:
    """The shipped catalogs and their typography as Markdown tables (reference/catalogs.md, kept by a test)."""
    catalogs = shipped_catalogs()
    rows = [
        "| catalog | autonym | script | plural rule | also answers | search |",
        "|---|---|---|---|---|---|",
    ]
    for found in catalogs.values():
        served = ", ".join(f"`{tag}`" for tag in found.serves) or "—"
        search = ", ".join(str(lang) for lang in found.search.get("lang", [])) or "—"
        rows.append(
            f"| `{found.tag}` | {found.autonym} | {found.script} | `{found.plural_rule}` | {served} | {search} |"
        )
    rows += [
        "",
        "| typography | " + " | ".join(f"`{tag}`" for tag in catalogs) + " |",
        "|---" * (len(catalogs) + 1) + "|",
    ]
    for name in Typography.__dataclass_fields__:
        values = [repr(getattr(found.typography, name)).replace("|", "\\|") for found in catalogs.values()]
        rows.append(f"| `{name}` | " + " | ".join(f"`{value}`" for value in values) + " |")
    return "\n".join(rows) + "\n"
