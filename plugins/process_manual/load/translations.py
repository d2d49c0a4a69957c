"""Translation files: the texts of a process or catalog in another language, keyed by where they stand.

A handbook that declares `languages:` in `_handbook.yml` keeps its structure once, in the source
language's files; a sibling file per language holds only texts — `order-intake.en.yml` beside
`order-intake.yml`, `_roles.en.yml` beside `_roles.yml` — keyed by field, step id, KPI id, role id or
list position, mirroring the source. Its `translated-from:` block records, per text, a short hash of
the source text it translated: when the source changes, the translation is stale.

This module names every translatable text of a source (its *slots*), reads translation files into
flat `key -> text` maps with positions, and hashes source texts. Nothing here decides what a page shows
(:mod:`.localize`) or what is wrong (:mod:`process_manual.check.translations`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from process_manual.core.durations import Duration, parse_duration
from process_manual.core.model import (
    Area,
    AreasCatalog,
    FormsCatalog,
    Glossary,
    OnboardingCatalog,
    Process,
    RolesCatalog,
)
from process_manual.load.yamlload import Document, Loc

RECORD_KEY = "translated-from"
"""The block of a translation file that records which source text each text translated."""

_TAG = re.compile(r"^(?P<stem>.+)\.(?P<tag>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.ya?ml$")


def translation_target(name: str, languages: list[str]) -> tuple[str, str] | None:
    """`(source file name, language)` when `name` is a translation file of a declared language."""
    match = _TAG.match(name)
    if match is None or match["tag"] not in languages[1:]:
        return None
    return match["stem"] + name[name.rindex(".") :], match["tag"]


def source_hash(text: str) -> str:
    """A short, stable fingerprint of a source text: what a translation records having translated."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


@dataclass(frozen=True)
class Slot:
    """One translatable text of a source: its key in translation files and where it stands in the model."""

    key: str
    loc: Loc
    text: str


def plain_duration(text: str | None) -> Duration | None:
    """The duration a text says when it says nothing else ("3 working days", "3个工作日内", "12 months"):
    the catalogs say it in every language, so it is never a text to translate. "3 days before the
    meeting" or "收到后3个工作日内" say more, and are texts."""
    duration = parse_duration(text) if text else None
    if duration is None or duration.before or text is None:
        return None
    written = _squeezed(text)
    spoken = {_squeezed(duration.label(language)) for language in ("en", "zh", "zh-Hant")}
    return (
        duration
        if written in spoken or written.removesuffix("内") in spoken or written.removesuffix("內") in spoken
        else None
    )


def _squeezed(text: str) -> str:
    return "".join(text.lower().split()).removeprefix("within")


def _is_duration(text: str | None) -> bool:
    return plain_duration(text) is not None


def process_slots(process: Process) -> Iterator[Slot]:
    """Every text of a process that a translation may give, in the order of the file."""
    p = process
    for name in ("title", "purpose", "scope"):
        value = getattr(p, name)
        if value:
            yield Slot(name, (name,), value)
    if p.review is not None and not _is_duration(p.review.every):
        yield Slot("review.every", ("review", "every"), p.review.every)
    for name in ("triggers", "inputs", "outputs", "references"):
        for i, value in enumerate(getattr(p, name)):
            yield Slot(f"{name}.{i}", (name, i), value)
    for i, step in enumerate(p.steps):
        at, key = ("steps", i), f"steps.{step.id}"
        for name in ("name", "details"):
            value = getattr(step, name)
            if value:
                yield Slot(f"{key}.{name}", (*at, name), value)
        if step.within and not _is_duration(step.within):
            yield Slot(f"{key}.within", (*at, "within"), step.within)
        for j, value in enumerate(step.outputs):
            yield Slot(f"{key}.outputs.{j}", (*at, "outputs", j), value)
        for j, branch in enumerate(step.branches):
            yield Slot(f"{key}.branches.{j}", (*at, "branches", j, "when"), branch.when)
    for i, kpi in enumerate(p.kpis):
        for name in ("name", "definition", "formula", "unit", "target", "goal", "frequency"):
            value = getattr(kpi, name)
            if isinstance(value, str) and value:
                yield Slot(f"kpis.{kpi.id}.{name}", ("kpis", i, name), value)
    for i, risk in enumerate(p.risks):
        yield Slot(f"risks.{i}.risk", ("risks", i, "risk"), risk.risk)
        yield Slot(f"risks.{i}.control", ("risks", i, "control"), risk.control)
    for i, faq in enumerate(p.faq):
        yield Slot(f"faq.{i}.q", ("faq", i, "q"), faq.q)
        yield Slot(f"faq.{i}.a", ("faq", i, "a"), faq.a)
    for i, entry in enumerate(p.changelog):
        yield Slot(f"changelog.{entry.version}.change", ("changelog", i, "change"), entry.change)


def _fields(prefix: str, at: Loc, model: BaseModel, names: tuple[str, ...]) -> Iterator[Slot]:
    for name in names:
        value = getattr(model, name, None)
        if isinstance(value, str) and value and not (name == "retention" and _is_duration(value)):
            yield Slot(f"{prefix}.{name}", (*at, name), value)


def _area_slots(areas: list[Area], at: Loc) -> Iterator[Slot]:
    for i, area in enumerate(areas):
        yield from _fields(f"areas.{area.id}", (*at, i), area, ("name", "description"))
        yield from _area_slots(area.children, (*at, i, "children"))


def catalog_slots(catalog: BaseModel) -> Iterator[Slot]:
    """Every text of a catalog that a translation may give (roles, forms and areas keyed by id)."""
    if isinstance(catalog, RolesCatalog):
        for i, role in enumerate(catalog.roles):
            yield from _fields(f"roles.{role.id}", ("roles", i), role, ("name", "department", "description"))
    elif isinstance(catalog, FormsCatalog):
        for i, form in enumerate(catalog.forms):
            yield from _fields(f"forms.{form.id}", ("forms", i), form, ("name", "description", "retention", "naming"))
    elif isinstance(catalog, AreasCatalog):
        yield from _area_slots(catalog.areas, ("areas",))
    elif isinstance(catalog, Glossary):
        for i, term in enumerate(catalog.terms):
            yield from _fields(f"terms.{i}", ("terms", i), term, ("term", "definition"))
            for j, synonym in enumerate(term.synonyms):
                yield Slot(f"terms.{i}.synonyms.{j}", ("terms", i, "synonyms", j), synonym)
    elif isinstance(catalog, OnboardingCatalog):
        for i, path in enumerate(catalog.paths):
            yield from _fields(f"paths.{path.id}", ("paths", i), path, ("title", "department", "description"))
            for j, item in enumerate(path.items):
                yield from _fields(f"paths.{path.id}.items.{j}", ("paths", i, "items", j), item, ("title", "note"))


@dataclass(frozen=True)
class Translated:
    """A text as a translation file gives it."""

    text: str
    loc: Loc
    recorded: str | None
    """The hash of the source text it translated (`translated-from:`), if recorded."""


@dataclass
class TranslationFile:
    """One translation file, flattened: key -> text, with what was wrong with its shape."""

    doc: Document
    language: str
    source_name: str
    texts: dict[str, Translated] = field(default_factory=dict)
    shape_errors: list[tuple[Loc, str]] = field(default_factory=list)
    """(where, what) of values that are not texts: reported by the check stage."""
    records: dict[str, Loc] = field(default_factory=dict)
    """Every key of `translated-from:` and where it stands (a record of a text no longer given is an orphan)."""

    @property
    def path(self) -> str:
        return self.doc.shown_path


def _key_part(key: Any) -> str:
    # YAML reads `2.3:` as a number; a version key is still meant as its text.
    return str(key)


def _flatten(value: Any, key: str, loc: Loc, out: TranslationFile) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(v, f"{key}.{_key_part(k)}" if key else _key_part(k), (*loc, k), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _flatten(v, f"{key}.{i}", (*loc, i), out)
    elif isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
        out.texts[key] = Translated(str(value), loc, None)
    else:
        out.shape_errors.append((loc, key))


def read_translation(doc: Document, language: str, source_name: str) -> TranslationFile:
    """The texts of a translation file, each with the hash its `translated-from:` block records."""
    out = TranslationFile(doc, language, source_name)
    data = doc.data
    if not isinstance(data, dict):
        out.shape_errors.append(((), ""))
        return out
    records = data.get(RECORD_KEY)
    for k, v in data.items():
        if k != RECORD_KEY:
            _flatten(v, _key_part(k), (k,), out)
    if isinstance(records, dict):
        for k, v in records.items():
            out.records[str(k)] = (RECORD_KEY, k)
            text = out.texts.get(str(k))
            if text is not None and isinstance(v, str):
                out.texts[str(k)] = Translated(text.text, text.loc, v)
    elif records is not None:
        out.shape_errors.append(((RECORD_KEY,), RECORD_KEY))
    return out
