"""What a pull request does to the references of the handbook: for each process it deletes, retires or
renames, and each step it removes or renames, every file that still refers to it — at the reference.

A reference left pointing at nothing (a deleted process, a changed id, a step removed without a
`removed_steps` entry) is an error; one that still lands but may now say something untrue (a retired or
renamed process, a renamed step, a removed step recorded in `removed_steps`) is a warning. References
are those of the working tree: Markdown texts of processes, catalogs, translations and pages, and the
`related`, sub-process and reading-path ids (check/refindex.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from process_manual.check.refindex import Occurrence, ReferenceIndex
from process_manual.core.problems import Problem
from process_manual.core.refsyntax import Reference
from process_manual.core.rules import make_problem
from process_manual.load.docpages import DocPage
from process_manual.load.handbook import Handbook

_READ = "read what the text says around the link: an own link text or the sentence may now be wrong"


@dataclass(frozen=True)
class Effect:
    """What the change did to one process or step, as a reference to it should be told."""

    rule: str
    what: str
    """`deletes`, `retires`, `renames from 'a' to 'b'`, ...: completes "which this change ..."."""
    fix: str


@dataclass
class Effects:
    processes: dict[str, Effect] = field(default_factory=dict)
    steps: dict[tuple[str, str], Effect] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.processes or self.steps)


def _steps(data: dict[str, Any]) -> dict[str, str]:
    """Step id -> name (or id) of a process file's raw data."""
    steps = data.get("steps")
    found: dict[str, str] = {}
    for step in steps if isinstance(steps, list) else []:
        if isinstance(step, dict) and isinstance(step.get("id"), str):
            found.setdefault(step["id"], str(step.get("name") or step["id"]))
    return found


def changed_targets(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]], gone: Iterable[dict[str, Any]]) -> Effects:
    """What the change does to the targets of references: `pairs` are (base, working tree) data of the same
    process, `gone` the base data of processes the working tree no longer has."""
    effects = Effects()
    for base in gone:
        pid = str(base.get("id", ""))
        effects.processes[pid] = Effect(
            rule="reference-broken-by-change",
            what="deletes",
            fix="remove the reference, or point it at the process that takes over",
        )
    for base, current in pairs:
        pid, new_id = str(base.get("id", "")), str(current.get("id", ""))
        if pid != new_id:
            effects.processes[pid] = Effect(
                rule="reference-broken-by-change", what=f"renumbers to {new_id}", fix=f"keep the id {pid}"
            )
            continue
        if current.get("status") == "retired" and base.get("status") != "retired":
            successor = current.get("replaced_by")
            fix = f"link [[{successor}]] instead" if successor else "link the process that applies now"
            effects.processes[pid] = Effect(rule="reference-touched-by-change", what="retires", fix=fix)
        elif base.get("title") != current.get("title"):
            what = f"renames from '{base.get('title')}' to '{current.get('title')}'"
            effects.processes[pid] = Effect(rule="reference-touched-by-change", what=what, fix=_READ)
        old_steps, new_steps = _steps(base), _steps(current)
        recorded = current.get("removed_steps")
        removed: dict[str, Any] = recorded if isinstance(recorded, dict) else {}
        for step_id, name in old_steps.items():
            if step_id not in new_steps:
                if step_id in removed:
                    then = removed[step_id]
                    said = f" (removed_steps leads it to '{then}')" if then else " (recorded in removed_steps)"
                    fix = f"link [[{pid}#{then}]] instead" if then else f"link [[{pid}]]"
                    effects.steps[(pid, step_id)] = Effect(
                        rule="reference-touched-by-change", what=f"removes{said}", fix=fix
                    )
                else:
                    effects.steps[(pid, step_id)] = Effect(
                        rule="reference-broken-by-change",
                        what="removes",
                        fix=f"link another step, or record it in {pid}'s `removed_steps: {{{step_id}: <the step that "
                        "takes over>}}` so that old links still land",
                    )
            elif new_steps[step_id] != name:
                what = f"renames from '{name}' to '{new_steps[step_id]}'"
                effects.steps[(pid, step_id)] = Effect(rule="reference-touched-by-change", what=what, fix=_READ)
    return effects


def _effect_on(occurrence: Occurrence, ref: Reference, effects: Effects) -> tuple[Effect, str] | None:
    """The effect the change has on what `ref` names, and how to say what it names."""
    pid = ref.target or occurrence.here or ""
    if ref.kind == "step" and (pid, ref.anchor) in effects.steps:
        return effects.steps[(pid, ref.anchor)], f"step '{ref.anchor}' of {pid}"
    if ref.kind in ("process", "step", "kpi") and pid in effects.processes:
        if occurrence.here == pid:  # a process's own texts about itself
            return None
        return effects.processes[pid], pid
    return None


def referring_problems(handbook: Handbook, pages: Iterable[DocPage], effects: Effects) -> list[Problem]:
    """Every reference in the working tree to a target the change touches, at the reference."""
    if not effects:
        return []
    problems = []
    for occurrence, ref in ReferenceIndex.build(handbook, pages).references():
        found = _effect_on(occurrence, ref, effects)
        if found is None:
            continue
        effect, named = found
        line, column = occurrence.position
        shown = ref.written if not occurrence.structured else f"'{ref.target}'"
        message = f"{shown} refers to {named}, which this change {effect.what}"
        problems.append(make_problem(effect.rule, occurrence.place.shown_path, line, column, message, effect.fix))
    return problems
