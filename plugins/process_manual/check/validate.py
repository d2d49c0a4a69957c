"""The methodology as checks: every problem of every file, in one run.

Each `_check_*` function looks at one concern and yields problems; :func:`validate` runs them all
over a loaded :class:`Handbook` and returns the problems sorted by file and line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from process_manual.check.duplicates import duplicate_ids
from process_manual.check.hygiene import check_hygiene
from process_manual.check.lifecycle import check_change_control, check_dates, check_references_in_force
from process_manual.check.onboarding import check_onboarding
from process_manual.check.policy import apply_policy, read_policy
from process_manual.check.steps_logic import check_process_logic
from process_manual.check.timelimits import check_time_limit
from process_manual.check.translations import check_languages, check_translations
from process_manual.check.wording import check_wording
from process_manual.core import flowgraph
from process_manual.core.clock import today
from process_manual.core.durations import add_interval, parse_duration
from process_manual.core.model import Process, Step
from process_manual.core.problems import Problem, ProblemAt, sort_problems
from process_manual.core.suggest import did_you_mean
from process_manual.load.handbook import Handbook, ProcessSource
from process_manual.load.yamlload import Loc

DEFAULT_VAGUE_OWNERS = (
    "relevant department",
    "relevant departments",
    "related departments",
    "concerned departments",
    "all departments",
    "relevant personnel",
    "relevant staff",
    "responsible department",
    "相关部门",
    "有关部门",
    "各部门",
    "相关人员",
    "有关人员",
    "相关单位",
    "有关单位",
    "相關部門",
    "有關部門",
    "相關人員",
    "有關人員",
    "各部門",
    "相關單位",
    "有關單位",  # traditional characters
)


@dataclass
class Settings:
    vague_owners: tuple[str, ...] = DEFAULT_VAGUE_OWNERS
    today: dt.date = field(default_factory=lambda: today())
    max_steps: int = 60
    """Beyond this a flowchart stops being readable (and Mermaid's size limits come near): a warning."""
    docs_dir: Path | None = None
    """The hand-written pages (MkDocs' docs_dir): pages named by reading paths must exist there. None: not
    checked (`process-manual validate` without `--docs`)."""
    shown_base: Path | None = None
    """Paths in messages about docs pages are shown relative to this folder (default: absolute)."""


@functools.lru_cache(maxsize=8192)
def vague_word(text: str, words: tuple[str, ...]) -> str | None:
    """The first of `words` that `text` contains. Cached: the same few role ids recur thousands of times."""
    normalized = re.sub(r"[-_\s]+", " ", text).lower()
    return next((w for w in words if w.lower() in normalized), None)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def validate(handbook: Handbook, settings: Settings | None = None) -> list[Problem]:
    """Every problem of the handbook, at the severities its _handbook.yml gives their rules."""
    settings = settings or Settings()
    policy, problems = read_policy(handbook)
    if policy.vague_owners:
        settings = dataclasses.replace(settings, vague_owners=settings.vague_owners + policy.vague_owners)
    problems += handbook.problems
    problems += _check_catalogs(handbook, settings)
    problems += _check_unique_process_ids(handbook)
    known_ids = _process_ids(handbook)  # once per run: per process it would make the check quadratic
    for source in handbook.processes:
        problems += _check_process(handbook, source, settings, known_ids)
    problems += check_references_in_force(handbook)
    problems += check_hygiene(handbook, lambda text: vague_word(text, settings.vague_owners) is not None)
    problems += check_wording(handbook, settings.vague_owners)
    problems += check_onboarding(handbook, known_ids, settings.docs_dir, settings.shown_base)
    problems += check_languages(handbook)
    problems += check_translations(handbook)
    return sort_problems(apply_policy(problems, policy))


def _as_list(value: object) -> list:
    """A catalog's raw list (the typed catalog may have failed: its problems are already reported)."""
    return value if isinstance(value, list) else []


def _check_catalogs(handbook: Handbook, settings: Settings) -> Iterator[Problem]:
    roles_doc = handbook.catalog_docs.get("_roles.yml")
    if roles_doc is not None and isinstance(roles_doc.data, dict):
        roles = [(("roles", i), r) for i, r in enumerate(_as_list(roles_doc.data.get("roles"))) if isinstance(r, dict)]
        yield from duplicate_ids(roles_doc.problem, "role", [(at, str(role.get("id", ""))) for at, role in roles])
        for (_, i), role in roles:
            role_id, name = str(role.get("id", "")), str(role.get("name", ""))
            if vague_word(f"{role_id} {name}", settings.vague_owners):
                yield roles_doc.problem(
                    ("roles", i, "name"),
                    f"role '{role_id}' is a vague owner (its name is '{name}')",
                    "define one definite role or position that does the work",
                    rule="vague-owner",
                )
    forms_doc = handbook.catalog_docs.get("_forms.yml")
    if forms_doc is not None and isinstance(forms_doc.data, dict):
        forms = [(("forms", i), f) for i, f in enumerate(_as_list(forms_doc.data.get("forms"))) if isinstance(f, dict)]
        yield from duplicate_ids(forms_doc.problem, "form", [(at, form.get("id")) for at, form in forms])
        for (_, i), form in forms:
            if isinstance(form.get("owner"), str):
                yield from _check_role(handbook, form["owner"], ("forms", i, "owner"), forms_doc.problem, settings)
    areas_doc = handbook.catalog_docs.get("_areas.yml")
    if areas_doc is not None:
        areas = list(_areas_in(areas_doc.data.get("areas") if isinstance(areas_doc.data, dict) else None, ("areas",)))
        yield from duplicate_ids(areas_doc.problem, "area", [(at, area.get("id")) for at, area in areas])
        for at, area in areas:
            if isinstance(area.get("owner"), str):
                yield from _check_role(handbook, area["owner"], (*at, "owner"), areas_doc.problem, settings)


def _areas_in(areas: object, loc: Loc) -> Iterator[tuple[Loc, dict]]:
    """Every area of the architecture with its position, depth first (children after their parent)."""
    if not isinstance(areas, list):
        return
    for i, area in enumerate(areas):
        if isinstance(area, dict):
            yield (*loc, i), area
            yield from _areas_in(area.get("children"), (*loc, i, "children"))


def _check_unique_process_ids(handbook: Handbook) -> Iterator[Problem]:
    first: dict[str, ProcessSource] = {}
    for source in handbook.processes:
        pid = source.process.id
        if pid in first:
            other = first[pid]
            line = other.doc.where(("id",)).line
            yield source.doc.problem(
                ("id",),
                f"process id '{pid}' is already used by {other.path}:{line}",
                "give this process its own document number",
                rule="duplicate-id",
            )
        else:
            first[pid] = source


def _process_ids(handbook: Handbook) -> set[str]:
    """Every process id in the handbook, including files too broken to load (already reported)."""
    return {s.process.id for s in handbook.processes} | set(handbook.unloaded_ids)


def _unknown(kind: str, value: str, known: Iterable[str], problem: ProblemAt, loc: Loc) -> Problem:
    catalog = {"role": "_roles.yml", "form": "_forms.yml", "area": "_areas.yml"}.get(kind)
    fix = did_you_mean(value, known, f"add it to {catalog}" if catalog else f"use an existing {kind} id")
    found: Problem = problem(loc, f"unknown {kind} '{value}'", fix, rule=f"unknown-{kind}")
    return found


def _check_process(
    handbook: Handbook, source: ProcessSource, settings: Settings, known_ids: set[str]
) -> Iterator[Problem]:
    process, doc = source.process, source.doc
    p = doc.problem
    if len(process.steps) > settings.max_steps:
        yield p(
            ("steps",),
            f"the process has {len(process.steps)} steps, more than a readable flowchart holds ({settings.max_steps})",
            "split it into sub-processes (`kind: subprocess`)",
            rule="too-many-steps",
            at_key=True,
        )
    node = handbook.areas.get(process.area)
    if node is None:
        if handbook.areas:
            yield _unknown("area", process.area, handbook.areas, p, ("area",))
    elif node.area.children:
        leaves = ", ".join(c.id for c in node.area.children)
        yield p(
            ("area",),
            f"area '{process.area}' is a group of areas, not a leaf",
            f"use one of: {leaves}",
            rule="area-not-leaf",
        )
    yield from _check_role(handbook, process.owner, ("owner",), p, settings)
    for i, related in enumerate(process.related):
        if related == process.id:
            yield p(
                ("related", i),
                "a process cannot be related to itself",
                "remove it from `related`",
                rule="self-reference",
            )
        elif related not in known_ids:
            yield _unknown("process", related, known_ids, p, ("related", i))
    yield from _check_steps(handbook, source, settings, known_ids)
    yield from _check_graph(source)
    yield from _check_outputs(source)
    yield from _check_changelog(source, settings)
    yield from _check_review(source, settings)
    yield from _check_kpis(handbook, source, settings)
    yield from check_process_logic(source)
    yield from check_change_control(source, settings.today)
    yield from check_dates(source, settings.today)
    step_ids = {s.id for s in process.steps}
    for i, risk in enumerate(process.risks):
        if risk.step and risk.step not in step_ids:
            yield _unknown("step", risk.step, step_ids, p, ("risks", i, "step"))


def _check_role(
    handbook: Handbook, role_id: str, loc: Loc, problem: ProblemAt, settings: Settings
) -> Iterator[Problem]:
    role = handbook.roles.get(role_id)
    fix = "name the one definite role (a position in _roles.yml) that does the work"
    if vague_word(role_id, settings.vague_owners):
        yield problem(loc, f"'{role_id}' is a vague owner, not a role", fix, rule="vague-owner")
    elif role is not None and vague_word(role.name, settings.vague_owners):
        yield problem(loc, f"role '{role_id}' is a vague owner (its name is '{role.name}')", fix, rule="vague-owner")
    elif role is None and handbook.roles:
        yield _unknown("role", role_id, handbook.roles, problem, loc)


def _check_steps(
    handbook: Handbook, source: ProcessSource, settings: Settings, process_ids: set[str]
) -> Iterator[Problem]:
    process, p = source.process, source.doc.problem
    step_ids = {s.id for s in process.steps}
    yield from duplicate_ids(
        p, "step", [(("steps", i), s.id) for i, s in enumerate(process.steps)], within="in this process"
    )
    for i, step in enumerate(process.steps):
        at = ("steps", i)
        yield from _check_step_kind(step, at, p)
        for key in ("responsible", "consulted", "informed"):
            for j, role_id in enumerate(getattr(step, key)):
                yield from _check_role(handbook, role_id, (*at, key, j), p, settings)
        if step.accountable:
            yield from _check_role(handbook, step.accountable, (*at, "accountable"), p, settings)
        if step.kind != "end":
            if not step.responsible:
                yield p(
                    at,
                    f"step '{step.id}' has no responsible role",
                    "add `responsible: <role id>`",
                    rule="no-responsible",
                )
            elif step.accountable_role is None:
                yield p(
                    (*at, "responsible"),
                    f"step '{step.id}' has {len(step.responsible)} responsible roles and no accountable one",
                    "add `accountable:` with the one role that answers for the step",
                    rule="no-accountable",
                )
        if step.within is not None:
            yield from check_time_limit(step.within, (*at, "within"), p)
        for j, form_id in enumerate(step.forms):
            if handbook.forms and form_id not in handbook.forms:
                yield _unknown("form", form_id, handbook.forms, p, (*at, "forms", j))
        for j, target in enumerate(step.targets()):
            if target not in step_ids:
                loc = (*at, "branches", j, "next") if j < len(step.branches) else (*at, "next")
                yield _unknown("step", target, step_ids, p, loc)
        if step.process:
            if step.process == process.id:
                yield p(
                    (*at, "process"),
                    "a sub-process step cannot run its own process",
                    "name another process, or loop with `next`",
                    rule="self-reference",
                )
            elif step.process not in process_ids:
                yield _unknown("process", step.process, process_ids, p, (*at, "process"))


def _check_step_kind(step: Step, at: Loc, p: ProblemAt) -> Iterator[Problem]:
    kind = step.kind
    if kind == "end":
        roles = [key for key in ("responsible", "accountable", "consulted", "informed") if getattr(step, key)]
        if roles:
            yield p(
                (*at, roles[0]),
                f"end step '{step.id}' names roles ({', '.join(roles)})",
                "an end is an event, not an activity: remove its roles",
                rule="step-kind",
            )
        if step.next or step.branches:
            yield p(
                (*at, "next") if step.next else (*at, "branches"),
                f"end step '{step.id}' has a next step",
                "remove `next`/`branches`, or make it a task",
                rule="step-kind",
            )
    elif kind == "decision":
        if step.next:
            yield p(
                (*at, "next"),
                f"decision '{step.id}' uses `next`",
                "list its outcomes under `branches` instead",
                rule="step-kind",
            )
        if len(step.branches) < 2:
            yield p(
                (*at, "branches") if step.branches else at,
                f"decision '{step.id}' has {'only one branch' if step.branches else 'no branches'}",
                "a decision needs at least two `branches`, each with `when` and `next`",
                rule="step-kind",
            )
        labels: dict[str, int] = {}
        for j, branch in enumerate(step.branches):
            label = branch.when.casefold()
            if label in labels:
                yield p(
                    (*at, "branches", j, "when"),
                    f"branch label '{branch.when}' is used twice in '{step.id}'",
                    "give each outcome its own label",
                    rule="step-kind",
                )
            labels[label] = j
    else:
        if step.branches:
            yield p(
                (*at, "branches"),
                f"{kind} step '{step.id}' has branches",
                "only a `kind: decision` step branches; use `next`",
                rule="step-kind",
            )
        if not step.next:
            yield p(
                at,
                f"{kind} step '{step.id}' is a dead end: it has no `next`",
                "add `next: <step id>`; to finish the process here, lead it to a `kind: end` step",
                rule="dead-end",
            )
    if kind == "subprocess" and not step.process:
        yield p(
            at,
            f"sub-process step '{step.id}' does not say which process it runs",
            "add `process: <process id>`",
            rule="step-kind",
        )
    if kind != "subprocess" and step.process:
        yield p(
            (*at, "process"),
            f"step '{step.id}' names a process but is a {kind}",
            "add `kind: subprocess`",
            rule="step-kind",
        )


def _open_steps(process: Process) -> set[str]:
    """Steps whose continuation is missing or unknown (reported by the step checks)."""
    known = {s.id for s in process.steps}
    found = set()
    for step in process.steps:
        missing = step.kind in ("task", "subprocess", "archive") and not step.next
        if missing or (step.kind == "decision" and len(step.branches) < 2) or set(step.targets()) - known:
            found.add(step.id)
    return found


def _check_graph(source: ProcessSource) -> Iterator[Problem]:
    process, p = source.process, source.doc.problem
    index: dict[str, int] = {}
    for i, s in enumerate(process.steps):
        index.setdefault(s.id, i)
    if not any(s.kind == "end" for s in process.steps):
        yield p(
            ("steps",),
            "the process has no end step",
            "add a step with `kind: end` and lead the last step to it",
            rule="no-end-step",
        )
        return
    open_steps = _open_steps(process)
    graph = flowgraph.successors(process)
    if not open_steps:  # with a next missing or unknown, what is unreachable is not yet known
        reachable = flowgraph.reachable_from_start(process, graph)
        for i, step in enumerate(process.steps):
            if step.id not in reachable:
                yield p(
                    ("steps", i, "id"),
                    f"step '{step.id}' cannot be reached from the first step '{process.steps[0].id}'",
                    "lead a `next` or branch to it, or remove it",
                    rule="unreachable-step",
                )
    for loop in flowgraph.dead_loops(process, graph, flowgraph.can_finish(process, graph, open_steps)):
        cycle = " → ".join([*loop, loop[0]])
        yield p(
            ("steps", index[loop[0]], "id"),
            f"dead loop: {cycle} never reaches an end step",
            "give one of these steps a branch that leads on towards an end",
            rule="dead-loop",
        )


def _check_outputs(source: ProcessSource) -> Iterator[Problem]:
    """Every process output is produced by a step — judged only when the steps say what they produce.

    Step-level `outputs` is an extension of the contract: a file written to the contract (process outputs,
    no step outputs) is not asked for them; once any step lists outputs, the process's must all be there.
    """
    process, p = source.process, source.doc.problem
    produced = {o.casefold() for s in process.steps for o in s.outputs}
    if not produced:
        return
    for i, output in enumerate(process.outputs):
        if output.casefold() not in produced:
            yield p(
                ("outputs", i),
                f"output '{output}' is not produced by any step",
                "list it under `outputs` of the step that produces it",
                rule="output-not-produced",
            )


def _check_changelog(source: ProcessSource, settings: Settings) -> Iterator[Problem]:
    process, p = source.process, source.doc.problem
    entries = process.changelog
    for i, entry in enumerate(entries):
        at = ("changelog", i)
        if entry.date > settings.today:
            yield p(
                (*at, "date"),
                f"change-log date {entry.date} is in the future",
                "date the entry when it is approved",
                rule="future-date",
            )
        if i == 0:
            continue
        before = entries[i - 1]
        if _version_key(entry.version) <= _version_key(before.version):
            yield p(
                (*at, "version"),
                f"change-log version {entry.version} is not higher than the previous entry's {before.version}",
                "list the change log oldest first, each version higher than the one before",
                rule="changelog-order",
            )
        if entry.date < before.date:
            yield p(
                (*at, "date"),
                f"change-log date {entry.date} is before the previous entry's {before.date}",
                "list the change log oldest first",
                rule="changelog-order",
            )
    newest = entries[-1]
    if newest.version != process.version:
        yield p(
            ("version",),
            f'version "{process.version}" has no change-log entry (the newest is "{newest.version}")',
            "add a change-log entry for this version at the end of `changelog`",
            rule="version-not-in-changelog",
        )


def _check_review(source: ProcessSource, settings: Settings) -> Iterator[Problem]:
    process, p = source.process, source.doc.problem
    if process.review is None:
        if process.status == "effective" and "review" not in source.broken:
            yield p(
                (),
                "no periodic review is planned",
                "add `review: {every: 12 months, last: YYYY-MM-DD}`",
                rule="no-review",
            )
        return
    interval = parse_duration(process.review.every)
    if interval is None or interval.unit not in ("day", "working_day", "week", "month", "year") or interval.amount < 1:
        yield p(
            ("review", "every"),
            f"'{process.review.every}' is not a review interval",
            "write a whole number of days, weeks, months or years, e.g. '12 months'",
            rule="review-interval",
        )
        return
    due = add_interval(process.review.last, interval)
    if due == dt.date.max:  # beyond the calendar
        yield p(
            ("review", "every"),
            f"'{process.review.every}' is too long for a review interval",
            "review at least every few years, e.g. '2 years'",
            rule="review-interval",
        )
        return
    if process.review.last > settings.today:
        yield p(
            ("review", "last"),
            f"the last review date {process.review.last} is in the future",
            "give the date the review happened",
            rule="future-date",
        )
    elif due < settings.today and process.status != "retired":
        yield p(
            ("review", "last"),
            f"review overdue since {due} (every {process.review.every}, last {process.review.last})",
            "review the process and update `review.last`",
            rule="review-overdue",
        )


def _check_kpis(handbook: Handbook, source: ProcessSource, settings: Settings) -> Iterator[Problem]:
    process, p = source.process, source.doc.problem
    yield from duplicate_ids(
        p, "KPI", [(("kpis", i), k.id) for i, k in enumerate(process.kpis)], within="in this process"
    )
    for i, kpi in enumerate(process.kpis):
        if kpi.target is None:
            yield p(
                ("kpis", i),
                f"KPI '{kpi.id}' has no target",
                "add `target:` (the level the process must reach)",
                rule="kpi-without-target",
            )
        if kpi.owner:
            yield from _check_role(handbook, kpi.owner, ("kpis", i, "owner"), p, settings)
