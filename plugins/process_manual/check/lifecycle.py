"""Change control and the life of a process: who approved the version in force, by which request, since when
it applies, and whether a process in use leans on one that is retired or not yet approved.

Sources (reference/rule-inventory.md): the method's process-management regulation (a change is requested,
approved by the department head, then released), ISO 9001 7.5.2-7.5.3 (documented information reviewed and
approved; the current version available where used; obsolete versions kept from unintended use).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from process_manual.core.model import Process
from process_manual.core.problems import Problem
from process_manual.load.handbook import Handbook, ProcessSource
from process_manual.load.yamlload import Loc

_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


def check_change_control(source: ProcessSource, today: dt.date) -> Iterator[Problem]:
    """The version in force approved, by someone else than its author, through a change request."""
    process, p = source.process, source.doc.problem
    entries = process.changelog
    for i, entry in enumerate(entries):
        if entry.approved_by and _same_person(entry.author, entry.approved_by):
            yield p(
                ("changelog", i, "approved_by"),
                f"version {entry.version} was approved by its own author ({entry.author})",
                "have the change approved by someone other than its author, e.g. the process owner's manager",
                rule="self-approved",
            )
    if process.status == "draft" or "status" in source.broken:
        return  # nothing of a draft is released yet (a status that cannot be read is reported as such)
    newest, at = entries[-1], ("changelog", len(entries) - 1)
    if not newest.approved_by:
        yield p(
            at,
            f"version {newest.version}, the version in force, names no approver",
            "add `approved_by:` with who approved this version before it was released",
            rule="unapproved-version",
        )
    if len(entries) > 1 and not newest.request:
        yield p(
            at,
            f"version {newest.version} changed the released process without a change request",
            "add `request:` with the id of the change request that asked for it (e.g. CR-2026-014)",
            rule="change-without-request",
        )
    if process.effective and process.effective < entries[0].date <= today:  # a date to come: future-date
        yield p(
            ("effective",),
            f"effective {process.effective} is before version {entries[0].version} was approved "
            f"({entries[0].date}), the first in the change log",
            "give the date the process took effect, on or after its first approval",
            rule="effective-before-approval",
        )


def _same_person(author: str, approver: str) -> bool:
    """Whether two names are one person: "王敏（行政经理）" and "王敏" are (what brackets add is left out)."""

    def name(text: str) -> str:
        return "".join(_BRACKETED.sub("", text).split()).casefold() or "".join(text.split()).casefold()

    return name(author) == name(approver)


def check_dates(source: ProcessSource, today: dt.date) -> Iterator[Problem]:
    """The status and the `effective` date tell the same story."""
    process, p = source.process, source.doc.problem
    if "status" in source.broken:
        return  # what the status is cannot be known (reported as invalid-value)
    if process.status == "effective" and process.effective is None and "effective" not in source.broken:
        yield p(
            ("status",),
            "the process is in force but does not say since when",
            "add `effective: YYYY-MM-DD`, the date this version took effect",
            rule="no-effective-date",
        )
    if process.status == "draft" and process.effective is not None and process.effective < today:
        yield p(
            ("status",),
            f"the process is a draft, but `effective` says it took effect on {process.effective}",
            "once approved, set `status: effective`; while it is a draft, give the date it is planned to take effect",
            rule="draft-past-effective",
        )


def check_references_in_force(handbook: Handbook) -> Iterator[Problem]:
    """No process in use runs or names a retired one; no process in force runs or names a draft.

    Reported twice: where the reference is (the owner who relies on it) and at the `status` of the process
    it names (the owner who retired it, or has not released it yet)."""
    known = [s for s in handbook.processes if "status" not in s.broken]  # an unreadable status is reported
    by_id = {s.process.id: s for s in known}
    for source in known:
        process = source.process
        if process.status == "retired":
            continue
        for loc, target_id, how in _references(process):
            target = by_id.get(target_id)
            if target is None or target_id == process.id:
                continue  # reported as unknown-process or self-reference
            status = target.process.status
            if status == "retired":
                yield from _reference_problems(source, loc, target, how, rule="retired-in-use")
            elif status == "draft" and process.status == "effective":
                yield from _reference_problems(source, loc, target, how, rule="draft-in-use")


def _references(process: Process) -> Iterator[tuple[Loc, str, str]]:
    """(where, the process named, how: "runs" or "names") for every process this one relies on."""
    for i, step in enumerate(process.steps):
        if step.process:
            yield ("steps", i, "process"), step.process, "runs"
    for i, related in enumerate(process.related):
        yield ("related", i), related, "names"


def _reference_problems(
    source: ProcessSource, loc: Loc, target: ProcessSource, how: str, *, rule: str
) -> list[Problem]:
    process, other = source.process, target.process
    where = f"{source.path}:{source.doc.where(loc).line}"
    verb = "runs it as a sub-process" if how == "runs" else "names it under `related`"
    if rule == "retired-in-use":
        here = (
            f"{other.id} is retired, but this process {verb}",
            f"{'run' if how == 'runs' else 'name'} the process that replaced {other.id}, or remove it",
        )
        there = (
            f"{other.id} is retired, but {process.id} ({where}) {verb}",
            f"have {process.id} point to the process that replaces this one before retiring it",
        )
    else:
        here = (
            f"{other.id} is a draft: it does not apply yet and has no page, but this process in force {verb}",
            f"release {other.id} first (status: effective), or leave it out until then",
        )
        there = (
            f"this process is a draft, but {process.id} ({where}), which is in force, {verb}",
            "release this process (status: effective), or have the other process leave it out until then",
        )
    return [
        source.doc.problem(loc, *here, rule=rule),
        target.doc.problem(("status",), *there, rule=rule),
    ]
