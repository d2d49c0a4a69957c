"""Where references stand: every `[[...]]` in the Markdown texts of the processes, the catalogs, their
translations and the hand-written pages, and the references by id the process file has always had
(`related`, a sub-process step's `process`, a reading path's process).

The index answers two questions: what is written where (the checks report each reference at its file,
line and column) and who refers to each target (the "Referred to by" lists, and the pull-request check's
list of files a change touches). Which texts are Markdown is said once, here (:data:`MARKDOWN_FIELDS`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from process_manual.check.reftargets import Resolver, Target
from process_manual.core.model import Area, Process
from process_manual.core.refsyntax import Found, Reference, find_references, line_and_column
from process_manual.load.docpages import DocPage
from process_manual.load.handbook import Handbook, ProcessSource
from process_manual.load.localize import catalog_models
from process_manual.load.translations import Slot, TranslationFile, catalog_slots, process_slots
from process_manual.load.yamlload import Document, Loc

MARKDOWN_FIELDS = frozenset({"purpose", "scope", "details", "q", "a", "risk", "control", "definition", "formula"})
"""The fields of a process whose text may hold references (a KPI's `definition` and a glossary term's too)."""
CATALOG_MARKDOWN_FIELDS = frozenset({"description", "definition", "note"})
"""The fields of the catalogs whose text may hold references: descriptions, term definitions, reading notes."""

ReferrerKind = Literal["process", "page", "role", "form", "area", "term", "reading-path"]


@dataclass(frozen=True)
class Referrer:
    """What a reference stands in: a process (one of its steps or KPIs), a hand-written page or a catalog entry."""

    kind: ReferrerKind
    id: str
    """The process, role, form, area or reading path id; the page's path under docs/; a term's position."""
    step: str = ""
    kpi: str = ""


@dataclass(frozen=True)
class Place:
    """Where a text stands, to give a reference in it its line and column only when a message needs them."""

    shown_path: str
    doc: Document | None = None
    loc: Loc = ()
    text: str = ""
    """The text the reference was found in (for a page: the whole page)."""

    def position(self, offset: int | None) -> tuple[int, int]:
        """Line and column of the character at `offset` of the text (None: where the value starts)."""
        if self.doc is None:
            return line_and_column(self.text, offset or 0)
        start = self.doc.where(self.loc)
        if offset is None:
            return start.line, start.column
        return _position_in_value(self.doc, (start.line, start.column), self.text, offset)


def _position_in_value(doc: Document, start: tuple[int, int], value: str, offset: int) -> tuple[int, int]:
    """The position in the file of the `[[` at `offset` of a YAML value: the same how-manieth `[[` after where
    the value starts (quoting, folding and escapes change the text around it, never a `[[`)."""
    ordinal = value.count("[[", 0, offset)
    lines = doc.text.split("\n")
    cursor = sum(len(line) + 1 for line in lines[: start[0] - 1]) + start[1] - 1
    for _ in range(ordinal + 1):
        found = doc.text.find("[[", cursor)
        if found < 0:
            return start
        cursor = found + 2
    return line_and_column(doc.text, cursor - 2)


@dataclass(frozen=True)
class Occurrence:
    """One reference at one place."""

    found: Found
    referrer: Referrer
    place: Place
    here: str | None = None
    """The process whose text it is (`[[#step]]` names a step of it)."""
    language: str | None = None
    """The language of a translation file it stands in; None in a source file or page."""
    structured: bool = False
    """A reference by a field of its own (`related`, a sub-process, a reading path) rather than in text."""

    @property
    def position(self) -> tuple[int, int]:
        offset = None if self.structured else self.found.start
        return self.place.position(offset)


def _process_referrer(process: Process, loc: Loc) -> Referrer:
    if len(loc) > 1 and loc[0] == "steps" and isinstance(loc[1], int):
        return Referrer("process", process.id, step=process.steps[loc[1]].id)
    if len(loc) > 1 and loc[0] == "kpis" and isinstance(loc[1], int):
        return Referrer("process", process.id, kpi=process.kpis[loc[1]].id)
    return Referrer("process", process.id)


def _area_at(areas: list[Area], loc: Loc) -> Area:
    area = areas[int(loc[1])]
    rest = loc[2:]
    while len(rest) > 2 and rest[0] == "children":
        area = area.children[int(rest[1])]
        rest = rest[2:]
    return area


def _catalog_referrer(handbook: Handbook, name: str, loc: Loc) -> Referrer | None:
    index = int(loc[1]) if len(loc) > 1 and isinstance(loc[1], int) else None
    if index is None:
        return None
    if name == "_roles.yml":
        return Referrer("role", list(handbook.roles)[index])
    if name == "_forms.yml":
        return Referrer("form", list(handbook.forms)[index])
    if name == "_areas.yml":
        return Referrer("area", _area_at(handbook.top_areas, loc).id)
    if name == "_glossary.yml":
        return Referrer("term", str(index))
    if name == "_onboarding.yml":
        return Referrer("reading-path", handbook.reading_paths[index].id)
    return None


@dataclass
class ReferenceIndex:
    """Every reference of a handbook and its pages."""

    occurrences: list[Occurrence] = field(default_factory=list)

    @classmethod
    def build(cls, handbook: Handbook, pages: Iterable[DocPage] = ()) -> ReferenceIndex:
        index = cls()
        for source in handbook.processes:
            index._add_process(handbook, source)
        for name, model in catalog_models(handbook).items():
            doc = handbook.catalog_docs.get(name)
            slots = [s for s in catalog_slots(model) if s.loc[-1] in CATALOG_MARKDOWN_FIELDS]
            translations = handbook.translations_of(handbook.root / name)
            for slot in slots:
                referrer = _catalog_referrer(handbook, name, slot.loc)
                if referrer is not None:
                    place = Place(doc.shown_path, doc, slot.loc, slot.text) if doc is not None else None
                    index._add_slot(slot, referrer, place, translations, None)
            for j, path in enumerate(handbook.reading_paths):
                for k, item in enumerate(path.items):
                    if item.process and doc is not None:
                        at = ("paths", j, "items", k, "process")
                        place = Place(doc.shown_path, doc, at)
                        index._add_structured(item.process, Referrer("reading-path", path.id), place)
        for page in pages:
            place = Place(page.shown_path, text=page.text)
            for found in find_references(page.text, page=True):
                index.occurrences.append(Occurrence(found, Referrer("page", page.uri), place))
        return index

    def _add_process(self, handbook: Handbook, source: ProcessSource) -> None:
        process, doc = source.process, source.doc
        translations = handbook.translations_of(doc.path)
        for slot in process_slots(process):
            if slot.loc[-1] in MARKDOWN_FIELDS:
                place = Place(doc.shown_path, doc, slot.loc, slot.text)
                self._add_slot(slot, _process_referrer(process, slot.loc), place, translations, process.id)
        for i, related in enumerate(process.related):
            self._add_structured(related, Referrer("process", process.id), Place(doc.shown_path, doc, ("related", i)))
        for i, step in enumerate(process.steps):
            if step.process:
                at = ("steps", i, "process")
                referrer = Referrer("process", process.id, step=step.id)
                self._add_structured(step.process, referrer, Place(doc.shown_path, doc, at))

    def _add_slot(
        self,
        slot: Slot,
        referrer: Referrer,
        place: Place | None,
        translations: dict[str, TranslationFile],
        here: str | None,
    ) -> None:
        if place is not None:
            for found in find_references(slot.text):
                self.occurrences.append(Occurrence(found, referrer, place, here))
        for language, file in translations.items():
            translated = file.texts.get(slot.key)
            if translated is None or "[[" not in translated.text:
                continue
            at = Place(file.path, file.doc, translated.loc, translated.text)
            for found in find_references(translated.text):
                self.occurrences.append(Occurrence(found, referrer, at, here, language))

    def _add_structured(self, process_id: str, referrer: Referrer, place: Place) -> None:
        ref = Reference("process", process_id, "", None, 0, 0, process_id)
        self.occurrences.append(Occurrence(ref, referrer, place, structured=True))

    def references(self) -> Iterator[tuple[Occurrence, Reference]]:
        """The well-formed references."""
        for occurrence in self.occurrences:
            if isinstance(occurrence.found, Reference):
                yield occurrence, occurrence.found

    def referrers(self, resolver: Resolver, *, structured: bool = False) -> dict[str, list[Referrer]]:
        """Target key -> who refers to it (each once, in the order found); references by field only with
        `structured`. References from translations count once, as their source's."""
        found: dict[str, dict[Referrer, None]] = defaultdict(dict)
        for occurrence, ref in self.references():
            if occurrence.language is not None or (occurrence.structured and not structured):
                continue
            target = resolver.resolve(ref, occurrence.here).target
            if target is not None and not _refers_to_itself(occurrence.referrer, target):
                found[target.key][occurrence.referrer] = None
        return {key: list(referrers) for key, referrers in found.items()}


def _refers_to_itself(referrer: Referrer, target: Target) -> bool:
    """A process's texts naming the process itself or its own steps are not "referred to by" entries."""
    return referrer.kind == "process" and referrer.id == target.process
