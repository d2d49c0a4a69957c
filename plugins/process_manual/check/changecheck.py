"""The pull-request check: every process changed since a git ref keeps its version and change log honest.

The working tree (what the pull request would merge) is compared with the process files at the base
ref. A process is matched by path and by id, so a renamed or moved file is the same process. For each:

- a change of content (:func:`.semdiff.changed_fields`: parsed data, so layout and comments do not
  count) needs a higher `version` whose change-log entry is new and the newest;
- a version is never lowered, and released change-log entries are never removed;
- the `id` (the document number) never changes;
- a process file is deleted only after it was released as `retired` (retire first, delete later);
- every file that still refers to a process the change deletes, retires or renames, or to a step it
  removes or renames, is named at the reference (check/impact.py).

Drafts that were drafts at the base change freely: nothing of them was released. Problems carry the
position of the value to fix, like every other message of the tool.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from process_manual.check.impact import changed_targets, referring_problems
from process_manual.check.policy import apply_policy, read_policy
from process_manual.check.translations import made_stale
from process_manual.core.model import VERSION_PATTERN
from process_manual.core.problems import Problem, relative_path, sort_problems
from process_manual.core.rules import make_problem
from process_manual.core.semdiff import changed_fields
from process_manual.load import gitfiles
from process_manual.load.docpages import read_pages
from process_manual.load.githistory import version_key
from process_manual.load.handbook import load_handbook
from process_manual.load.translations import translation_target
from process_manual.load.yamlload import Document, load_file, load_text

_VERSION = re.compile(VERSION_PATTERN)


class CheckError(Exception):
    """The check cannot run (not a git repository, unknown ref): the CLI exits 2 with this message."""


@dataclass
class _Pair:
    """One process at the base (data, path) and in the working tree (document)."""

    base_path: str
    base: dict[str, Any]
    current: Document


def _is_process_file(name: str, languages: list[str]) -> bool:
    """A process file, not a catalog and not a translation (a translation changes no process: it needs no
    new version; what a change of a source text makes stale is reported by :func:`.translations.made_stale`)."""
    return name.endswith((".yml", ".yaml")) and not name.startswith("_") and translation_target(name, languages) is None


def _languages(folder: Path) -> list[str]:
    """The working tree's `languages:` of _handbook.yml (empty when it has none or cannot be read)."""
    doc, _ = (
        load_file(folder / "_handbook.yml", "_handbook.yml") if (folder / "_handbook.yml").is_file() else (None, [])
    )
    languages = doc.data.get("languages") if doc is not None and isinstance(doc.data, dict) else None
    return [str(tag) for tag in languages] if isinstance(languages, list) else []


def _working_files(folder: Path, repo: gitfiles.Repository, languages: list[str]) -> dict[str, Path]:
    """Git path -> file, for every process file under `folder` (the same files the handbook loads)."""
    found: dict[str, Path] = {}
    for parent, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(parent) / name
            if _is_process_file(name, languages) and not path.is_symlink():
                found[posixpath.join(repo.relative(path.parent), name)] = path
    return found


def _version(data: dict[str, Any]) -> str | None:
    value = data.get("version")
    return str(value) if value is not None and _VERSION.match(str(value)) else None


def _next_version(version: str) -> str:
    parts = version.split(".") + ["0"] * (2 - version.count("."))
    return f"{parts[0]}.{int(parts[1]) + 1}"


def _entries(data: dict[str, Any]) -> list[str]:
    """The versions of the change log, oldest first (malformed entries are the validator's business)."""
    log = data.get("changelog")
    if not isinstance(log, list):
        return []
    return [str(e.get("version")) for e in log if isinstance(e, dict) and e.get("version") is not None]


def _compare(pair: _Pair, base_ref: str) -> list[Problem]:
    base, doc = pair.base, pair.current
    current: dict[str, Any] = doc.data
    problems: list[Problem] = []
    old_id, new_id = base.get("id"), current.get("id")
    if old_id != new_id:
        problems.append(
            doc.problem(
                ("id",),
                f"the id changed from {old_id} to {new_id} (at {base_ref}: {pair.base_path})",
                f"keep the id {old_id}: it is the document number; a new process needs a new file",
                rule="id-changed",
            )
        )
    if base.get("status") == "draft" and current.get("status") == "draft":
        return problems
    old_version, new_version = _version(base), _version(current)
    if old_version is None or new_version is None:
        return problems  # the validator reports a missing or malformed version
    fields = changed_fields(base, current)
    old_log, new_log = _entries(base), _entries(current)
    # Where a missing or stale newest entry is reported: the last entry, after which the new one goes.
    newest: tuple[str | int, ...] = ("changelog", len(current["changelog"]) - 1) if new_log else ("changelog",)
    if version_key(new_version) < version_key(old_version):
        problems.append(
            doc.problem(
                ("version",),
                f"the version went down from {old_version} (at {base_ref}) to {new_version}",
                f"a new version must be higher than {old_version}",
                rule="version-lowered",
            )
        )
    elif new_version == old_version:
        if fields:
            problems.append(
                doc.problem(
                    ("version",),
                    f"the content changed ({', '.join(fields)}) but the version is still {old_version}",
                    f'raise `version` (e.g. "{_next_version(old_version)}") and add a change-log '
                    "entry for it at the end of `changelog`",
                    rule="version-not-raised",
                )
            )
    elif not new_log or new_log[-1] != new_version:
        problems.append(
            doc.problem(
                newest,
                f"version {new_version} has no change-log entry at the end of `changelog`",
                f"add an entry for version {new_version} as the last one (the newest)",
                rule="changelog-not-updated",
            )
        )
    elif new_version in old_log:
        problems.append(
            doc.problem(
                newest,
                f"the change-log entry for {new_version} already existed at {base_ref}",
                f"add a new entry for version {new_version}",
                rule="changelog-not-updated",
            )
        )
    for index, version in enumerate(old_log):
        if version not in new_log:
            problems.append(
                doc.problem(
                    ("changelog",),
                    f"the change-log entry for version {version} was removed (it is entry {index + 1} at {base_ref})",
                    "keep every released entry: the history of a process is kept",
                    at_key=True,
                    rule="changelog-entry-removed",
                )
            )
    return problems


def check_changes(
    folder: Path, base_ref: str, *, shown_base: Path | None = None, docs_dir: Path | None = None
) -> list[Problem]:
    """Every problem of every process changed in the working tree at `folder` since `base_ref`, and every
    reference (in the handbook, and in the pages of `docs_dir` when given) that the changes touch."""
    shown = shown_base if shown_base is not None else Path.cwd()
    try:
        repo = gitfiles.repository(folder)
        base_commit = gitfiles.resolve(repo, base_ref)
        prefix = repo.relative(folder)
        languages = _languages(folder)
        base_files = {
            p: b
            for p, b in gitfiles.tree_files(repo, base_commit, prefix).items()
            if _is_process_file(Path(p).name, languages)
        }
        base_raw = gitfiles.read_blobs(repo, list(base_files.values()))
    except gitfiles.GitError as error:
        raise CheckError(str(error)) from None
    working = _working_files(folder, repo, languages)
    problems: list[Problem] = []
    base_data: dict[str, dict[str, Any]] = {}
    current: dict[str, Document] = {}
    for path in sorted(set(base_files) | set(working)):
        raw = base_raw.get(base_files.get(path, ""))
        file = working.get(path)
        if file is not None and raw is not None and file.read_bytes() == raw:
            continue  # byte for byte the same: the common case, nothing to parse
        if raw is not None:
            doc, _ = load_text(raw, Path(path), path)
            if doc is not None and isinstance(doc.data, dict):
                base_data[path] = doc.data
        if file is not None:
            doc, load_problems = load_file(file, relative_path(file, shown))
            problems += [p for p in load_problems if p.is_error]
            if doc is not None and isinstance(doc.data, dict):
                current[path] = doc
    pairs, gone = _match(base_data, current)
    for pair in pairs:
        problems += _compare(pair, base_ref)
        if languages:
            problems += made_stale(pair.base, pair.current, languages, shown)
    effects = changed_targets(
        [(pair.base, pair.current.data) for pair in pairs], [d for p, d in gone if p not in working]
    )
    if effects:  # only then is the whole handbook read: most changes delete, retire and rename nothing
        handbook = load_handbook(folder, shown_base=shown)
        policy, _ = read_policy(handbook)  # its own problems are validate's to report
        problems += apply_policy(referring_problems(handbook, read_pages(docs_dir, shown), effects), policy)
    for path, data in gone:
        if path in working:
            continue  # still there but unreadable: its own problems are reported above, it is not deleted
        if data.get("status") != "retired":
            where = relative_path(repo.root / path, shown)
            problems.append(
                make_problem(
                    "deleted-before-retired",
                    where,
                    1,
                    1,
                    f"the process {data.get('id', '?')} was deleted but it is "
                    f"{data.get('status', 'draft')} at {base_ref}",
                    "retire it first: set `status: retired` with a new version and change-log "
                    "entry, merge that, and delete the file in a later change",
                )
            )
    return sort_problems(problems)


def _match(base: dict[str, dict[str, Any]], current: dict[str, Document]) -> tuple[list[_Pair], list[tuple[str, dict]]]:
    """Pairs of the same process (same path, else same id), and the base processes found nowhere now."""
    pairs = [_Pair(path, base[path], current[path]) for path in base if path in current]
    new_by_id = {doc.data.get("id"): doc for path, doc in current.items() if path not in base}
    gone: list[tuple[str, dict]] = []
    for path, data in base.items():
        if path in current:
            continue
        moved = new_by_id.get(data.get("id"))
        if moved is not None:
            pairs.append(_Pair(path, data, moved))
        else:
            gone.append((path, data))
    return pairs, gone
