"""The typed model of a process manual: processes and the four catalogs (pydantic v2).

The model checks shape and types; cross-references and the methodology's rules live in
:mod:`.validate`. Every field carries a description and examples: they become the JSON Schema
that editors use for autocompletion (`process-manual schema`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from process_manual.core.durations import Duration, parse_duration

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
RoleList = Annotated[
    list[RoleRef],
    BeforeValidator(_one_or_many),
    WithJsonSchema({"anyOf": [_ROLE_SCHEMA, {"type": "array", "items": _ROLE_SCHEMA}]}),
]
"""One role id or a list of them (the schema must accept both, as the model does)."""
Text = Annotated[str, Field(min_length=1)]
Number = int | Annotated[float, Field(allow_inf_nan=False)]


class Strict(BaseModel):
    """Unknown keys are errors (with a "did you mean" from the validator), never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class Branch(Strict):
    when: Text = Field(
        description="The outcome that takes this branch; shown on the arrow.",
        examples=["approved", "returned for changes"],
    )
    next: Slug = Field(description="The id of the step this branch leads to.", examples=["archive"])


class Step(Strict):
    id: Slug = Field(
        description="Short id, unique in the process; the step's anchor on the page.",
        examples=["submit", "first-review"],
    )
    name: Text | None = Field(
        None, description="What is done, as a short imperative phrase.", examples=["Submit the approval request"]
    )
    kind: Literal["task", "decision", "subprocess", "archive", "end"] = Field(
        "task",
        description="task = activity (box), decision = diamond with branches, subprocess = "
        "runs another process (box with side bars), archive = storage (cylinder), end = end event.",
        examples=["decision", "end"],
    )
    responsible: RoleList = Field(
        default_factory=list,
        description="Role id(s) that do the step (R). Required except for `end`.",
        examples=["applicant", ["sales-rep", "sales-manager"]],
    )
    accountable: RoleRef | None = Field(
        None,
        description="The one role accountable for the step (A). "
        "Defaults to the responsible role when there is exactly one.",
        examples=["dept-head"],
    )
    consulted: RoleList = Field(
        default_factory=list,
        description="Role ids consulted before or during the step (C).",
        examples=["finance-officer", ["quality-manager", "finance-officer"]],
    )
    informed: RoleList = Field(
        default_factory=list,
        description="Role ids informed of the result (I).",
        examples=["applicant", ["applicant", "admin-office"]],
    )
    within: Annotated[Text | None, BeforeValidator(_empty_as_none)] = Field(
        None,
        description="Time limit: a duration ('2 working days', '24 hours', '3个工作日', '提前3天') or a "
        "deadline tied to an event or date ('before the meeting', 'by the 15th of the month', '每周'); vague "
        "words such as 'asap' or '尽快' are warned about.",
        examples=["1 working day", "3个工作日"],
    )
    forms: list[Slug] = Field(
        default_factory=list, description="Form ids from _forms.yml used at this step.", examples=[["approval-request"]]
    )
    outputs: list[Text] = Field(
        default_factory=list,
        description="What this step produces. Optional; once "
        "any step lists outputs, every process output must be produced by a step.",
        examples=[["Completed approval request form"]],
    )
    details: Text | None = Field(
        None, description="How to do the step, in Markdown.", examples=["Attach the **final** draft and all annexes."]
    )
    next: Slug | None = Field(
        None, description="The id of the following step (not for decision or end).", examples=["first-review"]
    )
    branches: list[Branch] = Field(
        default_factory=list,
        description="Decision only: the outcomes, two or more.",
        examples=[[{"when": "approved", "next": "archive"}, {"when": "returned for changes", "next": "submit"}]],
    )
    process: ProcessId | None = Field(
        None, description="Subprocess only: the id of the process this step runs.", examples=["ADM-004"]
    )

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
    last: dt.date = Field(description="Date of the last review (YYYY-MM-DD).", examples=["2026-03-01"])


class Kpi(Strict):
    id: Slug = Field(description="Short id, unique in the process.", examples=["cycle-time"])
    name: Text = Field(description="The indicator's name.", examples=["Approval cycle time"])
    definition: Text | None = Field(
        None, description="What is measured.", examples=["Working days from submission to final approval"]
    )
    formula: Text | None = Field(
        None, description="How it is calculated.", examples=["sum of cycle times / number of approved documents"]
    )
    unit: Text | None = Field(None, description="The unit of target and goal.", examples=["working days", "%"])
    target: Number | Text | None = Field(
        None, description="The level the process must reach (目标值).", examples=[3, "≥ 95"]
    )
    goal: Number | Text | None = Field(None, description="The stretch level aimed for (挑战值).", examples=[2])
    frequency: Text | None = Field(
        None, description="How often it is measured and reported.", examples=["monthly", "每季度"]
    )
    owner: RoleRef | None = Field(
        None, description="The role id that measures and reports the indicator.", examples=["admin-manager"]
    )


class Risk(Strict):
    risk: Text = Field(description="What can go wrong.", examples=["A document is approved without its annexes"])
    control: Text = Field(
        description="What prevents or detects it.",
        examples=["The reviewer returns any request without the annexes listed on the form"],
    )
    step: Slug | None = Field(
        None, description="The id of the step where the control applies.", examples=["first-review"]
    )


class Faq(Strict):
    q: Text = Field(
        description="The question, as a reader would ask it.",
        examples=["Who approves when the department head is away?"],
    )
    a: Text = Field(description="The answer, in Markdown.", examples=["Their deputy, named in the absence plan."])


class ChangeEntry(Strict):
    version: Annotated[str, Field(pattern=VERSION_PATTERN, examples=["2.1"])] = Field(
        description="The version this entry releases, quoted; higher than the entry before."
    )
    date: dt.date = Field(description="Date of the change (YYYY-MM-DD); not in the future.", examples=["2026-03-01"])
    author: Text = Field(description="Who wrote the change.", examples=["Li Wei"])
    approved_by: Text | None = Field(None, description="Who approved it.", examples=["Chen Li (general manager)"])
    change: Text = Field(
        description="What changed, in one or two sentences.",
        examples=["Second review within 1 working day instead of 2"],
    )
    request: Text | None = Field(None, description="The change request id.", examples=["CR-2026-014"])


class Process(Strict):
    id: ProcessId = Field(description="Stable document number, unique in the handbook.")
    title: Text = Field(
        description="The process name, as it appears in the navigation.", examples=["Document approval", "文件审批流程"]
    )
    area: Slug = Field(description="A leaf area id from _areas.yml.", examples=["administration"])
    version: Annotated[str, Field(pattern=VERSION_PATTERN, description='Quoted: "2.1".', examples=["2.1"])]
    status: Literal["draft", "effective", "retired"] = Field(
        "draft",
        description="draft = not yet approved (not published), effective = in force, retired = no "
        "longer applies (kept for reference).",
        examples=["effective"],
    )
    owner: RoleRef = Field(description="The role id of the process owner.")
    effective: dt.date | None = Field(None, description="Date this version takes effect.", examples=["2026-03-01"])
    review: Review | None = Field(
        None,
        description="The periodic review: how often, and when it last happened.",
        examples=[{"every": "12 months", "last": "2026-03-01"}],
    )
    purpose: Text | None = Field(
        None,
        description="Why the process exists, in Markdown.",
        examples=["Approve internal documents quickly and traceably."],
    )
    scope: Text | None = Field(
        None,
        description="Where it applies and where not, in Markdown.",
        examples=["All documents that need management approval before they take effect."],
    )
    triggers: list[Text] = Field(
        default_factory=list,
        description="What starts the process.",
        examples=[["An employee needs a document approved"]],
    )
    inputs: list[Text] = Field(
        default_factory=list, description="What the process needs.", examples=[["Final draft of the document"]]
    )
    outputs: list[Text] = Field(
        default_factory=list,
        description="What the process delivers; when the steps list their `outputs`, each must be one of them.",
        examples=[["Approved and stamped document"]],
    )
    related: list[ProcessId] = Field(
        default_factory=list, description="Upstream and downstream process ids.", examples=[["ADM-001", "QM-001"]]
    )
    replaced_by: ProcessId | None = Field(
        None,
        description="A retired process: the id of the process that replaces it. Its page says so, and a "
        "reference to the retired process is warned about with this one named instead.",
        examples=["SAL-003"],
    )
    removed_steps: dict[Slug, Slug | None] = Field(
        default_factory=dict,
        description="Step ids this process no longer has -> the step that took over (or nothing). A link to a "
        "removed step still lands on the page (at the step named here) and is warned about.",
        examples=[{"quote": "prepare-offer", "credit-check": None}],
    )
    references: list[Text] = Field(
        default_factory=list,
        description="Standards, policies and laws it follows.",
        examples=[["ISO 9001:2015 clause 7.5"]],
    )
    steps: list[Step] = Field(
        min_length=1,
        description="The steps; the first is where the process starts.",
        examples=[
            [
                {"id": "submit", "name": "Submit the request", "responsible": "applicant", "next": "done"},
                {"id": "done", "name": "Request filed", "kind": "end"},
            ]
        ],
    )
    kpis: list[Kpi] = Field(
        default_factory=list,
        description="The process indicators (the KPI dictionary).",
        examples=[
            [
                {
                    "id": "cycle-time",
                    "name": "Approval cycle time",
                    "unit": "working days",
                    "target": 3,
                    "goal": 2,
                    "frequency": "monthly",
                    "owner": "admin-manager",
                }
            ]
        ],
    )
    risks: list[Risk] = Field(
        default_factory=list,
        description="Risks and the controls against them.",
        examples=[[{"risk": "Annexes missing", "control": "Return incomplete requests", "step": "first-review"}]],
    )
    faq: list[Faq] = Field(
        default_factory=list,
        description="Questions readers ask, with answers.",
        examples=[[{"q": "Can I submit by e-mail?", "a": "No, use the form."}]],
    )
    changelog: list[ChangeEntry] = Field(
        min_length=1,
        description="Oldest first; the newest entry is `version`.",
        examples=[[{"version": "1.0", "date": "2026-03-01", "author": "Li Wei", "change": "First version"}]],
    )

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


class ReadingItem(Strict):
    """One thing to read on a reading path: a process or a hand-written page (exactly one of them)."""

    process: ProcessId | None = Field(None, description="A process id to read.", examples=["SAL-001"])
    page: Text | None = Field(
        None,
        description="A hand-written page, relative to docs/ (or a handbook page such as glossary.md).",
        examples=["how-to-edit.md", "glossary.md"],
    )
    title: Text | None = Field(
        None,
        description="The title shown for a page (default: the page's path).",
        examples=["How to edit the handbook"],
    )
    note: Text | None = Field(None, description="Why or when to read it.", examples=["Read before your first order."])

    @property
    def key(self) -> str:
        """What the reader's browser remembers as read: `process:SAL-001` or `page:how-to-edit.md`."""
        return f"process:{self.process}" if self.process else f"page:{self.page}"


class ReadingPath(Strict):
    """An onboarding reading path: what a new hire in a role or department reads, in order."""

    id: Slug = Field(
        description="Short id, unique in the catalog; the page is onboarding/<id>/.", examples=["new-sales-rep"]
    )
    title: Text = Field(description="The path's name.", examples=["Your first weeks in sales"])
    role: RoleRef | None = Field(
        None, description="The role id this path is for (from _roles.yml).", examples=["sales-rep"]
    )
    department: Text | None = Field(
        None,
        description="The department this path is for (a `department` of a role "
        "in _roles.yml). With neither role nor department: for everyone.",
        examples=["sales"],
    )
    description: Text | None = Field(None, description="An introduction, in Markdown.")
    items: list[ReadingItem] = Field(
        min_length=1,
        description="What to read, in order.",
        examples=[[{"process": "SAL-001", "note": "Read before your first order."}, {"page": "how-to-edit.md"}]],
    )


class OnboardingCatalog(Strict):
    paths: list[ReadingPath]


LANGUAGE_TAG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
LanguageTag = Annotated[str, Field(pattern=LANGUAGE_TAG_PATTERN, examples=["zh", "en", "zh-Hant"])]
"""A BCP 47 language tag, as MkDocs' theme and HTML's `lang` take it."""


class TranslationPolicy(Strict):
    minimum: dict[LanguageTag, Annotated[float, Field(ge=0, le=100)]] = Field(
        default_factory=dict,
        description="Language -> the share of texts (percent) that must be translated and up to date: "
        "`process-manual translations` fails below it (a CI gate).",
        examples=[{"en": 90}],
    )


class HandbookPolicy(Strict):
    """`_handbook.yml`: the handbook's own policy, read alike by `process-manual validate` and the site build."""

    languages: list[LanguageTag] = Field(
        default_factory=list,
        description="The handbook's languages, the source language first. Each other language reads its "
        "texts from translation files beside the source (`order-intake.en.yml`, `_roles.en.yml`) and "
        "gets a full site under its own path. Leave out for a handbook of one language.",
        examples=[["zh", "en", "zh-Hant"]],
    )
    derived: dict[LanguageTag, Literal["s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "tw2sp", "hk2s"]] = Field(
        default_factory=dict,
        description="Language -> the OpenCC conversion that derives its texts from the source language "
        "(s2twp: simplified to traditional Chinese with Taiwan phrases). A hand translation in the "
        "language's files overrides a converted text, text by text.",
        examples=[{"zh-Hant": "s2twp"}],
    )
    translations: TranslationPolicy = Field(
        default_factory=TranslationPolicy, description="What the handbook demands of its translations."
    )

    rules: dict[str, Any] = Field(
        default_factory=dict,
        description="Rule id -> off | warning | error: how this "
        "handbook treats the problems of that rule (`process-manual rules` lists them).",
        examples=[{"review-overdue": "off", "vague-time-limit": "error", "unknown-role": "warning"}],
    )
    vague_owners: list[Text] = Field(
        default_factory=list,
        description="Words that mark a vague owner, added to "
        'the built-in ones ("relevant departments", 相关部门, ...).',
        examples=[["whoever is available", "各相关方"]],
    )


CATALOGS: dict[str, type[Strict]] = {
    "_roles.yml": RolesCatalog,
    "_forms.yml": FormsCatalog,
    "_areas.yml": AreasCatalog,
    "_glossary.yml": Glossary,
    "_onboarding.yml": OnboardingCatalog,
    "_handbook.yml": HandbookPolicy,
}
OPTIONAL_CATALOGS = frozenset({"_onboarding.yml", "_handbook.yml"})
"""Catalogs a handbook may leave out (the others are reported missing)."""
