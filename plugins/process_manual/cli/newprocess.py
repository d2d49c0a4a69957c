"""`process-manual new`: a new process file that validates as it is written.

The values are checked against the handbook's catalogs first (the same :mod:`.handbook` loader the
validator and the plugin use), with "did you mean" for near misses. In a terminal, what is missing
is asked for, with a suggestion; elsewhere (CI, scripts) a missing value is an error, never a
prompt that would hang.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from process_manual.build.handbook_language import command_language, warn_once
from process_manual.check.validate import Settings, validate
from process_manual.core.catalog import Catalog, catalog, language_help
from process_manual.core.cjk import is_cjk
from process_manual.core.clock import today
from process_manual.core.language_tags import tag_argument
from process_manual.core.model import ID_PATTERN
from process_manual.core.problems import relative_path
from process_manual.core.suggest import did_you_mean
from process_manual.formats.schema import SITE_PATH as SCHEMA_PATH
from process_manual.load.handbook import Handbook, load_handbook

Check = Callable[[str], str | None]
"""A value -> why it is not acceptable, or None."""


# The new file; the comments are the catalog's (`new_process.comment_*`), in the handbook's language.
_TEMPLATE = """\
{schema}{header}
id: {id}
title: {title}
area: {area}
version: "0.1"            # {comment_version}
status: draft             # {comment_status}
owner: {owner}
review: {{every: {every}, last: {today}}}
{purpose}
steps:                    # {comment_steps}
  - id: first-step
    name: {first}
    responsible: {owner}  # {comment_responsible}
    # within: {within}   # {comment_within}
    # forms: [form-id]         # {comment_forms}
    next: done
  - id: done
    name: {end}
    kind: end             # {comment_end}
changelog:                # {comment_changelog}
  - version: "0.1"
    date: {today}
    author: {author}
    change: {change}
"""


def _padded(text: str, width: int) -> str:
    """`text` and spaces up to `width` columns, a wide (CJK) character counting two: comments stay aligned."""
    columns = sum(2 if is_cjk(char) else 1 for char in text)
    return text + " " * max(0, width - columns)


def comment_lines(text: str, firsts: tuple[str, ...] = ("",)) -> str:
    """`text` as YAML comment lines, each after the matching text of `firsts` (the last one repeats)."""
    lines = text.splitlines() or [""]
    shown = [firsts[min(i, len(firsts) - 1)] for i in range(len(lines))]
    return "\n".join(f"# {first}{line}".rstrip() for first, line in zip(shown, lines, strict=True))


@dataclass
class Answers:
    id: str | None
    title: str | None
    area: str | None
    owner: str | None


def slug(title: str, process_id: str) -> str:
    """The file name of a process: its title in ASCII (accents dropped); its id when the title has
    letters with no ASCII form (Chinese titles)."""
    if any(
        unicodedata.category(char).startswith("L") and not unicodedata.normalize("NFKD", char).encode("ascii", "ignore")
        for char in title
    ):
        return process_id.lower()
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return words[:60].rstrip("-") or process_id.lower()


def _did_you_mean(value: str, known: list[str]) -> str:
    hint = did_you_mean(value, known)
    return f"; {hint}" if hint else ""


def id_check(handbook: Handbook) -> Check:
    taken = {s.process.id.lower(): s.path for s in handbook.processes}
    taken.update({pid.lower(): path for pid, path in handbook.unloaded_ids.items()})

    def check(value: str) -> str | None:
        if not re.fullmatch(ID_PATTERN, value):
            return f"'{value}' is not a process id: use letters and digits joined by '-', such as ADM-004"
        if value.lower() in taken:  # page names are lowercase: ADM-004 and adm-004 would share a page
            return f"process id '{value}' is already used by {taken[value.lower()]}"
        return None

    return check


def area_check(handbook: Handbook) -> Check:
    leaves = sorted(a for a, node in handbook.areas.items() if not node.area.children)

    def check(value: str) -> str | None:
        node = handbook.areas.get(value)
        if node is None:
            return f"unknown area '{value}'{_did_you_mean(value, sorted(handbook.areas))} (areas: {', '.join(leaves)})"
        if node.area.children:
            return (
                f"area '{value}' is a group of areas, not a leaf: use one of "
                f"{', '.join(c.id for c in node.area.children)}"
            )
        return None

    return check


def owner_check(handbook: Handbook) -> Check:
    def check(value: str) -> str | None:
        if value not in handbook.roles:
            return f"unknown role '{value}'{_did_you_mean(value, sorted(handbook.roles))} (roles are in _roles.yml)"
        return None

    return check


def title_check(value: str) -> str | None:
    return None if value.strip() else "the title is empty"


def suggested_id(handbook: Handbook, area: str | None) -> str | None:
    """The next free number after the ids of the area's processes (ADM-004 -> ADM-005)."""
    ids = [s.process.id for s in handbook.processes if s.process.area == area]
    if not ids:
        return None
    prefix, _ = Counter(pid.rsplit("-", 1)[0] for pid in ids).most_common(1)[0]
    numbers = [pid.rsplit("-", 1)[1] for pid in ids if pid.rsplit("-", 1)[0] == prefix]
    digits = [n for n in numbers if n.isdigit()]
    if not digits:
        return None
    width = max(len(n) for n in digits)
    taken = {pid.lower() for pid in [s.process.id for s in handbook.processes] + list(handbook.unloaded_ids)}
    number = max(int(n) for n in digits) + 1
    while f"{prefix}-{number:0{width}d}".lower() in taken:
        number += 1
    return f"{prefix}-{number:0{width}d}"


def _scalar(value: str) -> str:
    """A YAML value that reads back as exactly `value`: plain when that is safe, else double-quoted
    (a JSON string is a valid YAML double-quoted scalar, escapes included)."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def find_schema(start: Path) -> Path | None:
    """The committed schema (schema/process.schema.json) in `start` or the nearest folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / SCHEMA_PATH).is_file():
            return folder / SCHEMA_PATH
    return None


def process_text(answers: Answers, *, author: str, language: str | Catalog, schema_ref: str | None) -> str:
    """The content of the new file (every value has been checked)."""
    if not (answers.id and answers.title and answers.area and answers.owner):
        raise ValueError("process_text needs the id, title, area and owner answered")
    words = language if isinstance(language, Catalog) else catalog(language)
    texts = words.new_process
    return _TEMPLATE.format(
        schema=f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else "",
        header=comment_lines(texts.text("comment_header", today=today().isoformat())),
        purpose=comment_lines(texts.comment_purpose, ("purpose: |              # ", "  ...                   # ")),
        within=_padded(words.durations.count("working_day", 2), 14),
        **{
            key: getattr(texts, key).replace("\n", " ")
            for key in texts
            if key.startswith("comment_") and key not in ("comment_header", "comment_purpose")
        },
        today=today().isoformat(),
        id=answers.id,
        title=_scalar(answers.title),
        area=answers.area,
        owner=answers.owner,
        every=_scalar(words.durations.count("month", 12)),
        first=_scalar(words.new_process.first_step),
        end=_scalar(words.new_process.text("end_step", title=answers.title)),
        author=_scalar(author),
        change=_scalar(words.new_process.first_change),
    )


def _schema_ref(given: str | None, folder: Path, path: Path) -> str | None:
    """What `$schema=` says: a URL as given, else the schema file's path relative to the new file."""
    if given and "://" in given:
        return given
    schema = Path(given) if given else find_schema(folder)
    return os.path.relpath(schema.resolve(), path.parent.resolve()).replace(os.sep, "/") if schema else None


def _ask(label: str, check: Check, default: str | None, hint: str = "") -> str:
    """Ask until the answer passes `check` (an empty answer takes the default)."""
    if hint:
        print(hint)
    while True:
        answer = input(f"{label}{f' [{default}]' if default else ''}: ").strip() or (default or "")
        problem = check(answer)
        if problem is None:
            return answer
        print(f"  {problem}", file=sys.stderr)


def _complete(answers: Answers, handbook: Handbook, interactive: bool) -> list[str]:
    """Fill in what is missing (asking in a terminal); the problems of the values given, if any."""
    missing = [name for name in ("id", "title", "area", "owner") if getattr(answers, name) is None]
    if missing and not interactive:
        options = ", ".join(f"--{name}" for name in missing)
        given = [
            (value, check)
            for value, check in (
                (answers.id, id_check(handbook)),
                (answers.title, title_check),
                (answers.area, area_check(handbook)),
                (answers.owner, owner_check(handbook)),
            )
            if value is not None
        ]
        return [
            f"missing {options}: standard input is not a terminal, so nothing can be asked; give "
            f"{'it' if len(missing) == 1 else 'them'} as option{'s' if len(missing) > 1 else ''}",
            *[problem for value, check in given if (problem := check(value)) is not None],
        ]
    if answers.title is None:
        answers.title = _ask("Title", title_check, None)
    if answers.area is None:
        leaves = sorted(a for a, node in handbook.areas.items() if not node.area.children)
        answers.area = _ask("Area", area_check(handbook), None, "Areas: " + ", ".join(leaves))
    if answers.owner is None:
        node = handbook.areas.get(answers.area)
        default = node.area.owner if node is not None and node.area.owner in handbook.roles else None
        answers.owner = _ask(
            "Owner (a role id)", owner_check(handbook), default, "Roles: " + ", ".join(sorted(handbook.roles))
        )
    if answers.id is None:
        answers.id = _ask("Process id", id_check(handbook), suggested_id(handbook, answers.area))
    checks: list[tuple[str, Check]] = [
        (answers.id, id_check(handbook)),
        (answers.title, title_check),
        (answers.area, area_check(handbook)),
        (answers.owner, owner_check(handbook)),
    ]
    return [problem for value, check in checks if (problem := check(value)) is not None]


def run(args: argparse.Namespace) -> int:
    """Create the file; 0 when written, 1 when a value is wrong or the file exists, 2 when values are missing."""
    folder = Path(args.dir)
    handbook = load_handbook(folder)
    if not handbook.roles or not handbook.areas:
        print(
            f"process-manual new: {folder} has no readable _roles.yml and _areas.yml — give the handbook "
            "folder with --dir (and run `process-manual validate` on it)",
            file=sys.stderr,
        )
        return 1
    # One line each: a title or author typed with line breaks or tabs would not read back the same.
    title = " ".join(args.title.split()) if args.title is not None else None
    answers = Answers(args.id, title, args.area, args.owner)
    interactive = sys.stdin is not None and sys.stdin.isatty()
    try:
        problems = _complete(answers, handbook, interactive)
    except (EOFError, KeyboardInterrupt):
        print("\nprocess-manual new: cancelled, nothing written", file=sys.stderr)
        return 1
    if problems:
        for missing in problems:
            print(f"process-manual new: {missing}", file=sys.stderr)
        return 2 if problems[0].startswith("missing ") else 1
    if not (answers.area and answers.title and answers.id and answers.owner):
        raise ValueError("every required answer was checked above")
    path = folder / answers.area / f"{slug(answers.title, answers.id)}.yml"
    schema_ref = _schema_ref(args.schema, folder, path)
    if schema_ref is None:
        print(
            f"process-manual new: no {SCHEMA_PATH} found above {folder}: the file is not bound to a schema "
            f"(write one with `process-manual schema --output {SCHEMA_PATH}`)",
            file=sys.stderr,
        )
    language = command_language(
        args.language,
        folder,
        declared=handbook.source_language,
        catalogs=handbook.interface_catalogs or None,
        guess_from=answers.title,
    )
    warn_once(language, "process-manual new")
    author = " ".join((args.author or "").split()) or handbook.roles[answers.owner].name
    text = process_text(answers, author=author, language=language.catalog, schema_ref=schema_ref)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
            file.write(text)
    except FileExistsError:
        print(f"process-manual new: {path} already exists — edit it, or choose another title", file=sys.stderr)
        return 1
    shown = relative_path(path, Path.cwd())
    problems_after = [p for p in validate(load_handbook(folder), Settings()) if p.path == shown]
    for problem in problems_after:  # none is expected: the template is tested against both example handbooks
        print(problem.text(), file=sys.stderr)
    print(f"Created {path.as_posix()}\nNext: fill in the steps, then run `process-manual validate {folder.as_posix()}`")
    return 1 if any(p.is_error for p in problems_after) else 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register `process-manual new` (called by :func:`.cli.build_parser`)."""
    new = commands.add_parser("new", help="write a new, valid process file (asks for what is missing in a terminal)")
    new.add_argument("--id", help="the document number, unique in the handbook, e.g. ADM-009")
    new.add_argument("--title", help="the process name")
    new.add_argument("--area", help="a leaf area id from _areas.yml (the file goes into DIR/AREA/)")
    new.add_argument("--owner", help="the process owner: a role id from _roles.yml")
    new.add_argument("--dir", default="processes", help="the handbook folder (default: processes)")
    new.add_argument("--author", help="the author of the first change-log entry (default: the owner role's name)")
    new.add_argument(
        "--language",
        type=tag_argument,
        help=language_help("the language of the placeholder texts")
        + " (a handbook outside a site: guessed from the title)",
    )
    new.add_argument(
        "--schema",
        help=f"the JSON Schema to bind the file to (default: {SCHEMA_PATH} in the "
        "handbook folder or a folder above it)",
    )
    new.set_defaults(run=run)
