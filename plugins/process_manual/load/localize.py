"""A handbook in one of its languages: the source's structure with that language's texts.

For every text of every process and catalog (load/translations.py names them), in this order:
a translation file's text (marked stale when its source text has changed since), else the text
converted by OpenCC when the language is derived (`derived:` in `_handbook.yml`), else the source text
marked as not translated yet — never an empty field. Durations said plainly ("3 working days") are
said again by the catalogs in the language of the page.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from process_manual.core.labels import Labels
from process_manual.core.marked import Stale, Untranslated
from process_manual.core.model import AreasCatalog, FormsCatalog, Glossary, OnboardingCatalog, RolesCatalog
from process_manual.load.handbook import Handbook, index_areas
from process_manual.load.translations import (
    Slot,
    TranslationFile,
    catalog_slots,
    plain_duration,
    process_slots,
    source_hash,
)
from process_manual.load.yamlload import Loc

Convert = Callable[[str], str]


@functools.cache
def opencc_converter(conversion: str) -> Convert:
    """OpenCC's phrase-level conversion (s2twp: simplified → traditional with Taiwan vocabulary)."""
    import opencc  # only handbooks that derive a language need it

    converter = opencc.OpenCC(conversion)
    return converter.convert


def site_name_in(
    language: str, source_name: str, *, source_language: str, names: Mapping[str, str], derived: Mapping[str, str]
) -> str:
    """The site's name in `language`: the source's for the source language, else as named in the plugin's
    `site_names`, else converted by OpenCC for a derived language, else the source's."""
    if language == source_language:
        return source_name
    if names.get(language):
        return names[language]
    conversion = derived.get(language)
    return opencc_converter(conversion)(source_name) if conversion else source_name


@dataclasses.dataclass
class Localizer:
    """How one language gets its texts."""

    language: str
    source_language: str
    labels: Labels
    convert: Convert | None = None
    """The OpenCC conversion of a derived language."""

    def text(self, slot: Slot, translation: TranslationFile | None) -> str:
        given = translation.texts.get(slot.key) if translation is not None else None
        if given is not None:
            if given.recorded is not None and given.recorded != source_hash(slot.text):
                return Stale(given.text, self.labels.stale_translation)
            return given.text
        if self.convert is not None:
            return self.convert(slot.text)
        return Untranslated(slot.text, self.source_language, self.labels.untranslated)


def _set(model: Any, loc: Loc, value: str) -> None:
    target = model
    for part in loc[:-1]:
        target = target[part] if isinstance(part, int) else getattr(target, part)
    last = loc[-1]
    if isinstance(last, int):
        target[last] = value
    else:
        setattr(target, str(last), value)


def _localize(model: BaseModel, slots: Iterable[Slot], localizer: Localizer, file: TranslationFile | None) -> Any:
    copy = model.model_copy(deep=True)
    for slot in slots:
        _set(copy, slot.loc, localizer.text(slot, file))
    return copy


def _say_durations(process: Any, language: str) -> None:
    for step in process.steps:
        duration = plain_duration(step.within)
        if duration is not None:
            step.within = duration.label(language)
    if process.review is not None:
        duration = plain_duration(process.review.every)
        if duration is not None:
            process.review.every = duration.label(language)


def catalog_models(handbook: Handbook) -> dict[str, BaseModel]:
    """The catalogs as loaded (what a duplicate id or a broken entry left out is not there to translate)."""
    return {
        "_roles.yml": RolesCatalog(roles=list(handbook.roles.values())),
        "_forms.yml": FormsCatalog(forms=list(handbook.forms.values())),
        "_areas.yml": AreasCatalog(areas=handbook.top_areas),
        "_glossary.yml": Glossary(terms=handbook.terms),
        "_onboarding.yml": OnboardingCatalog(paths=handbook.reading_paths),
    }


def source_slots(handbook: Handbook) -> dict[Path, list[Slot]]:
    """Every source file of the handbook -> its translatable texts."""
    slots = {handbook.root / name: list(catalog_slots(model)) for name, model in catalog_models(handbook).items()}
    for source in handbook.processes:
        slots[source.doc.path] = list(process_slots(source.process))
    return slots


def localizer_for(handbook: Handbook, language: str) -> Localizer | None:
    """How `language` gets its texts; None for the source language (or a handbook of one language)."""
    source = handbook.source_language
    if source is None or language == source:
        return None
    conversion = handbook.policy.derived.get(language) if handbook.policy is not None else None
    return Localizer(
        language, source, Labels(language), opencc_converter(conversion) if conversion is not None else None
    )


def localize(handbook: Handbook, language: str) -> Handbook:
    """`handbook` with the texts of `language`; the handbook itself when that is its source language."""
    localizer = localizer_for(handbook, language)
    if localizer is None:
        return handbook
    root = handbook.root

    catalogs = {
        name: _localize(model, catalog_slots(model), localizer, handbook.translations_of(root / name).get(language))
        for name, model in catalog_models(handbook).items()
    }
    for form in catalogs["_forms.yml"].forms:
        duration = plain_duration(form.retention)
        if duration is not None:
            form.retention = duration.label(language)
    processes = []
    for source in handbook.processes:
        file = handbook.translations_of(source.doc.path).get(language)
        process = _localize(source.process, process_slots(source.process), localizer, file)
        _say_durations(process, language)
        processes.append(dataclasses.replace(source, process=process))

    localized = dataclasses.replace(
        handbook,
        roles={role.id: role for role in catalogs["_roles.yml"].roles},
        forms={form.id: form for form in catalogs["_forms.yml"].forms},
        top_areas=catalogs["_areas.yml"].areas,
        areas={},
        terms=catalogs["_glossary.yml"].terms,
        reading_paths=catalogs["_onboarding.yml"].paths,
        processes=processes,
    )
    index_areas(localized, localized.top_areas, None, 1)
    return localized
