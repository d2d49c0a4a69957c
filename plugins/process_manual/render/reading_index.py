"""The onboarding reading paths as published: which items each path shows, and where each item is.

Data only, computed once per build into the render context; render/reading.py turns it into pages and
the blocks the browser script reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from process_manual.core.model import Process, ReadingItem, ReadingPath, Role


@dataclass
class ReadingIndex:
    """The reading paths as published: items of unpublished processes left out, and where each item is."""

    paths: list[ReadingPath] = field(default_factory=list)
    items: dict[str, list[ReadingItem]] = field(default_factory=dict)
    """Path id -> its readable items, in order."""
    memberships: dict[str, list[tuple[ReadingPath, int]]] = field(default_factory=dict)
    """Item key (`process:SAL-001`, `page:how-to-edit.md`) -> (path, position in it) for every path it is on."""

    @classmethod
    def build(cls, reading_paths: list[ReadingPath], published: dict[str, Process]) -> ReadingIndex:
        index = cls()
        memberships: dict[str, list[tuple[ReadingPath, int]]] = defaultdict(list)
        seen: set[str] = set()
        for path in reading_paths:
            if path.id in seen:  # a duplicate id is an error already reported; the first one wins
                continue
            seen.add(path.id)
            readable = [item for item in path.items if _readable(item, published)]
            readable = list({item.key: item for item in reversed(readable)}.values())[::-1]  # first of duplicates
            index.paths.append(path)
            index.items[path.id] = readable
            for position, item in enumerate(readable):
                memberships[item.key].append((path, position))
        index.memberships = dict(memberships)
        return index

    def for_role(self, role: Role) -> list[ReadingPath]:
        """The paths a person in `role` starts with: their role's, their department's, then everyone's."""
        department = (role.department or "").casefold()
        own = [p for p in self.paths if p.role == role.id]
        dept = [p for p in self.paths if p.role is None and p.department and p.department.casefold() == department]
        everyone = [p for p in self.paths if p.role is None and p.department is None]
        return own + dept + everyone


def _readable(item: ReadingItem, published: dict[str, Process]) -> bool:
    if item.process is not None:
        return item.page is None and item.process in published and published[item.process].status != "retired"
    return item.page is not None
