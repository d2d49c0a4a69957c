"""Problems found in a handbook, and the three ways of printing them."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One defect at one place: `path:line:column: severity[rule]: message — fix`."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    fix: str = ""
    rule: str = field(default="", compare=False)
    """The stable id of the rule that found it (:mod:`.rules`); its severity can be set per handbook. Not part of
    equality: a problem is one place and one message, whichever rule reports it."""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        fix = f" — {self.fix}" if self.fix else ""
        return f"{self.path}:{self.line}:{self.column}: {self.label}: {self.message}{fix}"

    @property
    def label(self) -> str:
        """`error[unknown-role]`, as linters print it."""
        return f"{self.severity.value}[{self.rule}]" if self.rule else self.severity.value


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file, then line and column; duplicates (same place, same words) dropped."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.severity.value, p.message))


def relative_path(path: Path, base: Path | None) -> str:
    """The path as the user should see it: relative to `base` (the working directory) when inside it.

    Links are not resolved: a file that is a link is named where it stands, not where it points.
    """
    if base is not None:
        for shown, root in (
            (Path(os.path.abspath(path)), Path(os.path.abspath(base))),
            (path.resolve(), base.resolve()),
        ):
            try:
                return shown.relative_to(root).as_posix()
            except ValueError:
                continue
    return path.as_posix()


def format_human(problems: list[Problem]) -> str:
    lines = [p.text() for p in problems]
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    rows = []
    for p in problems:
        row = asdict(p)
        row["severity"] = p.severity.value
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # GitHub workflow commands need %, CR and LF escaped; property values also ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions annotation lines (`::error file=...,line=...,title=rule::message`)."""
    lines = []
    for p in problems:
        fix = f" — {p.fix}" if p.fix else ""
        title = f",title={_github_escape(p.rule, property_value=True)}" if p.rule else ""
        lines.append(
            f"::{p.severity.value} file={_github_escape(p.path, property_value=True)},"
            f"line={p.line},col={p.column}{title}::{_github_escape(p.message + fix)}"
        )
    return "\n".join(lines)


ProblemAt = Callable[..., Problem]
"""A document's `problem(loc, what, fix, rule=...)`: the problem at a position of that file."""
