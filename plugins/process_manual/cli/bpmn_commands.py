"""`process-manual bpmn export|import`: BPMN 2.0 files out of a handbook and into it.

`export` writes one `<ID>.bpmn` per process of a handbook that validates. `import` writes one new
process file that validates, or writes nothing and says what it could not map (with the BPMN
element id). New roles (lanes that match no role) are listed to add; with `--add-roles` they are
appended to _roles.yml, which is put back as it was if the result does not validate.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from process_manual.check.validate import Settings, validate
from process_manual.cli.newprocess import area_check, find_schema, id_check, owner_check, slug, suggested_id
from process_manual.core.cjk import guess_language
from process_manual.core.clock import today
from process_manual.core.labels import Labels
from process_manual.core.problems import relative_path
from process_manual.formats.bpmn import handbook_files
from process_manual.formats.bpmn_import import Imported, ImportOptions, ImportRefused, import_process
from process_manual.formats.bpmn_read import BpmnReadError, read_file
from process_manual.formats.bpmn_roles import append_roles, role_line
from process_manual.load.handbook import load_handbook
from process_manual.load.localize import localize

PROG = "process-manual bpmn"


def _say(line: str) -> None:
    print(f"{PROG}: {line}", file=sys.stderr)


def export(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    handbook = load_handbook(folder)
    problems = validate(handbook, Settings())
    errors = [p for p in problems if p.is_error]
    if errors:
        for error in errors:
            print(error.text(), file=sys.stderr)
        _say(
            f"{len(errors)} error(s) in {folder.as_posix()}: nothing exported — fix them first "
            f"(`process-manual validate {folder.as_posix()}`)"
        )
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    language = args.language or handbook.source_language
    if language in handbook.languages[1:]:  # a handbook in several languages: the texts of that language
        handbook = localize(handbook, language)
    for source in handbook.processes:
        words = Labels(language or guess_language(source.process.title))
        for name, text in handbook_files([source], handbook, start_label=words.start).items():
            (out / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"Wrote {len(handbook.processes)} BPMN file(s) to {out.as_posix()}")
    return 0


def _role_map(pairs: list[str] | None) -> dict[str, str]:
    mapped = {}
    for pair in pairs or []:
        lane, _, role = pair.rpartition("=")
        if not lane or not role:
            raise ImportRefused(f"--role '{pair}' is not 'Lane name=role-id'")
        mapped[lane.strip()] = role.strip()
    return mapped


class _Inline(list):
    """A short list written on one line: `forms: [approval-request]`."""


class _InlineMap(dict):
    """A branch written on one line: `{when: approved, next: archive}`."""


class _Dumper(yaml.SafeDumper):
    """Writes a process the way people do: no anchors, indented lists, Markdown as `|` blocks."""

    def ignore_aliases(self, data: object) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    str, lambda d, text: d.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)
)
_Dumper.add_representer(_Inline, lambda d, items: d.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True))
_Dumper.add_representer(
    _InlineMap, lambda d, items: d.represent_mapping("tag:yaml.org,2002:map", items, flow_style=True)
)
_STEP_KEYS = (
    "id",
    "name",
    "kind",
    "responsible",
    "accountable",
    "consulted",
    "informed",
    "within",
    "forms",
    "process",
    "details",
    "next",
    "branches",
)


def _readable_step(step: dict) -> dict:
    out = {k: step[k] for k in _STEP_KEYS if k in step and not (k == "kind" and step[k] == "task")}
    for key in ("responsible", "consulted", "informed", "forms"):
        if key in out:
            out[key] = out[key][0] if key == "responsible" and len(out[key]) == 1 else _Inline(out[key])
    if "branches" in out:
        out["branches"] = [_InlineMap(b) for b in out["branches"]]
    return out


def _process_yaml(content: dict, schema_ref: str | None, source: str) -> str:
    header = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    header += (
        f"# Imported from {' '.join(source.split())} by `process-manual bpmn import` on {today().isoformat()}."
        " Check every step,\n# then run `process-manual validate` and open a pull request.\n"
    )
    content = {
        **content,
        "steps": [_readable_step(s) for s in content["steps"]],
        "review": _InlineMap(content["review"]),
    }
    body = yaml.dump(content, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return header + body


def _report(result: Imported) -> None:
    for note in result.warnings:
        print(note.line("warning"), file=sys.stderr)
    for note in result.errors:
        print(note.line("error"), file=sys.stderr)


def import_(args: argparse.Namespace) -> int:
    """0 when a valid file was written; 1 when nothing was written (and why)."""
    folder, source = Path(args.dir), Path(args.file)
    handbook = load_handbook(folder)
    if not handbook.roles or not handbook.areas:
        _say(f"{folder.as_posix()} has no readable _roles.yml and _areas.yml — give the handbook folder with --dir")
        return 1
    checks = [area_check(handbook)(args.area), owner_check(handbook)(args.owner)]
    process_id = args.id or None
    try:
        definitions = read_file(source)
        role_map = _role_map(args.role)
        for lane, role in role_map.items():
            checks.append(owner_check(handbook)(role) and f"--role '{lane}={role}': unknown role '{role}'")
        if any(checks):
            raise ImportRefused("; ".join(c for c in checks if c))
        guess = next((p.id for p in definitions.processes if p.nodes), "")
        if process_id is None:
            process_id = guess if id_check(handbook)(guess) is None else suggested_id(handbook, args.area)
        if process_id is None or (problem := id_check(handbook)(process_id)):
            raise ImportRefused(problem if process_id else "give the new process's id with --id (e.g. ADM-009)")
        author = " ".join((args.author or "").split()) or handbook.roles[args.owner].name
        result = import_process(
            definitions,
            handbook,
            ImportOptions(
                process_id=process_id,
                title=args.title,
                area=args.area,
                owner=args.owner,
                author=author,
                today=today(),
                language=args.language,
                role_map=role_map,
                process=args.process,
                source_name=source.name,
            ),
        )
    except (BpmnReadError, ImportRefused) as error:
        _say(f"{error}; nothing written")
        return 1
    _report(result)
    if result.new_roles and not args.add_roles:
        _say(
            f"{len(result.new_roles)} lane(s) match no role of {folder.as_posix()}/_roles.yml; nothing written. "
            "Add them to _roles.yml, map them with --role 'Lane name=role-id', or rerun with --add-roles:"
        )
        for role_id, name in result.new_roles.items():
            print(f"  {role_line(role_id, name)}", file=sys.stderr)
        return 1
    if result.errors:
        _say("nothing written")
        return 1
    title = result.process["title"]
    path = folder / args.area / f"{slug(title, process_id)}.yml"
    schema = find_schema(folder)
    schema_ref = os.path.relpath(schema, path.parent.resolve()).replace(os.sep, "/") if schema else None
    text = _process_yaml(result.process, schema_ref, source.name)
    new_folder = not path.parent.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    restore = append_roles(folder / "_roles.yml", result.new_roles) if result.new_roles else None
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:  # never overwrite
            file.write(text)
    except FileExistsError:
        if restore:
            restore()
        _say(f"{path.as_posix()} already exists — give another --title or --id; nothing written")
        return 1
    shown = relative_path(path, Path.cwd())
    problems = [
        p
        for p in validate(load_handbook(folder), Settings())
        if p.is_error and (p.path == shown or p.path.endswith("_roles.yml"))
    ]
    if problems:
        for found in problems:
            print(found.text(), file=sys.stderr)
        path.unlink()
        if new_folder:
            path.parent.rmdir()
        if restore:
            restore()
        _say("the imported process does not validate (see above); nothing written")
        return 1
    if result.new_roles:
        print(
            f"Added {len(result.new_roles)} role(s) to {(folder / '_roles.yml').as_posix()}: "
            + ", ".join(result.new_roles)
        )
    print(
        f"Created {path.as_posix()} ({len(result.process['steps'])} steps, {len(result.warnings)} warning(s))\n"
        f"Next: check it, then run `process-manual validate {folder.as_posix()}`"
    )
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register `process-manual bpmn export|import` (called by :func:`.cli.build_parser`)."""
    bpmn = commands.add_parser("bpmn", help="BPMN 2.0: export processes for modelers, import models as processes")
    actions = bpmn.add_subparsers(dest="action", required=True)
    out = actions.add_parser("export", help="write <ID>.bpmn for every process (with its diagram)")
    out.add_argument("dir", nargs="?", default="processes", help="the handbook folder (default: processes)")
    out.add_argument("--out", required=True, metavar="FOLDER", help="where to write the .bpmn files")
    out.add_argument(
        "--language",
        choices=("en", "zh"),
        help="language of the start event's name (default: zh for a Chinese title, else en)",
    )
    out.set_defaults(run=export)
    into = actions.add_parser("import", help="write a new process file from a BPMN 2.0 model")
    into.add_argument("file", help="the .bpmn file")
    into.add_argument("--area", required=True, help="a leaf area id from _areas.yml (the file goes into DIR/AREA/)")
    into.add_argument("--owner", required=True, help="the process owner: a role id from _roles.yml")
    into.add_argument("--dir", default="processes", help="the handbook folder (default: processes)")
    into.add_argument(
        "--id",
        help="the new process's id (default: the BPMN process id if it fits and is free, "
        "else the next free number of the area)",
    )
    into.add_argument("--title", help="the process name (default: the pool's or the process's name)")
    into.add_argument("--process", metavar="ID_OR_NAME", help="which process of the file (default: the largest)")
    into.add_argument("--role", action="append", metavar="LANE=ROLE", help="map a lane to a role id (repeat)")
    into.add_argument("--add-roles", action="store_true", help="append roles for lanes that match none to _roles.yml")
    into.add_argument("--author", help="the author of the change-log entry (default: the owner role's name)")
    into.add_argument("--language", choices=("en", "zh"), help="language of generated words (default: from the names)")
    into.set_defaults(run=import_)
