"""Parsed files kept by their content, so that unchanged files are not parsed again.

`mkdocs serve` keeps one in memory across rebuilds; `process-manual validate` keeps one on disk across
runs (as ruff and mypy keep theirs). An entry is found by the file's path as shown and the hash of its
bytes — never by modification time or size, so an edit that keeps both is still seen — and the disk
copy is used only by the same code that wrote it (its fingerprint covers the parser's source, PyYAML and
Python). A cache can make a run faster; it can never change a result.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import yaml

from process_manual.load.parseall import Job, Parsed, parse_files
from process_manual.load.yamlload import MAX_FILE_BYTES, Document

_FORMAT = 2
_PACKAGE = Path(__file__).resolve().parent.parent
_PARSER_SOURCES = ("load/yamlload.py", "core/problems.py", "core/rules.py", "load/parseall.py", "load/parsecache.py")
"""The modules whose code decides what a parsed file holds: any change to them starts a new cache."""


def _fingerprint() -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_FORMAT} {sys.version} {yaml.__version__} {yaml.__with_libyaml__}".encode())
    for name in _PARSER_SOURCES:
        digest.update((_PACKAGE / name).read_bytes())
    return digest.hexdigest()


def default_folder() -> Path:
    """PROCESS_MANUAL_CACHE_DIR, else $XDG_CACHE_HOME/process-manual, else ~/.cache/process-manual."""
    if os.environ.get("PROCESS_MANUAL_CACHE_DIR"):
        return Path(os.environ["PROCESS_MANUAL_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "process-manual"


class ParseCache:
    """(path, shown path) -> (hash of the bytes, what parsing them gave)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], tuple[bytes, Parsed]] = {}
        self.changed = False

    def parse(self, jobs: list[tuple[Path, str]]) -> list[Parsed]:
        """Every file parsed, or taken from the cache when its bytes are the ones parsed before."""
        results: list[Parsed | None] = [None] * len(jobs)
        stale: list[int] = []
        stale_jobs: list[Job] = []
        digests: list[bytes | None] = [None] * len(jobs)
        for i, (path, shown) in enumerate(jobs):
            raw = _read(path)
            if raw is None:  # unreadable or over the size limit: the loader says why (never cached)
                stale.append(i)
                stale_jobs.append((path, shown))
                continue
            digest = hashlib.blake2b(raw, digest_size=20).digest()
            digests[i] = digest
            cached = self.entries.get((str(path), shown))
            if cached is not None and cached[0] == digest:
                doc, problems = cached[1]
                results[i] = (_with_text(doc, raw), list(problems))
            else:
                stale.append(i)
                stale_jobs.append((path, shown, raw))  # parsed from these very bytes: the hash is theirs
        for i, parsed in zip(stale, parse_files(stale_jobs), strict=False):
            results[i] = parsed
            read = digests[i]
            if read is not None:
                self.entries[(str(jobs[i][0]), jobs[i][1])] = (read, (_without_text(parsed[0]), list(parsed[1])))
                self.changed = True
        return results  # type: ignore[return-value]  # every None was replaced by a parse above

    def forget_except(self, jobs: list[tuple[Path, str]]) -> None:
        """Drop entries of files no longer in the handbook (deleted or renamed)."""
        keep = {(str(path), shown) for path, shown in jobs}
        for key in [key for key in self.entries if key not in keep]:
            del self.entries[key]
            self.changed = True


def _without_text(doc: Document | None) -> Document | None:
    """What is kept of a document: its data, not its text (two thirds of the cache; the bytes that are
    hashed anyway give it back) nor the positions found from it."""
    return None if doc is None else dataclasses.replace(doc, text="", _index=None)


def _with_text(doc: Document | None, raw: bytes) -> Document | None:
    """A kept document with its text: the very bytes it was parsed from (their hash matched), decoded as the
    loader decoded them (they decoded then, so they do now)."""
    if doc is None:
        return None
    return dataclasses.replace(doc, text=raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))


def _read(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    return raw if len(raw) <= MAX_FILE_BYTES else None


def _cache_file(folder: Path, root: Path) -> Path:
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
    return folder / f"parsed-{name}.pickle"


def load_cache(root: Path, folder: Path | None = None) -> ParseCache:
    """The disk cache of the handbook at `root`, or an empty one (missing, damaged, or by other code)."""
    cache = ParseCache()
    try:
        with _cache_file(folder or default_folder(), root).open("rb") as handle:
            stored = pickle.load(handle)  # noqa: S301 - our own cache file, in the user's own cache folder
        if isinstance(stored, dict) and stored.get("fingerprint") == _fingerprint():
            cache.entries = stored["entries"]
    except Exception:  # noqa: S110 - a damaged or foreign cache file is an empty cache
        pass
    return cache


def save_cache(cache: ParseCache, root: Path, folder: Path | None = None) -> None:
    """Write the cache if it changed; atomically (a crash never leaves half a file), and never failing the run."""
    if not cache.changed:
        return
    folder = folder or default_folder()
    target = _cache_file(folder, root)
    written: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=".parsed-", delete=False) as handle:
            written = handle.name
            pickle.dump({"fingerprint": _fingerprint(), "entries": cache.entries}, handle, pickle.HIGHEST_PROTOCOL)
        os.replace(written, target)
    except OSError:
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
