"""What one process says about its own work: decisions that decide, one letter per role and step (RACI),
outputs for its inputs, indicators someone measures.

Sources (reference/rule-inventory.md): the method's "clear up the procedure" (理清程序: no input without an
output), the decision diamond with its outcomes, the usual RACI rules, the indicator dictionary (指标字典).
"""

from __future__ import annotations

from collections.abc import Iterator

from process_manual.core.model import Step
from process_manual.core.problems import Problem, ProblemAt
from process_manual.load.handbook import ProcessSource
from process_manual.load.yamlload import Loc

LETTERS = {"responsible": "R", "accountable": "A", "consulted": "C", "informed": "I"}
_SHARED = frozenset({"R", "A"})
"""The one pair of letters a role may hold at one step: it does the work and answers for it."""


def check_process_logic(source: ProcessSource) -> Iterator[Problem]:
    process, p = source.process, source.doc.problem
    if process.inputs and not process.outputs and "outputs" not in source.broken:
        yield p(
            ("inputs",),
            f"the process takes {len(process.inputs)} input(s) but names no output",
            "add `outputs:` with what the process delivers",
            rule="input-without-output",
            at_key=True,
        )
    for i, step in enumerate(process.steps):
        at = ("steps", i)
        if step.kind == "decision":
            yield from _check_decision(step, at, p)
        if step.kind != "end":
            yield from _check_raci(step, at, p)
    for i, kpi in enumerate(process.kpis):
        missing = [key for key in ("owner", "frequency") if getattr(kpi, key) is None]
        if missing:
            yield p(
                ("kpis", i),
                f"KPI '{kpi.id}' has no {' and no '.join(missing)}",
                "add " + " and ".join(f"`{key}:`" for key in missing) + ": who measures it, and how often",
                rule="kpi-incomplete",
            )


def _check_decision(step: Step, at: Loc, p: ProblemAt) -> Iterator[Problem]:
    for j, branch in enumerate(step.branches):
        if branch.next == step.id:
            yield p(
                (*at, "branches", j, "next"),
                f"branch '{branch.when}' of decision '{step.id}' leads back to the decision itself",
                "lead it to the step that acts on this outcome (e.g. one that gets what is missing)",
                rule="decision-without-choice",
            )
    targets = [b.next for b in step.branches]
    if len(targets) >= 2 and len(set(targets)) == 1:
        yield p(
            (*at, "branches", len(targets) - 1, "next"),
            f"decision '{step.id}' decides nothing: all {len(targets)} branches lead to '{targets[0]}'",
            "lead each outcome to the step that follows it, or make the step a task with `next`",
            rule="decision-without-choice",
        )


def _check_raci(step: Step, at: Loc, p: ProblemAt) -> Iterator[Problem]:
    """Each role holds one letter at a step (R and A together allowed); reported at the later mention, in the
    order R, A, C, I — the one to take out."""
    held: dict[str, list[str]] = {}
    if step.accountable is None and len(step.responsible) == 1:
        held[step.responsible[0]] = ["A"]  # the implicit accountable role (model.Step.accountable_role)
    for key, loc, role in _mentions(step, at):
        letter = LETTERS[key]
        letters = held.setdefault(role, [])
        if letter in letters:  # only a list names a role twice (an implicit A is seeded only without `accountable`)
            yield p(
                loc,
                f"'{role}' is listed twice under `{key}` of step '{step.id}'",
                "name each role once",
                rule="raci-conflict",
            )
            continue
        if letters and not set(letters) | {letter} <= _SHARED:
            before = "/".join(sorted(letters, key="RACI".index))
            yield p(
                loc,
                f"'{role}' is already {before} at step '{step.id}' and is also {letter} ({key})",
                f"remove '{role}' from `{key}`: a role holds one letter per step (only R and A may be one role)",
                rule="raci-conflict",
            )
        letters.append(letter)


def _mentions(step: Step, at: Loc) -> Iterator[tuple[str, Loc, str]]:
    for j, role in enumerate(step.responsible):
        yield "responsible", (*at, "responsible", j), role
    if step.accountable:
        yield "accountable", (*at, "accountable"), step.accountable
    for key in ("consulted", "informed"):
        for j, role in enumerate(getattr(step, key)):
            yield key, (*at, key, j), role
