"""The rules reference, generated from :data:`..rules.RULE_LIST`: every rule's id, default severity, the
principle it enforces and a bad and a good example — in the words of the handbook's catalog.

The same text is the README's "Rules reference" (a test keeps it equal), `process-manual rules`, and the
`checks.md` page of every handbook, where a column shows what the handbook's `_handbook.yml` changed.
"""

from __future__ import annotations

from collections.abc import Mapping

from process_manual.core.catalog import REFERENCE, Catalog, catalog
from process_manual.core.problems import Severity
from process_manual.core.rules import PRINCIPLES, RULE_LIST, Rule


def rules_title(language: str | Catalog) -> str:
    """The reference's title (its navigation entry)."""
    return _catalog(language).rules_page.title


def _catalog(language: str | Catalog) -> Catalog:
    return language if isinstance(language, Catalog) else catalog(language)


def _level(severity: Severity | None, words: Catalog) -> str:
    return words.rules_page.text("off" if severity is None else severity.value)


def _default(rule: Rule, words: Catalog) -> str:
    return words.rules_page.fixed if rule.fixed else _level(rule.severity, words)


def render_rules_reference(
    language: str | Catalog = REFERENCE,
    *,
    heading: int = 1,
    handbook_severities: Mapping[str, Severity | None] | None = None,
) -> str:
    """The reference as Markdown. `heading`: the level of its title; `handbook_severities`: what a handbook's
    _handbook.yml sets (shown in a column of its own; None leaves the column out)."""
    words = _catalog(language)
    page = words.rules_page
    h = "#" * heading
    lines = [f"{h} {page.title}", "", page.intro, "", "```yaml", "# processes/_handbook.yml", page.example, "```", ""]
    header = [page.rule, page.default if handbook_severities is None else page.severity, page.what]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for rule in RULE_LIST:
        row = [
            f"[`{rule.id}`](#{rule.id})",
            _severity(rule, words, handbook_severities),
            words.rule_title(rule.id).replace("|", "\\|"),
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for principle_key in PRINCIPLES:
        rules = [rule for rule in RULE_LIST if rule.principle == principle_key]
        if not rules:
            continue
        name, text = words.principle(principle_key)
        lines += [f"{h}# {name}", "", f"> {words.typography.lead_in(page.principle)}{text}", ""]
        for rule in rules:
            lines += _rule_section(rule, words, h + "##", handbook_severities)
    return "\n".join(lines).rstrip() + "\n"


def _severity(rule: Rule, words: Catalog, handbook_severities: Mapping[str, Severity | None] | None) -> str:
    """The default severity, or what the handbook sets with the default beside it."""
    if handbook_severities and rule.id in handbook_severities:
        level = _level(handbook_severities[rule.id], words)
        return words.rules_page.text("changed", level=level, default=_default(rule, words))
    return _default(rule, words)


def _rule_section(
    rule: Rule, words: Catalog, h: str, handbook_severities: Mapping[str, Severity | None] | None
) -> list[str]:
    page = words.rules_page
    severity = _severity(rule, words, handbook_severities)
    severity = severity if "**" in severity else f"**{severity}**"
    where = f" · {page.check_only}" if rule.check_only else ""
    return [
        f"{h} `{rule.id}`",
        "",
        f"{severity}{where}{words.typography.dash}{words.rule_title(rule.id)}",
        "",
        f"{page.bad}:",
        "",
        "```yaml",
        rule.bad,
        "```",
        "",
        f"{page.good}:",
        "",
        "```yaml",
        rule.good,
        "```",
        "",
    ]
