"""Catalog hygiene: what the catalogs define and no process uses, names given twice, a glossary that
contradicts itself, records kept without a retention period.

Sources (reference/rule-inventory.md): the method's standard name dictionary (标准名称字典: one name per
concept, one concept per name), the process architecture, ISO 9001 7.5.3.2 and the archive rules (retention).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from process_manual.core.problems import Problem
from process_manual.load.handbook import Handbook, ProcessSource
from process_manual.load.yamlload import Document, Loc


def _entries(doc: Document | None, key: str) -> list[tuple[Loc, dict]]:
    """(position, raw entry) of each entry of a catalog's list (the typed catalog may have failed: its
    problems are already reported)."""
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
        return []
    return [((key, i), entry) for i, entry in enumerate(doc.data[key]) if isinstance(entry, dict)]


def _areas(doc: Document | None) -> Iterator[tuple[Loc, dict]]:
    def walk(items: object, loc: Loc) -> Iterator[tuple[Loc, dict]]:
        for i, area in enumerate(items if isinstance(items, list) else []):
            if isinstance(area, dict):
                yield (*loc, i), area
                yield from walk(area.get("children"), (*loc, i, "children"))

    if doc is not None and isinstance(doc.data, dict):
        yield from walk(doc.data.get("areas"), ("areas",))


def check_hygiene(handbook: Handbook, vague: Callable[[str], bool]) -> Iterator[Problem]:
    """`vague(text)`: whether a role's id or name is a vague owner (reported as such, not also as unused)."""
    if not handbook.unloaded_files and not any(s.broken for s in handbook.processes):
        yield from _unused(handbook, vague)  # with a process file unread, what it uses is not known
    yield from _glossary(handbook)
    yield from _duplicate_names(handbook)
    yield from _records(handbook)


def _unused(handbook: Handbook, vague: Callable[[str], bool]) -> Iterator[Problem]:
    """Catalog entries nothing names. A catalog that did not load whole, or a reference of its kind that is
    unknown (a typo: `quote-comparisons`), leaves what is unused unknown: the entry the typo meant would be
    called unused beside it."""
    docs = handbook.catalog_docs
    roles, forms = _entries(docs.get("_roles.yml"), "roles"), _entries(docs.get("_forms.yml"), "forms")
    named = _roles_named(handbook)
    if len(roles) == len(handbook.roles) and named <= set(handbook.roles):
        authors = " ".join(
            f"{e.author} {e.approved_by or ''}" for s in handbook.processes for e in s.process.changelog
        ).casefold()
        for loc, role in roles:
            role_id, name = str(role.get("id", "")), str(role.get("name", ""))
            if role_id in named or _mentioned(authors, role_id, name) or vague(f"{role_id} {name}"):
                continue
            yield docs["_roles.yml"].problem(
                (*loc, "id"),
                f"role '{role_id}' is named by no process, form, area, KPI, reading path or change-log entry",
                "remove it from _roles.yml, or name it where it works (a step's `responsible`, an `owner`, ...)",
                rule="unused-role",
            )
    used_forms = {f for s in handbook.processes for step in s.process.steps for f in step.forms}
    if len(forms) == len(handbook.forms) and used_forms <= set(handbook.forms):
        for loc, form in forms:
            if form.get("id") not in used_forms:
                yield docs["_forms.yml"].problem(
                    (*loc, "id"),
                    f"form '{form.get('id')}' is used by no step",
                    "list it under `forms` of the steps that fill or file it, or remove it from _forms.yml",
                    rule="unused-form",
                )
    used_areas = {s.process.area for s in handbook.processes}
    areas = list(_areas(docs.get("_areas.yml")))
    leaves = {area_id for area_id, node in handbook.areas.items() if not node.area.children}
    if len(areas) == len(handbook.areas) and used_areas <= leaves:
        for loc, area in areas:
            if area.get("id") in leaves - used_areas:
                yield docs["_areas.yml"].problem(
                    (*loc, "id"),
                    f"area '{area.get('id')}' holds no process",
                    f"give a process `area: {area.get('id')}`, or remove the area from _areas.yml",
                    rule="unused-area",
                )


def _roles_named(handbook: Handbook) -> set[str]:
    named: set[str] = set()
    for source in handbook.processes:
        process = source.process
        named.add(process.owner)
        named.update(k.owner for k in process.kpis if k.owner)
        for step in process.steps:
            named.update([*step.responsible, *step.consulted, *step.informed])
            if step.accountable:
                named.add(step.accountable)
    named.update(f.owner for f in handbook.forms.values() if f.owner)
    named.update(node.area.owner for node in handbook.areas.values() if node.area.owner)
    named.update(path.role for path in handbook.reading_paths if path.role)
    return named


def _mentioned(text: str, role_id: str, name: str) -> bool:
    """A change-log's author or approver names the role: "COO" for `coo`, "陈立（总经理）" for 总经理."""
    for word in filter(None, (role_id, name)):
        if _has_cjk(word) and word.casefold() in text:
            return True
        if re.search(rf"(?<![\w-]){re.escape(word.casefold())}(?![\w-])", text):
            return True
    return False


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _glossary(handbook: Handbook) -> Iterator[Problem]:
    """Each contradiction is reported at both of its entries: either may be the one to change."""
    doc = handbook.catalog_docs.get("_glossary.yml")
    entries = _entries(doc, "terms")
    if doc is None:
        return
    terms: dict[str, tuple[Loc, str]] = {}
    synonyms: dict[str, tuple[Loc, str]] = {}
    for loc, entry in entries:
        term = str(entry.get("term", "")).strip()
        if term.casefold() in terms:
            first, _ = terms[term.casefold()]
            yield from _pair(
                doc,
                first,
                (*loc, "term"),
                f"the term '{term}' is defined twice",
                "keep one definition and merge the other into it",
            )
        terms.setdefault(term.casefold(), ((*loc, "term"), term))
    for loc, entry in entries:
        term = str(entry.get("term", "")).strip()
        listed = entry.get("synonyms")
        for j, synonym in enumerate(listed if isinstance(listed, list) else []):
            key, at = str(synonym).strip().casefold(), (*loc, "synonyms", j)
            if key in terms:
                yield from _pair(
                    doc,
                    terms[key][0],
                    at,
                    f"'{synonym}' is a standard term, and also a name to avoid for '{term}'",
                    "a name is either standard or to be avoided: remove it from one of the two",
                )
            elif key in synonyms and synonyms[key][1].casefold() != term.casefold():
                yield from _pair(
                    doc,
                    synonyms[key][0],
                    at,
                    f"'{synonym}' is a name to avoid for both '{synonyms[key][1]}' and '{term}'",
                    "list it under the one term that replaces it",
                )
            synonyms.setdefault(key, (at, term))


def _pair(doc: Document, first: Loc, second: Loc, message: str, fix: str) -> Iterator[Problem]:
    yield doc.problem(first, f"{message} (see also line {doc.where(second).line})", fix, rule="duplicate-term")
    yield doc.problem(second, f"{message} (see also line {doc.where(first).line})", fix, rule="duplicate-term")


def _duplicate_names(handbook: Handbook) -> Iterator[Problem]:
    """Reported at both things that share a name: either may be the one to rename."""
    by_title: dict[str, list[ProcessSource]] = {}
    for source in handbook.processes:
        by_title.setdefault(_key(source.process.title), []).append(source)
    for sources in by_title.values():
        if len({s.process.id for s in sources}) < 2:
            continue  # one process (or one id twice: duplicate-id)
        for source in sources:
            others = ", ".join(
                f"{o.process.id} ({o.path}:{o.doc.where(('title',)).line})" for o in sources if o is not source
            )
            yield source.doc.problem(
                ("title",),
                f"'{source.process.title}' is also the title of {others}",
                "give each process a title of its own",
                rule="duplicate-name",
            )
    for catalog, key in (("_roles.yml", "roles"), ("_forms.yml", "forms")):
        doc = handbook.catalog_docs.get(catalog)
        noun = key[:-1]
        yield from _twice(doc, [((*loc, "name"), e.get("name")) for loc, e in _entries(doc, key)], noun)
    for source in handbook.processes:
        process = source.process
        steps = [(("steps", i, "name"), s.name) for i, s in enumerate(process.steps) if s.kind != "end"]
        yield from _twice(source.doc, steps, "step")
        yield from _twice(source.doc, [(("kpis", i, "name"), k.name) for i, k in enumerate(process.kpis)], "KPI")


def _twice(doc: Document | None, named: Iterable[tuple[Loc, object]], noun: str) -> Iterator[Problem]:
    if doc is None:
        return
    groups: dict[str, list[tuple[Loc, str]]] = {}
    for loc, name in named:
        if isinstance(name, str) and name.strip():
            groups.setdefault(_key(name), []).append((loc, name))
    for group in groups.values():
        for loc, name in group if len(group) > 1 else []:
            lines = ", ".join(str(doc.where(other).line) for other, _ in group if other != loc)
            yield doc.problem(
                loc,
                f"another {noun} is also called '{name}' (line {lines})",
                f"give each {noun} a name of its own",
                rule="duplicate-name",
            )


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _records(handbook: Handbook) -> Iterator[Problem]:
    doc = handbook.catalog_docs.get("_forms.yml")
    if doc is None:
        return
    filed: dict[str, str] = {}
    for source in handbook.processes:
        for step in source.process.steps:
            if step.kind == "archive":
                for filed_id in step.forms:
                    filed.setdefault(filed_id, f"'{step.id}' of {source.process.id}")
    seen: set[str] = set()
    for loc, form in _entries(doc, "forms"):
        form_id = form.get("id")
        if isinstance(form_id, str) and form_id in filed and form_id not in seen and not form.get("retention"):
            yield doc.problem(
                (*loc, "id"),
                f"form '{form_id}' is filed by the archive step {filed[form_id]} but has no retention period",
                "add `retention:` (how long it is kept, e.g. '3 years' or '永久')",
                rule="record-without-retention",
            )
        seen.add(str(form_id))
