"""What a reference points at: its page and anchor, its name in the handbook's language, or why it points
nowhere — one lookup for the checks, the pages and the pull-request check.

A target is keyed independently of language (`step:SAL-001#quote`, `term:purchase-request`), so that
who refers to what is the same in every language of a handbook; its name is taken from the handbook the
resolver is given, which for a page in English is the handbook localized to English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from process_manual.core import paths
from process_manual.core.model import Process, Term
from process_manual.core.refsyntax import Reference
from process_manual.core.suggest import closest
from process_manual.load.handbook import Handbook
from process_manual.load.localize import opencc_converter


@dataclass(frozen=True)
class Target:
    """A process, step, role, form, KPI or glossary term that a reference names."""

    key: str
    """`process:SAL-001`, `step:SAL-001#quote`, `role:buyer`, `form:order-form`, `kpi:SAL-001#on-time`,
    `term:purchase-request`: the same in every language."""
    page: str | None
    """The source path of the page it is on (`processes/sal-001.md`); None when no page is published (a draft)."""
    anchor: str
    name: str
    """Its name in the handbook's language: what a link shows unless it has a text of its own."""
    process: str = ""
    """The process it belongs to (for a process, step or KPI)."""
    context: str = ""
    """The title of that process, shown before a step's or KPI's name when linked from elsewhere."""


@dataclass(frozen=True)
class Finding:
    """Why a reference needs its author's attention (`rule` of core/rules.py), with the fix."""

    rule: str
    message: str
    fix: str


@dataclass(frozen=True)
class Resolution:
    target: Target | None
    """None when the reference names nothing (then `finding` says why)."""
    finding: Finding | None = None


def term_slugs(terms: Iterable[Term]) -> list[str]:
    """Each term's anchor slug, from the term as written (`Purchase request` -> `purchase-request`, `报销`
    stays `报销`), made unique in the glossary by a number."""
    seen: dict[str, int] = {}
    slugs = []
    for term in terms:
        slug = re.sub(r"[^\w]+", "-", term.term.casefold()).strip("-_") or "term"
        seen[slug] = seen.get(slug, 0) + 1
        slugs.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return slugs


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


def _translated_terms(handbook: Handbook) -> Iterator[tuple[str, int]]:
    """Each glossary term (and synonym) as every language of the handbook writes it, with its position: a
    translated page or text may name a term in its own language (`[[term:Process owner]]` for 流程负责人)."""
    for file in handbook.translations_of(handbook.root / "_glossary.yml").values():
        for key, translated in file.texts.items():
            parts = key.split(".")
            is_name = len(parts) >= 3 and parts[0] == "terms" and parts[2] in ("term", "synonyms")
            if is_name and parts[1].isdigit() and int(parts[1]) < len(handbook.terms):
                yield translated.text, int(parts[1])
    derived = handbook.policy.derived if handbook.policy is not None else {}
    for conversion in derived.values():
        convert = opencc_converter(conversion)
        for index, term in enumerate(handbook.terms):
            for written in (term.term, *term.synonyms):
                yield convert(written), index


class Resolver:
    """Targets of one handbook (in one language) by what references call them."""

    def __init__(self, handbook: Handbook, *, published: Iterable[str] | None = None, source: Handbook | None = None):
        """`published`: the process ids that have a page (default: all but drafts). `source`: the handbook in
        its source language when `handbook` is a localization of it — glossary terms may be named as written
        in either, and their anchors come from the source."""
        self.handbook = handbook
        self.processes: dict[str, Process] = {s.process.id: s.process for s in handbook.processes}
        self.unloaded = set(handbook.unloaded_ids)
        self.published = (
            set(published)
            if published is not None
            else {pid for pid, p in self.processes.items() if p.status != "draft"}
        )
        original = source if source is not None else handbook
        self.term_slugs = term_slugs(original.terms)
        self.terms: dict[str, int] = {}
        for terms in (handbook.terms, original.terms):
            for index, term in enumerate(terms):
                for written in (term.term, *term.synonyms):
                    self.terms.setdefault(_words(written), index)
        for written, index in _translated_terms(original):
            self.terms.setdefault(_words(written), index)

    # --- one target of each kind ----------------------------------------------------------------------

    def process_target(self, process: Process) -> Target:
        page = paths.process_page(process.id) if process.id in self.published else None
        return Target(f"process:{process.id}", page, "", process.title, process.id, process.title)

    def step_target(self, process: Process, step_id: str) -> Target | None:
        step = process.step(step_id)
        if step is None:
            return None
        page = paths.process_page(process.id) if process.id in self.published else None
        key = f"step:{process.id}#{step_id}"
        return Target(key, page, paths.step_anchor(step_id), step.title, process.id, process.title)

    def term_target(self, index: int) -> Target:
        slug = self.term_slugs[index]
        return Target(f"term:{slug}", paths.GLOSSARY, paths.term_anchor(slug), self.handbook.terms[index].term)

    # --- resolution ----------------------------------------------------------------------------------

    def resolve(self, ref: Reference, here: str | None = None) -> Resolution:
        """What `ref` names, seen from the process `here` (the file a process's text belongs to, for
        `[[#step]]`), with a finding when it is broken, outdated or unpublished."""
        if ref.kind == "role":
            role = self.handbook.roles.get(ref.target)
            if role is None:
                return self._missing(ref, f"no role '{ref.target}' in _roles.yml", ref.target, self.handbook.roles)
            return Resolution(Target(f"role:{role.id}", paths.role_page(role.id), "", role.name))
        if ref.kind == "form":
            form = self.handbook.forms.get(ref.target)
            if form is None:
                return self._missing(ref, f"no form '{ref.target}' in _forms.yml", ref.target, self.handbook.forms)
            return Resolution(Target(f"form:{form.id}", paths.FORMS, paths.form_anchor(form.id), form.name))
        if ref.kind == "term":
            index = self.terms.get(_words(ref.target))
            if index is None:
                terms = [t.term for t in self.handbook.terms]
                return self._missing(ref, f"no term '{ref.target}' in _glossary.yml", ref.target, terms)
            return Resolution(self.term_target(index))
        process_id = ref.target or here
        if process_id is None:
            what = "step" if ref.kind == "step" else "KPI"
            return Resolution(
                None,
                Finding(
                    rule="reference-syntax",
                    message=f"'{ref.written}' names a {what} without its process: that works in a process file only",
                    fix=f"name the process: [[{'kpi:' if ref.kind == 'kpi' else ''}PROCESS-ID#{ref.anchor}]]",
                ),
            )
        process = self.processes.get(process_id)
        if process is None:
            if process_id in self.unloaded:  # its file is broken: already reported there
                return Resolution(None)
            return self._unknown_process(ref, process_id)
        if ref.kind == "process":
            return self._published(self.process_target(process), process, here)
        if ref.kind == "kpi":
            kpi = next((k for k in process.kpis if k.id == ref.anchor), None)
            if kpi is None:
                kpis = [k.id for k in process.kpis]
                return self._missing(ref, f"{process.id} has no KPI '{ref.anchor}'", ref.anchor, kpis)
            target = Target(
                f"kpi:{process.id}#{kpi.id}",
                paths.KPIS if process.id in self.published else None,
                paths.kpi_anchor(process.id, kpi.id),
                kpi.name,
                process.id,
                process.title,
            )
            return self._published(target, process, here)
        return self._step(ref, process, here)

    def _step(self, ref: Reference, process: Process, here: str | None) -> Resolution:
        target = self.step_target(process, ref.anchor)
        if target is not None:
            return self._published(target, process, here)
        if ref.anchor not in process.removed_steps:
            steps = [s.id for s in process.steps]
            return self._missing(ref, f"{process.id} has no step '{ref.anchor}'", ref.anchor, steps)
        successor = process.removed_steps[ref.anchor]
        replacement = self.step_target(process, successor) if successor else None
        where = f"[[{process.id}#{successor}]]" if replacement is not None else f"[[{process.id}]]"
        said = f", replaced by '{successor}'" if replacement is not None else ""
        finding = Finding(
            rule="outdated-reference",
            message=f"'{ref.written}' names step '{ref.anchor}', which {process.id} has removed{said}",
            fix=f"link {where} instead",
        )
        shown = replacement or self.process_target(process)
        return Resolution(shown, finding)

    def _published(self, target: Target, process: Process, here: str | None) -> Resolution:
        """`target` with a warning when it is retired or an unpublished draft — unless the text it stands in
        is itself retired or a draft, which readers do not take for what applies."""
        own = self.processes.get(here) if here else None
        if own is not None and own.status != "effective":
            return Resolution(target)
        if process.status == "retired":
            successor = process.replaced_by
            said = f", replaced by {successor}" if successor else ""
            fix = f"link [[{successor}]] instead" if successor else "link the process that applies now, or remove it"
            message = f"{process.id} is retired{said}"
            return Resolution(target, Finding(rule="outdated-reference", message=message, fix=fix))
        if process.status == "draft" and target.page is None:
            return Resolution(
                target,
                Finding(
                    rule="reference-to-draft",
                    message=f"{process.id} is a draft: readers see its name without a link until it takes effect",
                    fix="link it once it is effective, or name a process that applies now",
                ),
            )
        return Resolution(target)

    def _unknown_process(self, ref: Reference, process_id: str) -> Resolution:
        """A process id that no process has: perhaps it is a role or a form written without its prefix."""
        if ref.kind == "process":
            for kind, ids in (("role", set(self.handbook.roles)), ("form", set(self.handbook.forms))):
                if process_id in ids:
                    fix = f"a {kind} is written [[{kind}:{process_id}]]"
                    message = f"'{ref.written}': no process has the id '{process_id}'"
                    return Resolution(None, Finding(rule="broken-reference", message=message, fix=fix))
        known = [*self.processes, *self.unloaded]
        return self._missing(ref, f"no process has the id '{process_id}'", process_id, known)

    def _missing(self, ref: Reference, message: str, value: str, known: Iterable[str]) -> Resolution:
        """`ref` names nothing: say so, with the known id closest to what was written (case aside first)."""
        options = list(known)
        match = next((k for k in options if k.casefold() == value.casefold()), None) or closest(value, options)
        if match:
            fix = f"did you mean '{match}'?"
        elif 0 < len(options) <= 12:
            fix = "use one of: " + ", ".join(options)
        else:
            fix = "check the spelling" if options else "there is none yet: add it first"
        found = Finding(rule="broken-reference", message=f"'{ref.written}': {message}", fix=fix)
        return Resolution(None, found)
