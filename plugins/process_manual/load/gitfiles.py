"""Read files and their history from git, with the `git` program itself (no library, no network).

Everything here is a thin, typed wrapper over a handful of git commands. Each function costs one
`git` call whatever the number of files: a whole folder's history is one `git log`, and every blob
of it is read by one `git cat-file --batch`. Failures become :class:`GitError` with git's own words,
never a traceback, so that the pull-request check can exit 2 and the site build can degrade.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

_NO_BLOB = "0" * 40
_TIMEOUT = 120
"""Seconds for one git call: a local repository answers in well under a second; a hung one must not
hang the build or the check for ever."""


class GitError(Exception):
    """git is missing, the folder is not in a repository, a ref is unknown, or git failed."""


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    email: str
    date: dt.datetime
    """The author date, with its time zone (git's `%aI`)."""

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class Revision:
    """One committed state of one file: the commit, the file's path in it and its blob."""

    commit: Commit
    path: str
    blob: str


_LOCATION_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_COMMON_DIR",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


def _environment() -> dict[str, str]:
    # The repository is the one holding the folder we are asked about, even when we run inside a git
    # hook (which sets GIT_DIR and GIT_INDEX_FILE); messages are in English whatever the locale (we
    # quote them); no prompt for credentials can ever block a build; reading takes no locks.
    env = {k: v for k, v in os.environ.items() if k not in _LOCATION_VARIABLES}
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0")
    return env


def git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run one git command in `cwd` and return its output; any failure is a :class:`GitError`."""
    command = ["git", "-c", "core.quotePath=false", "-c", "log.showSignature=false", *args]
    try:
        result = subprocess.run(
            command, cwd=cwd, input=stdin, capture_output=True, timeout=_TIMEOUT, env=_environment(), check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"`git {args[0]}` did not answer within {_TIMEOUT} s") from None
    except OSError as exc:
        raise GitError(f"cannot run git ({exc.strerror})") from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        fatal = [line for line in lines if line.startswith(("fatal:", "error:"))] or lines[-1:]
        raise GitError(fatal[0].split(": ", 1)[-1] if fatal else f"`git {args[0]}` failed")
    return result.stdout


@dataclass(frozen=True)
class Repository:
    """A working tree: its top folder, and whether its history was cut short (a shallow clone)."""

    root: Path
    shallow: bool

    def relative(self, path: Path) -> str:
        """`path` as git names it: relative to the top of the working tree, with forward slashes."""
        try:
            relative = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            raise GitError(f"{path} is outside the working tree at {self.root}") from None
        return "" if relative == "." else relative


def repository(folder: Path) -> Repository:
    """The repository whose working tree holds `folder`."""
    if not folder.is_dir():
        raise GitError(f"{folder} is not a folder")
    try:
        out = git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository").decode().splitlines()
    except GitError as error:
        if "not a git repository" not in str(error):
            raise
        raise GitError(f"{folder} is not in a git repository") from None
    if len(out) < 2 or not out[0]:
        raise GitError(f"{folder} is not inside the working tree of a git repository")
    return Repository(Path(out[0]).resolve(), out[1].strip() == "true")


def resolve(repo: Repository, ref: str) -> str:
    """The commit a ref names (`HEAD`, `origin/main`, a tag, a sha)."""
    if ref.startswith("-"):  # would be read as an option
        raise GitError(f"'{ref}' is not a git ref")
    try:
        return (
            git(repo.root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
        )
    except GitError:
        raise GitError(f"unknown git ref '{ref}'") from None


def head(repo: Repository) -> str | None:
    """The current commit, or None in a repository without any commit yet."""
    try:
        return resolve(repo, "HEAD")
    except GitError:
        return None


def tree_files(repo: Repository, commit: str, folder: str) -> dict[str, str]:
    """Path -> blob of every file under `folder` (relative to the top) in `commit`."""
    out = git(repo.root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", folder or ".")
    files: dict[str, str] = {}
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        if kind == "blob" and mode != "120000":  # links are not followed, as in the working tree
            files[path.decode("utf-8", "surrogateescape")] = blob
    return files


def read_blobs(repo: Repository, blobs: list[str]) -> dict[str, bytes]:
    """The content of each blob, all read by one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    out = git(repo.root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted).encode())
    contents: dict[str, bytes] = {}
    position = 0
    for blob in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].decode().split()
        position = end + 1
        if len(header) != 3:  # "<sha> missing": e.g. cut off by a partial clone
            continue
        size = int(header[2])
        contents[blob] = out[position : position + size]
        position += size + 1  # the content is followed by a newline
    return contents


def folder_log(repo: Repository, folder: str, head: str = "HEAD") -> list[Revision]:
    """Every committed state of the files under `folder` at `head`, back through their renames, oldest first,
    from one `git log`.

    Each file is followed back along its own line: through a rename or move git detects (a file that
    moved from another folder keeps the history it had there), and no further back than the commit that
    added it — states an older, different file had at the same path are not its history (a handbook
    replaced by another at the same place). A move with heavy edits in the same commit, which git sees as
    a deletion and an addition, starts a new line; so does a file rewritten completely in place (`-B`).
    Merge commits show no files of their own; the states
    they merge are those of the commits on either side.
    """
    followed = set(tree_files(repo, head, folder))
    out = git(
        repo.root,
        "log",
        "-B",  # a file rewritten from scratch is a deletion and an addition, not a change
        "-M",
        "--raw",
        "--no-abbrev",
        "-z",
        "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI",
        head,
        "--",
        "*.yml",
        "*.yaml",
    )
    newest_first: list[list[Revision]] = []
    for chunk in out.split(b"\x1e"):
        if not chunk.strip():
            continue
        tokens = [t.lstrip(b"\n") for t in chunk.split(b"\0")]
        sha, author, email, date = tokens[0].decode("utf-8", "replace").split("\x1f")
        commit = Commit(sha, author, email, dt.datetime.fromisoformat(date.strip()))
        states: list[Revision] = []
        for status, blob, paths, mode in _raw_entries(tokens[1:]):
            path = paths[-1]
            if path not in followed or status == "D":
                continue
            if blob != _NO_BLOB and mode != "120000":  # links have no state
                states.append(Revision(commit, path, blob))
            if status in ("R", "A"):  # before this commit the file was elsewhere, or did not exist
                followed.discard(path)
                if status == "R":
                    followed.add(paths[0])
        newest_first.append(states)
    return [revision for states in reversed(newest_first) for revision in states]


def _raw_entries(tokens: list[bytes]) -> list[tuple[str, str, list[str], str]]:
    """(status letter, blob after, paths, mode after) of each `--raw -z` record: a rename or copy names two
    paths, the old one first."""
    entries: list[tuple[str, str, list[str], str]] = []
    position = 0
    while position < len(tokens):
        meta = tokens[position].decode("utf-8", "replace")
        fields = meta.split()
        if not meta.startswith(":") or len(fields) < 5:
            position += 1
            continue
        status = fields[4][0]
        count = 2 if status in ("R", "C") else 1
        if status == "M" and len(fields[4]) > 1:  # `-B` scored it as a rewrite: a new file in an old place
            status = "A"
        paths = [t.decode("utf-8", "surrogateescape") for t in tokens[position + 1 : position + 1 + count]]
        entries.append((status, fields[3], paths, fields[1]))
        position += 1 + count
    return entries
