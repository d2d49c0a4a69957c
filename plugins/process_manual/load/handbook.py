"""Load a handbook folder: the catalogs (four required, _onboarding.yml optional) and every process file, typed,
with their positions."""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from process_manual.core.model import (
    CATALOGS,
    OPTIONAL_CATALOGS,
    Area,
    AreasCatalog,
    Form,
    FormsCatalog,
    Glossary,
    HandbookPolicy,
    OnboardingCatalog,
    Process,
    ReadingPath,
    Role,
    RolesCatalog,
    Term,
)
from process_manual.core.problems import Problem, relative_path
from process_manual.core.rules import make_problem
from process_manual.load.explain import explain
from process_manual.load.parseall import Parsed, parse_files
from process_manual.load.parsecache import ParseCache
from process_manual.load.translations import TranslationFile, read_translation, translation_target
from process_manual.load.yamlload import Document

M = TypeVar("M", bound=BaseModel)

# Required keys of a process: when one of them is broken there is nothing to check further.
_ESSENTIAL = {"id", "title", "area", "version", "owner", "steps", "changelog"}


@dataclass
class ProcessSource:
    """A process and the document it came from (for positions in messages)."""

    doc: Document
    process: Process
    broken: frozenset[str] = frozenset()
    """Top-level keys left out because they are invalid (already reported): checks skip them."""

    @property
    def path(self) -> str:
        return self.doc.shown_path


@dataclass
class AreaNode:
    area: Area
    parent: Area | None
    level: int


@dataclass
class Handbook:
    root: Path
    roles: dict[str, Role] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    areas: dict[str, AreaNode] = field(default_factory=dict)
    top_areas: list[Area] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    reading_paths: list[ReadingPath] = field(default_factory=list)
    """Onboarding reading paths from the optional _onboarding.yml."""
    processes: list[ProcessSource] = field(default_factory=list)
    catalog_docs: dict[str, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    """Every YAML file read, catalogs included (what `mkdocs serve` watches)."""
    policy: HandbookPolicy | None = None
    """The optional _handbook.yml: rule severities and vague-owner words (checked by :mod:`.policy`)."""
    unloaded_ids: dict[str, str] = field(default_factory=dict)
    """Ids of process files too broken to load (already reported): references to them are not unknown."""
    unloaded_files: list[str] = field(default_factory=list)
    """Process files too broken to load, with or without an id (already reported): while one is unread, what
    the handbook uses is not known, and nothing is called unused."""
    languages: list[str] = field(default_factory=list)
    """`_handbook.yml`'s `languages:`, the source language first; empty for a handbook of one language."""
    translations: dict[Path, dict[str, TranslationFile]] = field(default_factory=dict)
    """Source file -> language -> its translation file (load/translations.py)."""

    @property
    def source_language(self) -> str | None:
        return self.languages[0] if self.languages else None

    def translations_of(self, source: Path) -> dict[str, TranslationFile]:
        return self.translations.get(source, {})

    def process(self, process_id: str) -> ProcessSource | None:
        return next((p for p in self.processes if p.process.id == process_id), None)


def _validated(doc: Document, model: type[M], problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        problems.extend(explain(error, doc, model))
    return None


def _salvage_process(doc: Document, problems: list[Problem]) -> ProcessSource | None:
    """Validate a process; when only optional parts are broken, keep the rest for the deeper checks."""
    try:
        return ProcessSource(doc, Process.model_validate(doc.data))
    except ValidationError as error:
        problems.extend(explain(error, doc, Process))
        broken = {e["loc"][0] for e in error.errors() if e["loc"]}
    if not isinstance(doc.data, dict) or broken & _ESSENTIAL or not broken:
        return None
    trimmed = {k: v for k, v in doc.data.items() if k not in broken}
    try:
        return ProcessSource(doc, Process.model_validate(trimmed), frozenset(map(str, broken)))
    except ValidationError:
        return None


_ID_LINE = re.compile(rb"^id:[ ]*[\"']?([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)[\"']?[ ]*(?:#.*)?$", re.MULTILINE)


def _guess_id(path: Path) -> str | None:
    """The `id:` line of a file that is not valid YAML, so that other files naming it do not fail too."""
    try:
        match = _ID_LINE.search(path.read_bytes()[:65536])
    except OSError:
        return None
    return match[1].decode() if match else None


def _yaml_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The YAML files under `root`, and the links to folders found there (never followed)."""
    found: list[Path] = []
    linked_folders: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        linked_folders.extend(Path(folder) / d for d in dirs if (Path(folder) / d).is_symlink())
        found.extend(Path(folder) / n for n in sorted(names) if n.endswith((".yml", ".yaml")))
    return found, linked_folders


def index_areas(handbook: Handbook, areas: list[Area], parent: Area | None, level: int) -> None:
    for area in areas:
        handbook.areas.setdefault(area.id, AreaNode(area, parent, level))
        index_areas(handbook, area.children, area, level + 1)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading builds hundreds of thousands of acyclic objects (YAML nodes, dicts, models), freed by
    reference counting; meanwhile CPython's cycle collector would rescan everything loaded so far,
    again and again: half the load time of a 1,000-process handbook."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_handbook(root: Path, *, shown_base: Path | None = None, cache: ParseCache | None = None) -> Handbook:
    """Read every file under `root`. Problems of reading and typing are collected, never raised.

    `cache`: parsed files kept by content (:mod:`.parsecache`); files whose bytes it holds are not parsed again.
    """
    with _collector_paused():
        return _load_handbook(root, shown_base, cache)


def _parse(jobs: list[tuple[Path, str]], cache: ParseCache | None) -> list[Parsed]:
    if cache is None:
        return parse_files(list(jobs))
    cache.forget_except(jobs)
    return cache.parse(jobs)


def _load_handbook(root: Path, shown_base: Path | None, cache: ParseCache | None) -> Handbook:
    base = shown_base if shown_base is not None else Path.cwd()
    handbook = Handbook(root=root)
    problems = handbook.problems
    if not root.is_dir():
        problems.append(
            make_problem(
                "missing-catalog",
                relative_path(root, base),
                1,
                1,
                "the handbook folder does not exist",
                "give the folder that holds _roles.yml and the process files",
            )
        )
        return handbook
    resolved_root = root.resolve()
    found_catalogs: set[str] = set()
    files, linked_folders = _yaml_files(root)
    for link in linked_folders:
        outside = not link.resolve().is_relative_to(resolved_root)
        problems.append(
            make_problem(
                "link-outside-handbook" if outside else "folder-link",
                relative_path(link, base),
                1,
                1,
                "this link to a folder " + ("points outside the handbook folder" if outside else "is not followed"),
                "move the files into the handbook folder instead of linking to them",
            )
        )
    readable: list[tuple[Path, str]] = []
    shown_root = relative_path(root, base)  # once: per file it was a tenth of loading 1,000 processes
    for path in files:
        inside = path.relative_to(root).as_posix()
        shown = inside if shown_root == "." else f"{shown_root}/{inside}"
        if path.is_symlink() and not path.resolve().is_relative_to(resolved_root):
            problems.append(
                make_problem(
                    "link-outside-handbook",
                    shown,
                    1,
                    1,
                    "this link points outside the handbook folder",
                    "copy the file into the handbook instead of linking to it",
                )
            )
            continue
        handbook.files.append(path)
        readable.append((path, shown))
    parsed = _parse(readable, cache)
    handbook.languages = _declared_languages(root, readable, parsed)
    for (path, shown), (doc, file_problems) in zip(readable, parsed, strict=False):
        problems.extend(file_problems)
        target = translation_target(path.name, handbook.languages) if handbook.languages else None
        if target is not None:
            if doc is not None:
                source_name, language = target
                translation = read_translation(doc, language, source_name)
                handbook.translations.setdefault(path.with_name(source_name), {})[language] = translation
            continue
        is_catalog = path.parent == root and path.name.startswith("_")
        if is_catalog:
            found_catalogs.add(path.name)
        if doc is None:
            guessed = _guess_id(path)
            if not path.name.startswith("_"):
                handbook.unloaded_files.append(shown)
                if guessed:
                    handbook.unloaded_ids.setdefault(guessed, shown)
            continue
        if is_catalog:
            _load_catalog(handbook, path.name, doc)
        elif path.name.startswith("_"):
            problems.append(
                doc.problem(
                    (),
                    "files starting with '_' are catalogs and belong at the top of the handbook folder",
                    "move it up, or rename it",
                    rule="catalog-place",
                )
            )
        elif not isinstance(doc.data, dict):
            handbook.unloaded_files.append(shown)
            problems.append(
                doc.problem(
                    (),
                    f"a process file must be a mapping of keys (id:, title:, steps: ...), "
                    f"not {'a list' if isinstance(doc.data, list) else 'a single value'}",
                    "start the file with `id:`; see `process-manual new`",
                    rule="invalid-value",
                )
            )
        else:
            source = _salvage_process(doc, problems)
            if source is not None:
                handbook.processes.append(source)
                continue
            handbook.unloaded_files.append(shown)
            if isinstance(doc.data.get("id"), str):
                handbook.unloaded_ids.setdefault(doc.data["id"], shown)
    for name in CATALOGS:
        if (
            name not in found_catalogs and name not in OPTIONAL_CATALOGS
        ):  # a catalog that exists but is broken is reported as such
            problems.append(
                make_problem(
                    "missing-catalog",
                    relative_path(root / name, base),
                    1,
                    1,
                    f"the catalog {name} is missing",
                    f"create {name} in {relative_path(root, base)}",
                )
            )
    return handbook


def _declared_languages(root: Path, readable: list[tuple[Path, str]], parsed: list[Parsed]) -> list[str]:
    """`languages:` of _handbook.yml, read before the other files so that translation files are known as
    such (a wrong value is reported when the catalog is validated, and then means one language)."""
    for (path, _), (doc, _) in zip(readable, parsed, strict=False):
        if path.parent == root and path.name == "_handbook.yml" and doc is not None and isinstance(doc.data, dict):
            languages = doc.data.get("languages")
            if isinstance(languages, list) and all(isinstance(tag, str) for tag in languages):
                return list(languages)
    return []


def _load_catalog(handbook: Handbook, name: str, doc: Document) -> None:
    model = CATALOGS.get(name)
    if model is None:
        known = ", ".join(CATALOGS)
        handbook.problems.append(
            doc.problem((), f"unknown catalog {name}", f"catalogs are {known}", rule="catalog-place")
        )
        return
    handbook.catalog_docs[name] = doc
    catalog = _validated(doc, model, handbook.problems)
    if isinstance(catalog, RolesCatalog):
        handbook.roles = {}
        for role in catalog.roles:
            handbook.roles.setdefault(role.id, role)
    elif isinstance(catalog, FormsCatalog):
        for form in catalog.forms:
            handbook.forms.setdefault(form.id, form)
    elif isinstance(catalog, AreasCatalog):
        handbook.top_areas = catalog.areas
        index_areas(handbook, catalog.areas, None, 1)
    elif isinstance(catalog, Glossary):
        handbook.terms = catalog.terms
    elif isinstance(catalog, OnboardingCatalog):
        handbook.reading_paths = catalog.paths
    elif isinstance(catalog, HandbookPolicy):
        handbook.policy = catalog
