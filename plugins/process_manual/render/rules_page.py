"""The rules reference, generated from :data:`..rules.RULE_LIST`: every rule's id, default severity, the
principle it enforces and a bad and a good example — in English or Chinese.

The same text is the README's "Rules reference" (a test keeps it equal), `process-manual rules`, and the
`checks.md` page of every handbook, where a column shows what the handbook's `_handbook.yml` changed.
"""

from __future__ import annotations

from collections.abc import Mapping

from process_manual.core import rules_hant as rules_page_hant
from process_manual.core.problems import Severity
from process_manual.core.rules import PRINCIPLES, RULE_LIST, Rule

_WORDS = {
    "title": ("Checks and rules", "检查规则"),
    "intro": (
        "Every problem `process-manual validate` and the site build report names its rule, e.g. "
        "`error[unknown-role]`. A handbook sets a rule's severity in `_handbook.yml` in its process folder "
        "(`off`, `warning` or `error`); rules marked *always an error* cannot be relaxed. Errors stop the "
        "build; under `mkdocs build --strict` warnings do too.",
        "`process-manual validate` 和网站构建报告的每个问题都注明其规则，例如 `error[unknown-role]`。"
        "手册可在流程文件夹的 `_handbook.yml` 中设置规则的级别（`off`、`warning` 或 `error`）；"
        "标为“始终为错误”的规则不能放宽。错误会使构建失败；使用 `mkdocs build --strict` 时，警告也会。",
    ),
    "example": (
        "rules:\n  review-overdue: off\n  vague-time-limit: error\n  unknown-role: warning\n"
        "vague_owners: [whoever is free]   # added to the built-in words",
        "rules:\n  review-overdue: off\n  vague-time-limit: error\n  unknown-role: warning\n"
        "vague_owners: [各相关方]   # 追加到内置词语",
    ),
    "rule": ("Rule", "规则"),
    "default": ("Default", "默认级别"),
    "severity": ("Severity", "级别"),
    "changed": ("**{level}** here (default: {default})", "本手册：**{level}**（默认：{default}）"),
    "what": ("What it finds", "检查内容"),
    "principle": ("Principle", "原则"),
    "bad": ("Bad", "错误示例"),
    "good": ("Good", "正确示例"),
    "error": ("error", "错误"),
    "warning": ("warning", "警告"),
    "off": ("off", "关闭"),
    "fixed": ("always an error", "始终为错误"),
    "check_only": ("`process-manual check` (the pull-request check) only", "仅 `process-manual check`（合并请求检查）"),
}


def _traditional(language: str) -> bool:
    return language == "zh-Hant"  # what render/labels.py calls zh-TW, zh-HK and zh-Hant alike


def _word(key: str, language: str) -> str:
    if _traditional(language):
        return rules_page_hant.WORDS[key]
    return _WORDS[key][1 if language.startswith("zh") else 0]


def rules_title(language: str) -> str:
    """The reference's title (its navigation entry)."""
    return _word("title", language)


def _level(severity: Severity | None, language: str) -> str:
    return _word("off" if severity is None else severity.value, language)


def _default(rule: Rule, language: str) -> str:
    return _word("fixed", language) if rule.fixed else _level(rule.severity, language)


def render_rules_reference(
    language: str = "en", *, heading: int = 1, handbook_severities: Mapping[str, Severity | None] | None = None
) -> str:
    """The reference as Markdown. `heading`: the level of its title; `handbook_severities`: what a handbook's
    _handbook.yml sets (shown in a column of its own; None leaves the column out)."""
    h = "#" * heading
    lines = [
        f"{h} {_word('title', language)}",
        "",
        _word("intro", language),
        "",
        "```yaml",
        "# processes/_handbook.yml",
        _word("example", language),
        "```",
        "",
    ]
    header = [
        _word("rule", language),
        _word("default" if handbook_severities is None else "severity", language),
        _word("what", language),
    ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for rule in RULE_LIST:
        row = [
            f"[`{rule.id}`](#{rule.id})",
            _severity(rule, language, handbook_severities),
            _title(rule, language).replace("|", "\\|"),
        ]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for principle_key, principle in PRINCIPLES.items():
        rules = [rule for rule in RULE_LIST if rule.principle == principle_key]
        if not rules:
            continue
        zh = language.startswith("zh")
        name, text = (
            rules_page_hant.PRINCIPLES[principle_key]
            if _traditional(language)
            else (principle.name_zh, principle.zh)
            if zh
            else (principle.name, principle.en)
        )
        lines += [f"{h}# {name}", "", f"> **{_word('principle', language)}:** {text}", ""]
        for rule in rules:
            lines += _rule_section(rule, language, h + "##", handbook_severities)
    return "\n".join(lines).rstrip() + "\n"


def _title(rule: Rule, language: str) -> str:
    if _traditional(language):
        return rules_page_hant.TITLES[rule.id]
    return rule.title_zh if language.startswith("zh") else rule.title


def _severity(rule: Rule, language: str, handbook_severities: Mapping[str, Severity | None] | None) -> str:
    """The default severity, or what the handbook sets with the default beside it."""
    if handbook_severities and rule.id in handbook_severities:
        level = _level(handbook_severities[rule.id], language)
        return _word("changed", language).format(level=level, default=_default(rule, language))
    return _default(rule, language)


def _rule_section(
    rule: Rule, language: str, h: str, handbook_severities: Mapping[str, Severity | None] | None
) -> list[str]:
    severity = _severity(rule, language, handbook_severities)
    severity = severity if "**" in severity else f"**{severity}**"
    where = f" · {_word('check_only', language)}" if rule.check_only else ""
    dash = "——" if language.startswith("zh") else " — "  # Chinese sets its dash without spaces
    return [
        f"{h} `{rule.id}`",
        "",
        f"{severity}{where}{dash}{_title(rule, language)}",
        "",
        f"{_word('bad', language)}:",
        "",
        "```yaml",
        rule.bad,
        "```",
        "",
        f"{_word('good', language)}:",
        "",
        "```yaml",
        rule.good,
        "```",
        "",
    ]
