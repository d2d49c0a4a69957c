"""The typed model of a process manual: processes and the four catalogs (pydantic v2).

The model checks shape and types; cross-references and the methodology's rules live in
:mod:`.validate`. Every field carries a description and examples: they become the JSON Schema
that editors use for autocompletion (`process-manual schema`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from .durations import Duration, parse_duration

STEP_KINDS = ("task", "decision", "subprocess", "archive", "end")
STATUSES = ("draft", "effective", "retired")

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
VERSION_PATTERN = r"^\d+(\.\d+){0,2}$"


def _one_or_many(value: Any) -> Any:
    """`responsible: applicant` and `responsible: [applicant, clerk]` both mean a list of roles."""
    return [value] if isinstance(value, str) else value


def _empty_as_none(value: Any) -> Any:
    return None if value == "" else value


ProcessId = Annotated[str, Field(pattern=ID_PATTERN, examples=["ADM-004"])]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
RoleId = Annotated[str, Field(pattern=SLUG_PATTERN, examples=["dept-head"])]
RoleRef = Annotated[str, Field(min_length=1, json_schema_extra={"pattern": SLUG_PATTERN}, examples=["dept-head"])]
"""A role named by a process. Any text is read, so that the validator can say *why* it is wrong
("相关部门" is a vague owner, "byuer" an unknown role) instead of failing the whole file on a pattern;
editors still get the id pattern from the JSON Schema."""
_ROLE_SCHEMA = {"type": "string", "minLength": 1, "pattern": SLUG_PATTERN}
RoleList = Annotated[list[RoleRef], BeforeValidator(_one_or_many),
                     WithJsonSchema({"anyOf": [_ROLE_SCHEMA, {"type": "array", "items": _ROLE_SCHEMA}]})]
"""One role id or a list of them (the schema must accept both, as the model does)."""
Text = Annotated[str, Field(min_length=1)]
Number = int | Annotated[float, Field(allow_inf_nan=False)]


class Strict(BaseModel):
    """Unknown keys are errors (with a "did you mean" from the validator), never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class Branch(Strict):
    when: Text = Field(description="The outcome that takes this branch; shown on the arrow.",
                       examples=["approved", "returned for changes"])
    next: Slug = Field(description="The id of the step this branch leads to.", examples=["archive"])


class Step(Strict):
    id: Slug = Field(description="Short id, unique in the process; the step's anchor on the page.",
                     examples=["submit", "first-review"])
    name: Text | None = Field(None, description="What is done, as a short imperative phrase.",
                              examples=["Submit the approval request"])
    kind: Literal["task", "decision", "subprocess", "archive", "end"] = Field(
        "task", description="task = activity (box), decision = diamond with branches, subprocess = "
        "runs another process (box with side bars), archive = storage (cylinder), end = end event.")
    responsible: RoleList = Field(default_factory=list,
                                  description="Role id(s) that do the step (R). Required except for `end`.",
                                  examples=["applicant", ["sales-rep", "sales-manager"]])
    accountable: RoleRef | None = Field(None, description="The one role accountable for the step (A). "
                                       "Defaults to the responsible role when there is exactly one.")
    consulted: RoleList = Field(default_factory=list, description="Role ids consulted before or during the step (C).")
    informed: RoleList = Field(default_factory=list, description="Role ids informed of the result (I).")
    within: Annotated[Text | None, BeforeValidator(_empty_as_none)] = Field(
        None, description="Time limit, free text; durations such as '2 working days', '24 hours', "
        "'3个工作日' or '提前3天' are recognised.", examples=["1 working day", "3个工作日"])
    forms: list[Slug] = Field(default_factory=list, description="Form ids from _forms.yml used at this step.",
                              examples=[["approval-request"]])
    outputs: list[Text] = Field(default_factory=list, description="What this step produces.")
    details: Text | None = Field(None, description="How to do the step, in Markdown.")
    next: Slug | None = Field(None, description="The id of the following step (not for decision or end).")
    branches: list[Branch] = Field(default_factory=list, description="Decision only: the outcomes, two or more.")
    process: ProcessId | None = Field(None, description="Subprocess only: the id of the process this step runs.")

    @property
    def title(self) -> str:
        return self.name or self.id.replace("-", " ").replace("_", " ").capitalize()

    @property
    def accountable_role(self) -> str | None:
        if self.accountable:
            return self.accountable
        return self.responsible[0] if len(self.responsible) == 1 else None

    @property
    def duration(self) -> Duration | None:
        return parse_duration(self.within) if self.within else None

    def targets(self) -> list[str]:
        """Ids of the steps that can follow this one."""
        return [b.next for b in self.branches] + ([self.next] if self.next else [])


class Review(Strict):
    every: Text = Field(description="Review interval.", examples=["12 months", "2 years", "12个月"])
    last: dt.date = Field(description="Date of the last review (YYYY-MM-DD).")


class Kpi(Strict):
    id: Slug = Field(description="Short id, unique in the process.", examples=["cycle-time"])
    name: Text
    definition: Text | None = None
    formula: Text | None = None
    unit: Text | None = None
    target: Number | Text | None = Field(None, description="The level the process must reach (目标值).")
    goal: Number | Text | None = Field(None, description="The stretch level aimed for (挑战值).")
    frequency: Text | None = Field(None, examples=["monthly"])
    owner: RoleRef | None = None


class Risk(Strict):
    risk: Text
    control: Text
    step: Slug | None = Field(None, description="The id of the step where the control applies.")


class Faq(Strict):
    q: Text
    a: Text


class ChangeEntry(Strict):
    version: Annotated[str, Field(pattern=VERSION_PATTERN, examples=["2.1"])]
    date: dt.date
    author: Text
    approved_by: Text | None = None
    change: Text
    request: Text | None = Field(None, description="The change request id.", examples=["CR-2026-014"])


class Process(Strict):
    id: ProcessId = Field(description="Stable document number, unique in the handbook.")
    title: Text
    area: Slug = Field(description="A leaf area id from _areas.yml.")
    version: Annotated[str, Field(pattern=VERSION_PATTERN, description="Quoted: \"2.1\".", examples=["2.1"])]
    status: Literal["draft", "effective", "retired"] = "draft"
    owner: RoleRef = Field(description="The role id of the process owner.")
    effective: dt.date | None = Field(None, description="Date this version takes effect.")
    review: Review | None = None
    purpose: Text | None = None
    scope: Text | None = None
    triggers: list[Text] = Field(default_factory=list)
    inputs: list[Text] = Field(default_factory=list)
    outputs: list[Text] = Field(default_factory=list)
    related: list[ProcessId] = Field(default_factory=list, description="Upstream and downstream process ids.")
    references: list[Text] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1, description="The steps; the first is where the process starts.")
    kpis: list[Kpi] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    faq: list[Faq] = Field(default_factory=list)
    changelog: list[ChangeEntry] = Field(min_length=1, description="Oldest first; the newest entry is `version`.")

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def last_change(self) -> ChangeEntry:
        return self.changelog[-1]


class Role(Strict):
    id: RoleId
    name: Text
    department: Text | None = None
    description: Text | None = None
    team: Text | None = Field(None, description="Code-hosting team that approves changes, e.g. @org/admin.")


class Form(Strict):
    id: Slug
    name: Text
    owner: RoleRef | None = None
    retention: Text | None = Field(None, examples=["3 years"])
    naming: Text | None = Field(None, examples=["TYPE-YEAR-NUMBER"])
    description: Text | None = None


class Area(Strict):
    id: Slug
    name: Text
    owner: RoleRef | None = None
    description: Text | None = None
    children: list[Area] = Field(default_factory=list)


class Term(Strict):
    term: Text
    definition: Text
    synonyms: list[Text] = Field(default_factory=list, description="Non-standard names to avoid.")


class RolesCatalog(Strict):
    roles: list[Role]


class FormsCatalog(Strict):
    forms: list[Form]


class AreasCatalog(Strict):
    areas: list[Area]


class Glossary(Strict):
    terms: list[Term]


CATALOGS: dict[str, type[Strict]] = {
    "_roles.yml": RolesCatalog,
    "_forms.yml": FormsCatalog,
    "_areas.yml": AreasCatalog,
    "_glossary.yml": Glossary,
}
