"""The versions of every process as git recorded them, for the history pages.

One `git log` lists every committed state of every file in the handbook folder; one
`git cat-file --batch` reads them all; each distinct file content is parsed once. States are
matched to processes by the `id` inside the file (so a renamed or moved file keeps its history) and
to versions by its `version` field. The result is cached per commit, so that `mkdocs serve` reads
git again only after a new commit.

A folder outside git, a shallow clone or a missing `git` make :class:`HistoryUnavailable`: the
caller shows the change log alone and says why once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from process_manual.core.model import VERSION_PATTERN, Process
from process_manual.core.semdiff import changed_fields
from process_manual.load import gitfiles
from process_manual.load.gitfiles import Commit
from process_manual.load.handbook import Handbook
from process_manual.load.handbook import _collector_paused as collector_paused
from process_manual.load.yamlload import load_text

_VERSION = re.compile(VERSION_PATTERN)


class HistoryUnavailable(Exception):
    """Git cannot tell the history of this handbook; the message says why, for the build's one warning."""


@dataclass(frozen=True)
class State:
    """One state of a process file: committed (with its commit) or in the working tree (commit None)."""

    commit: Commit | None
    path: str
    data: dict[str, Any]
    process: Process | None
    """The state as a typed process; None when it is not valid under today's model (an old format)."""

    @property
    def version(self) -> str:
        return str(self.data.get("version"))


@dataclass
class VersionHistory:
    version: str
    first: State
    """The state that introduced this version (its commit: who and when)."""
    last: State
    """The final state of this version: what the version says."""
    later_edits: int = 0
    """Content changes committed after `first` without a new version (the check refuses them now)."""


@dataclass
class ProcessHistory:
    process_id: str
    versions: dict[str, VersionHistory] = field(default_factory=dict)

    def previous(self, version: str) -> VersionHistory | None:
        """The highest version found in git that is lower than `version`."""
        lower = [v for v in self.versions.values() if version_key(v.version) < version_key(version)]
        return max(lower, key=lambda v: version_key(v.version), default=None)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _is_process_file(path: str) -> bool:
    name = PurePosixPath(path).name
    return name.endswith((".yml", ".yaml")) and not name.startswith("_")


def _parse(raw: bytes, path: str) -> tuple[dict[str, Any], Process | None] | None:
    """The data of one committed file (None when it is not a readable process), through the same safe loader
    as the working tree: a hostile old commit is refused exactly as a hostile file would be."""
    doc, _problems = load_text(raw, Path(path), path)
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("id"), str):
        return None
    if not _VERSION.match(str(doc.data.get("version"))):
        return None
    try:
        return doc.data, Process.model_validate(doc.data)
    except ValidationError:
        return doc.data, None


_cache: dict[tuple[str, str, str], dict[str, list[State]]] = {}
"""(repository, folder, HEAD) -> committed states by process id. One entry: `mkdocs serve` rebuilds
after every save, and the committed history only changes with a commit."""


def _committed_states(repo: gitfiles.Repository, folder: str, head: str) -> dict[str, list[State]]:
    key = (str(repo.root), folder, head)
    if key in _cache:
        return _cache[key]
    revisions = [r for r in gitfiles.folder_log(repo, folder, head) if _is_process_file(r.path)]
    blobs = gitfiles.read_blobs(repo, [r.blob for r in revisions])
    with collector_paused():  # every revision of every file: the same many acyclic objects as a load
        parsed = {blob: _parse(raw, "") for blob, raw in blobs.items()}
    states: dict[str, list[State]] = {}
    for revision in revisions:
        content = parsed.get(revision.blob)
        if content is None:
            continue
        data, process = content
        states.setdefault(data["id"], []).append(State(revision.commit, revision.path, data, process))
    _cache.clear()
    _cache[key] = states
    return states


def _group(process_id: str, states: list[State]) -> ProcessHistory:
    history = ProcessHistory(process_id)
    for state in states:
        known = history.versions.get(state.version)
        if known is None:
            history.versions[state.version] = VersionHistory(state.version, state, state)
            continue
        if changed_fields(known.last.data, state.data):
            known.later_edits += 1
        known.last = state
    return history


def read_history(folder: Path, handbook: Handbook) -> dict[str, ProcessHistory]:
    """Process id -> its versions found in git, for every process of `handbook` (loaded from `folder`).

    The working tree's state of each file counts as the last state of its version when it differs from
    the last commit (so that `mkdocs serve` shows an edit before it is committed).
    """
    try:
        repo = gitfiles.repository(folder)
        if repo.shallow:
            raise HistoryUnavailable("the git repository is a shallow clone, its history is cut short")
        head = gitfiles.head(repo)
        committed = _committed_states(repo, repo.relative(folder), head) if head else {}
    except gitfiles.GitError as error:
        raise HistoryUnavailable(str(error)) from None
    histories: dict[str, ProcessHistory] = {}
    for source in handbook.processes:
        process_id = source.process.id
        states = list(committed.get(process_id, []))
        data = source.doc.data
        if not states or changed_fields(states[-1].data, data) or states[-1].version != source.process.version:
            states.append(State(None, source.path, data, source.process))
        histories[process_id] = _group(process_id, states)
    return histories


def history_or_reason(
    folder: Path, handbook: Handbook, enabled: bool = True
) -> tuple[dict[str, ProcessHistory] | None, str | None]:
    """What git knows of each process, or None and a warning to show once when git cannot tell (None and
    no warning when reading git is off: the `git_history` option)."""
    if not enabled:
        return None, None
    try:
        return read_history(folder, handbook), None
    except HistoryUnavailable as reason:
        return None, (
            f"the version history pages show the change log alone: {reason} — build from a full "
            "clone (`git fetch --unshallow`; GitHub Actions: `fetch-depth: 0`) to show what changed "
            "in each version, or set `git_history: false` for the process-manual plugin"
        )
