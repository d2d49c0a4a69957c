"""`process-manual`: the same modules the MkDocs plugin uses, from the command line."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from process_manual import __version__
from process_manual.build import plain_files as export_markdown
from process_manual.build.handbook_language import command_language, warn_once
from process_manual.check.validate import DEFAULT_VAGUE_OWNERS, Settings, validate
from process_manual.cli import bpmn_commands as bpmn_cli
from process_manual.cli import newprocess, translations
from process_manual.core.catalog import REFERENCE, language_help
from process_manual.core.language_tags import tag_argument
from process_manual.core.problems import format_github, format_human, format_json
from process_manual.formats import codeowners, pdf
from process_manual.formats.schema import SITE_PATH as SCHEMA_PATH
from process_manual.formats.schema import process_schema, schema_text
from process_manual.load.handbook import load_handbook
from process_manual.load.parsecache import load_cache, save_cache

FORMATS = {"human": format_human, "json": format_json, "github": format_github}


def _validate(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if args.no_cache:
        handbook = load_handbook(root)
    else:  # parsed files kept by content between runs (parsecache.py): unchanged files are not parsed again
        cache = load_cache(root)
        handbook = load_handbook(root, cache=cache)
        save_cache(cache, root)
    vague = tuple(args.vague_owner) if args.vague_owner else DEFAULT_VAGUE_OWNERS
    docs = Path(args.docs) if args.docs else None  # without it, pages named by reading paths are not looked for
    language = command_language(
        args.language, root, declared=handbook.source_language, catalogs=handbook.interface_catalogs or None
    )
    warn_once(language, "process-manual validate")
    settings = Settings(vague_owners=vague, docs_dir=docs, shown_base=Path.cwd(), language=str(language.catalog.tag))
    problems = validate(handbook, settings)
    output = FORMATS[args.format](problems)
    if output:
        print(output)
    return 1 if any(p.is_error for p in problems) else 0


def _check(args: argparse.Namespace) -> int:
    """The pull-request check; exit 2 when it cannot run (no git repository, unknown ref)."""
    from process_manual.check.changecheck import (
        CheckError,
        check_changes,
    )  # git and semantic diffs: `validate` starts sooner without

    try:
        problems = check_changes(Path(args.dir), args.base, docs_dir=Path(args.docs) if args.docs else None)
    except CheckError as error:
        print(f"process-manual check: error: {error}", file=sys.stderr)
        return 2
    output = FORMATS[args.format](problems)
    if output:
        print(output)
    return 1 if any(p.is_error for p in problems) else 0


def _schema(args: argparse.Namespace) -> int:
    if args.dir and not Path(args.dir).is_dir():
        print(f"process-manual schema: {args.dir} is not a folder — give the handbook folder", file=sys.stderr)
        return 1
    text = schema_text(process_schema(load_handbook(Path(args.dir)) if args.dir else None))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _rules(args: argparse.Namespace) -> int:
    """The rules reference (Markdown); with --dir, also what that handbook's _handbook.yml sets."""
    from process_manual.check.policy import read_policy
    from process_manual.render.rules_page import render_rules_reference

    severities = None
    if args.dir:
        handbook = load_handbook(Path(args.dir))
        policy, problems = read_policy(handbook)
        for problem in problems:
            print(problem.text(), file=sys.stderr)
        severities = policy.severities
        language = command_language(
            args.language,
            Path(args.dir),
            declared=handbook.source_language,
            catalogs=handbook.interface_catalogs or None,
        )
    else:
        language = command_language(args.language or REFERENCE, Path.cwd())
    warn_once(language, "process-manual rules")
    sys.stdout.write(render_rules_reference(language.catalog, handbook_severities=severities))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="process-manual", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="report every problem in every file; exit 1 on any error")
    check.add_argument("dir", nargs="?", default="processes", help="the handbook folder (default: processes)")
    check.add_argument("--format", choices=sorted(FORMATS), default="human")
    check.add_argument(
        "--vague-owner",
        action="append",
        metavar="WORDS",
        help="a word that marks a vague owner (repeat; replaces the built-in list)",
    )
    check.add_argument(
        "--docs",
        metavar="DIR",
        help="the site's docs folder: pages named by reading paths "
        "(_onboarding.yml) must exist there (the site build always checks them)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file, and neither read nor write the "
        "cache of parsed files (default folder: $XDG_CACHE_HOME/process-manual or "
        "~/.cache/process-manual; PROCESS_MANUAL_CACHE_DIR sets another)",
    )
    check.add_argument(
        "--language",
        type=tag_argument,
        help=language_help("the language of the examples in hints (besides English)"),
    )
    check.set_defaults(run=_validate, reads_only=True)
    change = commands.add_parser(
        "check",
        help="the pull-request check: every process changed since --base has a "
        "new version and change-log entry, and no reference is left pointing at what it removed; exit 1 if not",
    )
    change.add_argument("--base", required=True, metavar="GIT_REF", help="compare with this commit, branch or tag")
    change.add_argument("--dir", default="processes", help="the handbook folder (default: processes)")
    change.add_argument(
        "--docs",
        metavar="DIR",
        help="the site's docs folder: its pages are searched too for references to what the change deletes, "
        "retires or renames",
    )
    change.add_argument("--format", choices=sorted(FORMATS), default="human")
    change.set_defaults(run=_check, reads_only=True)
    rules = commands.add_parser(
        "rules",
        help="print the rules reference: every rule id, its default severity, "
        "the principle behind it and a bad and a good example (Markdown)",
    )
    rules.add_argument("--language", type=tag_argument, help=language_help("the language of the reference"))
    rules.add_argument(
        "--dir", help="a handbook folder: also show what its _handbook.yml sets (and speak its language)"
    )
    rules.set_defaults(run=_rules)
    schema = commands.add_parser("schema", help="print the JSON Schema of a process file")
    schema.add_argument("--dir", help="a handbook folder: its role, form, area and process ids become suggestions")
    schema.add_argument("--output", metavar="FILE", help=f"write the schema here (e.g. {SCHEMA_PATH})")
    schema.set_defaults(run=_schema)
    newprocess.add_parser(commands)
    codeowners.add_parser(commands)
    pdf.add_parser(commands)
    export_markdown.add_parser(commands)
    bpmn_cli.add_parser(commands)
    translations.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status


def run() -> None:
    """The console script. `validate` and `check` load a handbook, report and exit: what they build
    is freed by reference counting, and the cycle collector would only rescan the loaded handbook
    again and again (0.2 s of 1.4 s for 1,000 processes), so it is off for them."""
    args = build_parser().parse_args()
    if getattr(args, "reads_only", False):
        gc.disable()
    sys.exit(args.run(args))
