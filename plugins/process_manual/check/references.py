"""Checks of references: every `[[...]]` names something that exists and applies, at its file, line and
column; hand-written pages link processes by id, not by path; `replaced_by` and `removed_steps` name
what exists.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator

from process_manual.check.refindex import Occurrence, ReferenceIndex
from process_manual.check.reftargets import Resolver
from process_manual.core.model import ID_PATTERN
from process_manual.core.problems import Problem
from process_manual.core.refsyntax import Malformed, line_and_column, protected_spans
from process_manual.core.rules import make_problem
from process_manual.core.suggest import did_you_mean
from process_manual.load.docpages import DocPage
from process_manual.load.handbook import Handbook, ProcessSource

SYNTAX_HELP = (
    "write [[PROCESS-ID]], [[PROCESS-ID#step-id]], [[role:id]], [[form:id]], [[kpi:PROCESS-ID#kpi-id]] or "
    "[[term:a glossary term]], with '|text' for a text of its own; to show the brackets, write \\[[ or `[[...]]`"
)


def check_references(handbook: Handbook, pages: Iterable[DocPage] = ()) -> list[Problem]:
    """Every problem of the references in the handbook's texts, its translations and `pages`."""
    pages = list(pages)
    index = ReferenceIndex.build(handbook, pages)
    resolver = Resolver(handbook)
    problems = [p for occurrence in index.occurrences if (p := _check(occurrence, resolver, handbook)) is not None]
    for page in pages:
        problems += _links_by_path(page, handbook)
    for source in handbook.processes:
        problems += _successors(source, resolver)
    return problems


def _problem(occurrence: Occurrence, *, rule: str, message: str, fix: str) -> Problem:
    line, column = occurrence.position
    return make_problem(rule, occurrence.place.shown_path, line, column, message, fix)


def _check(occurrence: Occurrence, resolver: Resolver, handbook: Handbook) -> Problem | None:
    found = occurrence.found
    if occurrence.structured:  # related, sub-processes, reading paths: checked by their own rules
        return None
    if isinstance(found, Malformed):
        message = f"'{found.written}' is not a reference: {found.why}"
        return _problem(occurrence, rule="reference-syntax", message=message, fix=_malformed_fix(found, handbook))
    finding = resolver.resolve(found, occurrence.here).finding
    if finding is None:
        return None
    return _problem(occurrence, rule=finding.rule, message=finding.message, fix=finding.fix)


def _malformed_fix(found: Malformed, handbook: Handbook) -> str:
    """Name the reference meant when the text between the brackets is an id or term of another kind."""
    body = found.body
    for kind, known in (("role", handbook.roles), ("form", handbook.forms)):
        if body in known:
            return f"a {kind} is written [[{kind}:{body}]]"
    if any(" ".join(body.casefold().split()) == " ".join(t.term.casefold().split()) for t in handbook.terms):
        return f"a glossary term is written [[term:{body}]]"
    process = next((p for p in (s.process.id for s in handbook.processes) if p.casefold() == body.casefold()), None)
    if process is not None:
        return f"did you mean [[{process}]]?"
    return SYNTAX_HELP


# --- links by path in hand-written pages ----------------------------------------------------------------

_INLINE_LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
_PROCESS_ID = re.compile(ID_PATTERN)
_PROCESS_PAGE = re.compile(r"^processes/(?P<id>[a-z0-9-]+)(?:\.md|/|/index\.md|\.html)?$")
_ROLE_PAGE = re.compile(r"^roles/(?P<id>[a-z0-9][a-z0-9_-]*)(?:\.md|/|/index\.md|\.html)?$")
_FORMS_PAGE = re.compile(r"^forms(?:\.md|/|/index\.md|\.html)?$")


def _instead(url: str, page_uri: str, handbook: Handbook) -> str | None:
    """The `[[...]]` that names what `url` (a link on page `page_uri`) points at by path, if it is a
    process, step, role or form; None for any other link."""
    if "://" in url or url.startswith(("mailto:", "#", "/")):
        return None
    path, _, anchor = url.partition("#")
    if _PROCESS_ID.match(path):
        return f"[[{path}]]"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
    ids = {s.process.id.lower(): s.process.id for s in handbook.processes}
    if (match := _PROCESS_PAGE.match(target)) and match["id"] in ids:
        step = anchor.removeprefix("step-") if anchor.startswith("step-") else ""
        return f"[[{ids[match['id']]}{'#' + step if step else ''}]]"
    if (match := _ROLE_PAGE.match(target)) and match["id"] in handbook.roles:
        return f"[[role:{match['id']}]]"
    if _FORMS_PAGE.match(target) and anchor.startswith("form-") and anchor[5:] in handbook.forms:
        return f"[[form:{anchor[5:]}]]"
    return None


def _links_by_path(page: DocPage, handbook: Handbook) -> Iterator[Problem]:
    protected = protected_spans(page.text, page=True)
    for match in _INLINE_LINK.finditer(page.text):
        if any(start <= match.start() < end for start, end in protected):
            continue
        url = match["url"]
        instead = _instead(url, page.uri, handbook)
        if instead is None:
            continue
        line, column = line_and_column(page.text, match.start())
        bare = _PROCESS_ID.match(url.partition("#")[0]) is not None
        message = (
            f"the link to '{url}' points at a file of that name, which does not exist"
            if bare
            else f"the link to '{url}' names a page of the handbook by its path"
        )
        fix = f"write {instead} (add |text for a text of its own): a link by id is checked and follows its target"
        yield make_problem("link-by-path", page.shown_path, line, column, message, fix)


# --- what a process says replaced it --------------------------------------------------------------------


def _successors(source: ProcessSource, resolver: Resolver) -> Iterator[Problem]:
    process, p = source.process, source.doc.problem
    if process.replaced_by is not None:
        if process.replaced_by == process.id:
            yield p(
                ("replaced_by",),
                "a process cannot be replaced by itself",
                "name the process that replaces it",
                rule="self-reference",
            )
        elif process.replaced_by not in resolver.processes and process.replaced_by not in resolver.unloaded:
            yield p(
                ("replaced_by",),
                f"unknown process '{process.replaced_by}'",
                did_you_mean(process.replaced_by, resolver.processes, "name an existing process id"),
                rule="unknown-process",
            )
    step_ids = [s.id for s in process.steps]
    for removed, successor in process.removed_steps.items():
        if removed in step_ids:
            yield p(
                ("removed_steps", removed),
                f"step '{removed}' is listed as removed but is still a step of this process",
                "remove it from `removed_steps`, or give the step another id",
                rule="duplicate-id",
                at_key=True,
            )
        if successor is not None and successor not in step_ids:
            yield p(
                ("removed_steps", removed),
                f"unknown step '{successor}'",
                did_you_mean(successor, step_ids, "name a step of this process, or leave it empty"),
                rule="unknown-step",
            )
