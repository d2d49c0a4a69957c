"""Every check the tool makes, by stable id: its default severity, whether a handbook may change it,
the principle it enforces and an example of a bad and a good file.

A problem names its rule (`error[unknown-role]`); `_handbook.yml` sets a rule's severity per handbook
(:mod:`.policy`); the rules reference (README, and a page of every handbook) is generated from this
table (:mod:`.render.rules_page`). Ids are a public interface: never rename one, only add.
"""

from __future__ import annotations

from dataclasses import dataclass

from process_manual.core.problems import Problem, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


PRINCIPLES: tuple[str, ...] = (
    "readable",
    "names",
    "owner",
    "time",
    "logic",
    "symbols",
    "architecture",
    "kpi",
    "change",
    "languages",
    "links",
    "onboarding",
)
"""Why the rules exist, in the order the rules reference shows them: each key names a principle of the method
the handbook follows (ARCHITECTURE.md, "What the method demands"), whose name and text are in the catalogs
(`principles.<key>`)."""


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    """The severity when `_handbook.yml` says nothing. What the rule finds is said in the catalogs
    (`rules.<id>`), in every language."""
    principle: str
    """A key of PRINCIPLES."""
    bad: str
    """A process-file snippet (YAML) that breaks the rule."""
    good: str
    """The same snippet, fixed."""
    fixed: bool = False
    """Always an error whatever `_handbook.yml` says: the handbook cannot be built or trusted without it."""
    check_only: bool = False
    """Reported by `process-manual check` (the pull-request check) only."""


def _r(
    id: str,
    severity: Severity,
    principle: str,
    bad: str,
    good: str,
    *,
    fixed: bool = False,
    check_only: bool = False,
) -> Rule:
    return Rule(id, severity, principle, bad.strip("\n"), good.strip("\n"), fixed, check_only)


RULE_LIST: tuple[Rule, ...] = (
    # --- files that cannot be read: always errors -------------------------------------------------
    _r(
        "yaml-syntax",
        ERROR,
        "readable",
        "title: Purchase request\nsteps:\n\t- id: submit",
        "title: Purchase request\nsteps:\n  - id: submit",
        fixed=True,
    ),
    _r(
        "duplicate-key",
        ERROR,
        "readable",
        "owner: buyer\nowner: purchasing-manager",
        "owner: purchasing-manager",
        fixed=True,
    ),
    _r(
        "unknown-key",
        ERROR,
        "readable",
        "steps:\n  - id: submit\n    responsable: requester",
        "steps:\n  - id: submit\n    responsible: requester",
        fixed=True,
    ),
    _r(
        "missing-key",
        ERROR,
        "readable",
        'id: PUR-001\ntitle: Purchase request\nversion: "1.0"',
        'id: PUR-001\ntitle: Purchase request\narea: purchasing\nowner: purchasing-manager\nversion: "1.0"',
        fixed=True,
    ),
    _r(
        "invalid-value",
        ERROR,
        "readable",
        "version: 1.10\nstatus: active",
        'version: "1.10"\nstatus: effective',
        fixed=True,
    ),
    _r(
        "duplicate-id",
        ERROR,
        "names",
        "steps:\n  - id: review\n  - id: review",
        "steps:\n  - id: first-review\n  - id: second-review",
        fixed=True,
    ),
    _r(
        "missing-catalog",
        ERROR,
        "names",
        "processes/\n  purchasing/purchase-request.yml",
        "processes/\n  _roles.yml\n  _forms.yml\n  _areas.yml\n  _glossary.yml\n  purchasing/purchase-request.yml",
        fixed=True,
    ),
    _r(
        "link-outside-handbook",
        ERROR,
        "readable",
        "processes/hr -> /home/me/drafts/hr",
        "processes/hr/  (the files themselves)",
        fixed=True,
    ),
    _r(
        "handbook-policy",
        ERROR,
        "readable",
        "rules:\n  unknown-roles: warning\n  yaml-syntax: off",
        "rules:\n  unknown-role: warning",
        fixed=True,
    ),
    # --- names from the dictionaries -----------------------------------------------------------------
    _r(
        "unknown-role",
        ERROR,
        "names",
        "responsible: byuer",
        "responsible: buyer",
    ),
    _r(
        "unknown-form",
        ERROR,
        "names",
        "forms: [quote-comparisons]",
        "forms: [quote-comparison]",
    ),
    _r(
        "unknown-area",
        ERROR,
        "architecture",
        "area: purchase",
        "area: purchasing",
    ),
    _r(
        "area-not-leaf",
        ERROR,
        "architecture",
        "area: support",
        "area: purchasing",
    ),
    _r(
        "unknown-process",
        ERROR,
        "names",
        "related: [IT-009]",
        "related: [IT-002]",
    ),
    _r(
        "unknown-step",
        ERROR,
        "logic",
        "next: issue-ordr",
        "next: issue-order",
    ),
    _r(
        "self-reference",
        ERROR,
        "logic",
        "id: IT-002\nsteps:\n  - id: again\n    kind: subprocess\n    process: IT-002",
        "id: IT-002\nsteps:\n  - id: buy-licence\n    kind: subprocess\n    process: PUR-001",
    ),
    # --- who does what ---------------------------------------------------------------------------
    _r(
        "vague-owner",
        ERROR,
        "owner",
        "responsible: relevant-departments",
        "responsible: purchasing-manager",
    ),
    _r(
        "no-responsible",
        ERROR,
        "owner",
        "  - id: approve\n    name: Approve the request\n    next: order",
        "  - id: approve\n    name: Approve the request\n    responsible: line-manager\n    next: order",
    ),
    _r(
        "no-accountable",
        ERROR,
        "owner",
        "responsible: [buyer, requester]",
        "responsible: [buyer, requester]\naccountable: purchasing-manager",
    ),
    _r(
        "vague-time-limit",
        WARNING,
        "time",
        "within: asap",
        "within: 2 working days",
    ),
    # --- the flow --------------------------------------------------------------------------------
    _r(
        "step-kind",
        ERROR,
        "symbols",
        "  - id: review\n    kind: decision\n    next: order",
        "  - id: review\n    kind: decision\n    branches:\n"
        "      - {when: approved, next: order}\n      - {when: rejected, next: rejected}",
    ),
    _r(
        "dead-end",
        ERROR,
        "logic",
        "  - id: hand-over\n    responsible: records-clerk",
        "  - id: hand-over\n    responsible: records-clerk\n    next: store",
    ),
    _r(
        "dead-loop",
        ERROR,
        "logic",
        "  - id: appeal\n    next: appeal",
        "  - id: appeal\n    kind: decision\n    branches:\n      - {when: upheld, next: order}\n"
        "      - {when: dismissed, next: rejected}",
    ),
    _r(
        "unreachable-step",
        ERROR,
        "logic",
        "  - id: submit\n    next: done\n  - id: check\n    next: done",
        "  - id: submit\n    next: check\n  - id: check\n    next: done",
    ),
    _r(
        "no-end-step",
        ERROR,
        "symbols",
        "  - id: file-order\n    next: file-order",
        "  - id: file-order\n    next: ordered\n  - id: ordered\n    kind: end",
    ),
    _r(
        "output-not-produced",
        ERROR,
        "logic",
        "outputs: [Purchase order]\nsteps:\n  - id: compare-quotes\n    outputs: [Quote comparison]",
        "outputs: [Purchase order]\nsteps:\n  - id: issue-order\n    outputs: [Purchase order]",
    ),
    _r(
        "too-many-steps",
        WARNING,
        "symbols",
        "steps: [... 75 steps ...]",
        "steps:\n  - id: prepare\n    kind: subprocess\n    process: PUR-002",
    ),
    # --- change and review -------------------------------------------------------------------------
    _r(
        "version-not-in-changelog",
        ERROR,
        "change",
        'version: "2.1"\nchangelog:\n  - {version: "2.0", ...}',
        'version: "2.1"\nchangelog:\n  - {version: "2.0", ...}\n  - {version: "2.1", ...}',
    ),
    _r(
        "changelog-order",
        ERROR,
        "change",
        'changelog:\n  - {version: "2.0", date: 2026-03-01}\n  - {version: "1.5", date: 2026-01-10}',
        'changelog:\n  - {version: "1.5", date: 2026-01-10}\n  - {version: "2.0", date: 2026-03-01}',
    ),
    _r(
        "future-date",
        ERROR,
        "change",
        "review: {every: 12 months, last: 2099-01-01}",
        "review: {every: 12 months, last: 2026-03-01}",
    ),
    _r(
        "no-review",
        WARNING,
        "change",
        "status: effective",
        "status: effective\nreview: {every: 12 months, last: 2026-03-01}",
    ),
    _r(
        "review-interval",
        ERROR,
        "change",
        "review: {every: often, last: 2026-03-01}",
        "review: {every: 12 months, last: 2026-03-01}",
    ),
    _r(
        "review-overdue",
        WARNING,
        "change",
        "review: {every: 12 months, last: 2024-01-15}",
        "review: {every: 12 months, last: 2026-01-15}",
    ),
    _r(
        "kpi-without-target",
        WARNING,
        "kpi",
        "kpis:\n  - {id: cycle-time, name: Cycle time, unit: working days}",
        "kpis:\n  - {id: cycle-time, name: Cycle time, unit: working days, target: 3, goal: 2}",
    ),
    # --- files and folders -------------------------------------------------------------------------
    _r(
        "byte-order-mark",
        WARNING,
        "readable",
        '(saved as "UTF-8 with BOM")',
        '(saved as "UTF-8")',
    ),
    _r(
        "catalog-place",
        WARNING,
        "names",
        "processes/purchasing/_roles.yml",
        "processes/_roles.yml",
    ),
    _r(
        "folder-link",
        WARNING,
        "readable",
        "processes/buying -> purchasing",
        "processes/purchasing/  (one folder, no link)",
    ),
    # --- reading paths (_onboarding.yml) -------------------------------------------------------------
    _r(
        "reading-path",
        ERROR,
        "onboarding",
        "items:\n  - {process: PUR-001, page: how-to-edit.md}",
        "items:\n  - {process: PUR-001}\n  - {page: how-to-edit.md}",
    ),
    _r(
        "missing-page",
        ERROR,
        "onboarding",
        "items:\n  - {page: how-to-edti.md}",
        "items:\n  - {page: how-to-edit.md}",
    ),
    _r(
        "reading-path-redundant",
        WARNING,
        "onboarding",
        "items:\n  - {process: PUR-001}\n  - {process: PUR-001}",
        "items:\n  - {process: PUR-001}",
    ),
    # --- references: [[...]] in texts and pages ------------------------------------------------------
    _r(
        "broken-reference",
        ERROR,
        "links",
        "details: Then start [[ADM-04#submit]].",
        "details: Then start [[ADM-004#submit]].",
    ),
    _r(
        "reference-syntax",
        ERROR,
        "links",
        "details: Ask the [[buyer]].",
        "details: Ask the [[role:buyer]].",
    ),
    _r(
        "outdated-reference",
        WARNING,
        "links",
        "details: See [[PUR-001#compare-quotes]].   # removed_steps: {compare-quotes: tender}",
        "details: See [[PUR-001#tender]].",
    ),
    _r(
        "reference-to-draft",
        WARNING,
        "links",
        "details: Then start [[IT-009]].   # IT-009 is a draft",
        "details: Then start [[IT-002]].",
    ),
    _r(
        "link-by-path",
        WARNING,
        "links",
        "[the purchase request](processes/pur-001.md)",
        "[[PUR-001|the purchase request]]",
    ),
    # --- the pull-request check (`process-manual check`) ---------------------------------------------
    _r(
        "version-not-raised",
        ERROR,
        "change",
        'version: "2.1"   # steps changed',
        'version: "2.2"\nchangelog:\n  - ...\n  - {version: "2.2", ...}',
        fixed=True,
        check_only=True,
    ),
    _r(
        "version-lowered",
        ERROR,
        "change",
        'version: "1.9"   # was 2.1',
        'version: "2.2"',
        fixed=True,
        check_only=True,
    ),
    _r(
        "changelog-not-updated",
        ERROR,
        "change",
        'version: "2.2"\nchangelog:\n  - {version: "2.1", ...}',
        'version: "2.2"\nchangelog:\n  - {version: "2.1", ...}\n  - {version: "2.2", ...}',
        fixed=True,
        check_only=True,
    ),
    _r(
        "changelog-entry-removed",
        ERROR,
        "change",
        'changelog:\n  - {version: "2.1", ...}   # 2.0 deleted',
        'changelog:\n  - {version: "2.0", ...}\n  - {version: "2.1", ...}',
        fixed=True,
        check_only=True,
    ),
    _r(
        "id-changed",
        ERROR,
        "change",
        "id: PUR-002   # was PUR-001",
        "id: PUR-001",
        fixed=True,
        check_only=True,
    ),
    _r(
        "deleted-before-retired",
        ERROR,
        "change",
        "git rm purchase-request.yml   # status: effective",
        "status: retired   # first; delete the file in a later change",
        fixed=True,
        check_only=True,
    ),
    _r(
        "reference-broken-by-change",
        ERROR,
        "links",
        "# PUR-001: step compare-quotes removed\ndetails: See [[PUR-001#compare-quotes]].",
        "# PUR-001: removed_steps: {compare-quotes: tender}\ndetails: See [[PUR-001#tender]].",
        check_only=True,
    ),
    _r(
        "reference-touched-by-change",
        WARNING,
        "links",
        "# PUR-001: status: retired\ndetails: Buy through [[PUR-001]].",
        "# PUR-001: status: retired, replaced_by: PUR-002\ndetails: Buy through [[PUR-002]].",
        check_only=True,
    ),
    # --- a handbook in several languages (_handbook.yml `languages:`) -------------------------------
    _r(
        "translation-shape",
        ERROR,
        "languages",
        "# order-intake.en.yml\ntitle: [Order intake]",
        "# order-intake.en.yml\ntitle: Order intake",
    ),
    _r(
        "orphan-translation",
        WARNING,
        "languages",
        "# order-intake.en.yml\nsteps:\n  recieve: {name: Receive the order}",
        "# order-intake.en.yml\nsteps:\n  receive: {name: Receive the order}",
    ),
    _r(
        "stale-translation",
        WARNING,
        "languages",
        "# order-intake.yml now says: title: 订单受理与评审\ntitle: Order intake\ntranslated-from: {title: 5f1c09a2}",
        "title: Order intake and review\ntranslated-from: {title: 0b7d42e1}   # process-manual translations --accept",
    ),
    _r(
        "unrecorded-translation",
        WARNING,
        "languages",
        "title: Order intake",
        "title: Order intake\ntranslated-from: {title: 5f1c09a2}   # process-manual translations --accept",
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in RULE_LIST}


def make_problem(rule_id: str, path: str, line: int, column: int, message: str, fix: str = "") -> Problem:
    """A problem of `rule_id`, at the rule's default severity (a handbook's policy may change it later)."""
    return Problem(path, line, column, RULES[rule_id].severity, message, fix, rule_id)
