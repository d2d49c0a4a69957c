"""What changed between two states of a process — as the reader of a handbook means it, not as text.

Two levels, both returning plain data:

- :func:`changed_fields` compares the parsed YAML of two files and names every field that differs
  (`steps.review.within`, `kpis.cycle-time.target`). Layout, comments and quoting are not content;
  neither are `version` and `changelog`, which record a change rather than make one. The
  pull-request check uses it, so it works on files that the current model might not accept.
- :func:`diff_processes` compares two typed processes: steps added, removed or renamed, RACI cells,
  time limits, forms, KPIs and the other top-level fields. The history pages render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from process_manual.core.model import Kpi, Process, Step

# One definition of a RACI cell: exactly the one the process page and the role pages show.
from process_manual.core.raci import raci_cells

NOT_CONTENT: frozenset[tuple[str, ...]] = frozenset({("version",), ("changelog",), ("review", "last")})
"""Fields whose change is not a change of the process: the version and its change log record one, and
`review.last` records a periodic review (a review that changes nothing needs no new version)."""


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    """A list of mappings that all have a distinct text `id` (steps, KPIs), keyed by it; else None."""
    if not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
        return None
    keyed = {i["id"]: i for i in items}
    return keyed if len(keyed) == len(items) else None


def _walk(old: Any, new: Any, path: tuple[str, ...], found: list[tuple[str, ...]]) -> None:
    if path in NOT_CONTENT or _same(old, new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            _walk(old.get(key), new.get(key), (*path, str(key)), found)
        return
    if isinstance(old, list) and isinstance(new, list):
        old_keyed, new_keyed = _keyed(old), _keyed(new)
        if old_keyed is not None and new_keyed is not None:
            common = [k for k in new_keyed if k in old_keyed]
            if common != [k for k in old_keyed if k in new_keyed]:
                found.append(path)  # the same items in another order (the first step is where it starts)
            for key in [*new_keyed, *(k for k in old_keyed if k not in new_keyed)]:
                _walk(old_keyed.get(key), new_keyed.get(key), (*path, key), found)
            return
    found.append(path)


def _same(old: Any, new: Any) -> bool:
    # `8` and `8.0` are the same target; `true` and `1` are not the same answer.
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    return bool(old == new)


def changed_fields(old: Any, new: Any) -> list[str]:
    """Dotted paths of the content that differs between two parsed process files, in file order."""
    found: list[tuple[str, ...]] = []
    _walk(old, new, (), found)
    return [".".join(path) or "(the whole file)" for path in dict.fromkeys(found)]


@dataclass(frozen=True)
class Change:
    """One value before and after; None where it was (or is) not set."""

    before: str | None
    after: str | None


@dataclass
class FieldChange:
    """A top-level field: values for short ones, items added/removed for lists, neither for long text."""

    name: str
    before: str | None = None
    after: str | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class StepDiff:
    id: str
    title: str
    renamed: Change | None = None
    raci: dict[str, Change] = field(default_factory=dict)
    """Role id -> its letters before and after ("R/A", "C"; None = no part)."""
    within: Change | None = None
    forms_added: list[str] = field(default_factory=list)
    forms_removed: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    """Other fields of the step that changed (kind, next, branches, details, ...), by name."""


@dataclass
class KpiDiff:
    id: str
    name: str
    fields: dict[str, Change] = field(default_factory=dict)


@dataclass
class ProcessDiff:
    steps_added: list[Step] = field(default_factory=list)
    steps_removed: list[Step] = field(default_factory=list)
    steps_changed: list[StepDiff] = field(default_factory=list)
    steps_reordered: bool = False
    kpis_added: list[Kpi] = field(default_factory=list)
    kpis_removed: list[Kpi] = field(default_factory=list)
    kpis_changed: list[KpiDiff] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.steps_added
            or self.steps_removed
            or self.steps_changed
            or self.steps_reordered
            or self.kpis_added
            or self.kpis_removed
            or self.kpis_changed
            or self.fields
        )


_STEP_RACI_AND_SHOWN = {"id", "name", "responsible", "accountable", "consulted", "informed", "within", "forms"}
_KPI_FIELDS = ("name", "definition", "formula", "unit", "target", "goal", "frequency", "owner")
_SHORT_TEXT = 80
"""Longer text (purpose, scope) is reported as changed without quoting it: the page would drown."""


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _step_diff(old: Step, new: Step) -> StepDiff | None:
    diff = StepDiff(new.id, new.title)
    if old.title != new.title:
        diff.renamed = Change(old.title, new.title)
    old_cells, new_cells = raci_cells(old), raci_cells(new)
    for role in [*new_cells, *(r for r in old_cells if r not in new_cells)]:
        if old_cells.get(role) != new_cells.get(role):
            diff.raci[role] = Change(old_cells.get(role), new_cells.get(role))
    if old.within != new.within:
        diff.within = Change(old.within, new.within)
    diff.forms_added = [f for f in dict.fromkeys(new.forms) if f not in old.forms]
    diff.forms_removed = [f for f in dict.fromkeys(old.forms) if f not in new.forms]
    old_rest = old.model_dump(exclude=_STEP_RACI_AND_SHOWN)
    new_rest = new.model_dump(exclude=_STEP_RACI_AND_SHOWN)
    diff.other = [name for name in new_rest if old_rest[name] != new_rest[name]]
    changed = diff.renamed or diff.raci or diff.within or diff.forms_added or diff.forms_removed or diff.other
    return diff if changed else None


def _kpi_diff(old: Kpi, new: Kpi) -> KpiDiff | None:
    changes = {
        name: Change(_text(getattr(old, name)), _text(getattr(new, name)))
        for name in _KPI_FIELDS
        if not _same(getattr(old, name), getattr(new, name))
    }
    return KpiDiff(new.id, new.name, changes) if changes else None


def _field_change(name: str, old: Any, new: Any) -> FieldChange:
    if isinstance(old, list) and isinstance(new, list) and all(isinstance(v, str) for v in old + new):
        return FieldChange(name, added=[v for v in new if v not in old], removed=[v for v in old if v not in new])
    texts = [_text(v) if not isinstance(v, (list, dict)) else "" for v in (old, new)]
    if all(t is None or (t and len(t) <= _SHORT_TEXT and "\n" not in t) for t in texts):
        return FieldChange(name, texts[0], texts[1])
    return FieldChange(name)  # long text, or lists of mappings (risks, FAQ): named, not quoted


def diff_processes(old: Process, new: Process) -> ProcessDiff:
    """Everything a reader would want told between two versions of one process."""
    diff = ProcessDiff()
    old_steps, new_steps = {s.id: s for s in old.steps}, {s.id: s for s in new.steps}
    diff.steps_added = [s for s in new.steps if s.id not in old_steps]
    diff.steps_removed = [s for s in old.steps if s.id not in new_steps]
    for step in new.steps:
        if step.id in old_steps:
            changed = _step_diff(old_steps[step.id], step)
            if changed:
                diff.steps_changed.append(changed)
    diff.steps_reordered = [s.id for s in old.steps if s.id in new_steps] != [
        s.id for s in new.steps if s.id in old_steps
    ]
    old_kpis, new_kpis = {k.id: k for k in old.kpis}, {k.id: k for k in new.kpis}
    diff.kpis_added = [k for k in new.kpis if k.id not in old_kpis]
    diff.kpis_removed = [k for k in old.kpis if k.id not in new_kpis]
    for kpi in new.kpis:
        if kpi.id in old_kpis:
            changed_kpi = _kpi_diff(old_kpis[kpi.id], kpi)
            if changed_kpi:
                diff.kpis_changed.append(changed_kpi)
    old_data, new_data = old.model_dump(), new.model_dump()
    for name in Process.model_fields:
        if name in ("id", "version", "changelog", "steps", "kpis"):
            continue
        before, after = old_data[name], new_data[name]
        if name == "review" and before and after:  # only the interval: `last` records a review, not a change
            before, after = before["every"], after["every"]
        if before != after:
            diff.fields.append(_field_change(name, before, after))
    return diff
