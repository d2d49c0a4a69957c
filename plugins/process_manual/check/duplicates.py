"""One check for ids given twice: catalog entries, areas, steps, KPIs, reading paths."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from process_manual.core.problems import Problem, ProblemAt
from process_manual.load.yamlload import Loc


def duplicate_ids(
    problem: ProblemAt, kind: str, entries: Iterable[tuple[Loc, object]], *, within: str = "", noun: str = ""
) -> Iterator[Problem]:
    """A `duplicate-id` problem at every entry whose `id` an earlier entry already has.

    `entries` are (location of the entry, its id); `within` names the scope when ids are unique only there
    ("in this process"); `noun` is what the fix calls one entry (default: `kind`).
    """
    seen: set[str] = set()
    for loc, value in entries:
        if isinstance(value, str) and value in seen:
            said = f"is used twice {within}" if within else "is defined twice"
            yield problem(
                (*loc, "id"), f"{kind} id '{value}' {said}", f"give each {noun or kind} its own id", rule="duplicate-id"
            )
        seen.add(str(value))
