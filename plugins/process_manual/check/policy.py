"""A handbook's own policy (`_handbook.yml`): which rules are off, warnings or errors.

Both `process-manual validate` and the site build run :func:`.validate.validate`, which reads the policy
here and applies it to every problem, so the two can never disagree about a handbook.

```yaml
# processes/_handbook.yml
rules:
  review-overdue: off        # off | warning | error
  vague-time-limit: error
  unknown-role: warning
vague_owners: [whoever is free]   # added to the built-in vague-owner words
```
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from process_manual.core.problems import Problem, Severity
from process_manual.core.rules import RULES
from process_manual.core.suggest import did_you_mean
from process_manual.load.handbook import Handbook

CATALOG = "_handbook.yml"
LEVELS: dict[str, Severity | None] = {"off": None, "warning": Severity.WARNING, "error": Severity.ERROR}


@dataclass(frozen=True)
class Policy:
    severities: dict[str, Severity | None] = field(default_factory=dict)
    """Rule id -> the severity this handbook gives it (None: off). Rules not named keep their default."""
    vague_owners: tuple[str, ...] = ()
    """Vague-owner words this handbook adds to the built-in ones."""


def read_policy(handbook: Handbook) -> tuple[Policy, list[Problem]]:
    """The policy of `handbook`, and the problems of its _handbook.yml (an unknown rule, a bad level,
    an attempt to relax a rule that always stays an error): those are ignored, never half-applied."""
    doc, policy = handbook.catalog_docs.get(CATALOG), handbook.policy
    if doc is None or policy is None:
        return Policy(), []
    problems: list[Problem] = []
    severities: dict[str, Severity | None] = {}
    for rule_id, value in policy.rules.items():
        at = ("rules", rule_id)
        rule = RULES.get(rule_id)
        if rule is None:
            problems.append(
                doc.problem(
                    at,
                    f"unknown rule '{rule_id}'",
                    did_you_mean(rule_id, RULES, "`process-manual rules` lists every rule id"),
                    at_key=True,
                    rule="handbook-policy",
                )
            )
            continue
        level = _level(value, doc.raw.get(at))
        if level not in LEVELS:
            problems.append(
                doc.problem(at, f"'{level}' is not a severity", "write off, warning or error", rule="handbook-policy")
            )
            continue
        if rule.fixed and LEVELS[level] is not Severity.ERROR:
            problems.append(
                doc.problem(
                    at,
                    f"the rule '{rule_id}' is always an error and cannot be set to {level}",
                    f"remove it: {_fixed_reason(rule_id)}",
                    rule="handbook-policy",
                )
            )
            continue
        severities[rule_id] = LEVELS[level]
    return Policy(severities, tuple(policy.vague_owners)), problems


def _level(value: object, raw: str | None) -> str:
    """The level as written: YAML reads a bare `off` (and `no`, `false`) as the boolean false."""
    if value is False:
        return "off"
    return (raw if raw is not None else str(value)).strip().lower()


def _fixed_reason(rule_id: str) -> str:
    if RULES[rule_id].check_only:
        return "the pull-request check keeps the version history honest"
    return "without it the handbook cannot be read or trusted"


def apply_policy(problems: Iterable[Problem], policy: Policy) -> list[Problem]:
    """Each problem at the severity the handbook gives its rule; problems of rules set to off left out."""
    result: list[Problem] = []
    for problem in problems:
        rule = RULES.get(problem.rule)
        if rule is None or rule.fixed or problem.rule not in policy.severities:
            result.append(problem)
            continue
        severity = policy.severities[problem.rule]
        if severity is not None:
            result.append(problem if severity is problem.severity else dataclasses.replace(problem, severity=severity))
    return result
