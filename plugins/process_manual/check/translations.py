"""What is wrong with a handbook's translations: shape, orphans, stale and unrecorded texts.

Every problem stands at the translation file's line, where a translator fixes it. Which texts each
language has, lacks or has out of date is also what `process-manual translations` reports
(:func:`translation_status`): one walk, two uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from process_manual.core.model import Process
from process_manual.core.problems import Problem, relative_path
from process_manual.core.suggest import did_you_mean
from process_manual.load.handbook import Handbook
from process_manual.load.localize import source_slots
from process_manual.load.translations import (
    RECORD_KEY,
    Slot,
    TranslationFile,
    process_slots,
    read_translation,
    source_hash,
)
from process_manual.load.yamlload import Document, load_file

_ACCEPT = "`process-manual translations --accept {path}`"


@dataclass
class LanguageStatus:
    """How far one language is translated: every text of the handbook is exactly one of these."""

    language: str
    translated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)
    """Texts a derived language takes from OpenCC's conversion (no hand translation)."""

    @property
    def total(self) -> int:
        return len(self.translated) + len(self.missing) + len(self.stale) + len(self.unrecorded) + len(self.converted)

    @property
    def percent(self) -> float:
        """Texts translated and up to date (a converted text counts: the language is derived)."""
        done = len(self.translated) + len(self.unrecorded) + len(self.converted)
        return 100.0 * done / self.total if self.total else 100.0


def _where(source: Path, handbook: Handbook, slot: Slot) -> str:
    return f"{relative_path(source, handbook.root)}#{slot.key}"


def translation_status(handbook: Handbook) -> dict[str, LanguageStatus]:
    """Per language other than the source: which texts are translated, missing, stale or unrecorded."""
    derived = handbook.policy.derived if handbook.policy is not None else {}
    statuses = {language: LanguageStatus(language) for language in handbook.languages[1:]}
    for source, slots in source_slots(handbook).items():
        files = handbook.translations_of(source)
        for language, status in statuses.items():
            file = files.get(language)
            for slot in slots:
                given = file.texts.get(slot.key) if file is not None else None
                where = _where(source, handbook, slot)
                if given is None:
                    (status.converted if language in derived else status.missing).append(where)
                elif given.recorded is None:
                    status.unrecorded.append(where)
                elif given.recorded != source_hash(slot.text):
                    status.stale.append(where)
                else:
                    status.translated.append(where)
    return statuses


def check_translations(handbook: Handbook) -> Iterator[Problem]:
    """Problems of every translation file, and of `languages:` itself."""
    sources = source_slots(handbook)
    for source, files in handbook.translations.items():
        for file in files.values():
            slots = sources.get(source)
            if slots is None:
                yield _orphan_file(file, source, handbook)
            else:
                yield from _check_file(file, {slot.key: slot for slot in slots})


def _orphan_file(file: TranslationFile, source: Path, handbook: Handbook) -> Problem:
    return file.doc.problem(
        (),
        f"this translation has no source: {relative_path(source, handbook.root)} does not exist or could not be loaded",
        f"rename it after its source file ({source.stem}.{file.language}{source.suffix}), or delete it",
        rule="orphan-translation",
    )


def _check_file(file: TranslationFile, slots: dict[str, Slot]) -> Iterator[Problem]:
    accept = _ACCEPT.format(path=file.path)
    for loc, key in file.shape_errors:
        yield file.doc.problem(
            loc,
            f"'{key or file.path}' must be a text" if key else "a translation file must be a mapping of texts",
            "write the translated text, keyed like the source (title:, steps: <step id>: name: …)",
            rule="translation-shape",
        )
    for key, given in file.texts.items():
        slot = slots.get(key)
        if slot is None:
            yield file.doc.problem(
                given.loc,
                f"the source has no text '{key}'",
                did_you_mean(key, slots) or "remove it, or key it like the source (steps.<step id>.name)",
                rule="orphan-translation",
                at_key=True,
            )
        elif given.recorded is None:
            yield file.doc.problem(
                given.loc,
                f"'{key}' does not record which source text it translates",
                f"check it against the source, then run {accept}",
                rule="unrecorded-translation",
            )
        elif given.recorded != source_hash(slot.text):
            yield file.doc.problem(
                given.loc,
                f"the source of '{key}' has changed since it was translated; it now reads: {_short(slot.text)}",
                f"update the translation, then run {accept}",
                rule="stale-translation",
            )
    for key, loc in file.records.items():
        if key not in file.texts:
            yield file.doc.problem(
                loc,
                f"{RECORD_KEY} records '{key}', which this file does not translate",
                "remove the record",
                rule="orphan-translation",
                at_key=True,
            )


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return f"'{flat}'" if len(flat) <= limit else f"'{flat[: limit - 1]}…'"


def check_languages(handbook: Handbook) -> Iterator[Problem]:
    """`languages:`, `derived:` and `translations.minimum` name languages the handbook declares."""
    doc, policy = handbook.catalog_docs.get("_handbook.yml"), handbook.policy
    if doc is None or policy is None:
        return
    declared = policy.languages
    if len(set(declared)) != len(declared):
        yield doc.problem(
            ("languages",), "a language is listed twice", "list each language once", rule="handbook-policy"
        )
    for name, languages in (("derived", policy.derived), ("translations", policy.translations.minimum)):
        for language in languages:
            if language not in declared[1:]:
                at = ("translations", "minimum", language) if name == "translations" else (name, language)
                yield doc.problem(
                    at,
                    f"'{language}' is not one of the handbook's other languages ({', '.join(declared[1:]) or 'none'})",
                    "add it to `languages:` after the source language, or remove it here",
                    rule="handbook-policy",
                    at_key=True,
                )


def made_stale(base: dict[str, Any], current: Document, languages: list[str], shown_base: Path) -> Iterator[Problem]:
    """For the pull-request check: the translations that were up to date at the base and that this change of
    the source makes stale — each at its text in the translation file, naming the old and new source text."""
    try:
        before = {slot.key: slot.text for slot in process_slots(Process.model_validate(base))}
        after = {slot.key: slot.text for slot in process_slots(Process.model_validate(current.data))}
    except ValidationError:
        return  # a broken file: validate reports it
    changed = {key for key in after if key in before and before[key] != after[key]}
    if not changed:
        return
    for language in languages[1:]:
        path = current.path.with_name(f"{current.path.stem}.{language}{current.path.suffix}")
        if not path.is_file():
            continue
        doc, _ = load_file(path, relative_path(path, shown_base))
        if doc is None:
            continue
        file = read_translation(doc, language, current.path.name)
        for key in sorted(changed):
            given = file.texts.get(key)
            if given is not None and given.recorded == source_hash(before[key]):
                yield doc.problem(
                    given.loc,
                    f"this change makes the {language} text of '{key}' stale: the source said "
                    f"{_short(before[key])}, now {_short(after[key])}",
                    f"update the translation, then run {_ACCEPT.format(path=doc.shown_path)}",
                    rule="stale-translation",
                )
