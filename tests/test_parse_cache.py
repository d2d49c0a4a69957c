"""Parsed files are kept by content: `mkdocs serve` (in memory) and `process-manual validate` (on disk) parse
only files whose bytes changed — and a cache never changes a result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixtures.util import PURCHASE, copy_handbook
from process_manual.load import parsecache
from process_manual.load.handbook import ParseCache, load_handbook


def test_unchanged_files_are_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_handbook(tmp_path)
    parsed: list[str] = []
    real_parse = parsecache.parse_files
    monkeypatch.setattr(parsecache, "parse_files", lambda jobs: parsed.extend(job[1] for job in jobs) or real_parse(jobs))
    cache = ParseCache()
    first = load_handbook(root, shown_base=root, cache=cache)
    everything = sorted(parsed)
    assert len(everything) == len(first.files) > 4

    parsed.clear()
    again = load_handbook(root, shown_base=root, cache=cache)
    assert parsed == []
    assert [s.process for s in again.processes] == [s.process for s in first.processes]

    edited = root / PURCHASE
    edited.write_text(edited.read_text(encoding="utf-8").replace("\nowner: ", "\nowenr: ", 1), encoding="utf-8")
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 1_000_000))
    parsed.clear()
    changed = load_handbook(root, shown_base=root, cache=cache)
    assert parsed == [PURCHASE]
    assert any("unknown key 'owenr'" in p.message for p in changed.problems)


def keep_stamp(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length) and restore the file's modification time: size and time unchanged."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode(), 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)


def test_the_preview_cache_sees_an_edit_that_keeps_size_and_time(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    cache = ParseCache()
    assert not load_handbook(root, shown_base=root, cache=cache).problems
    keep_stamp(root / PURCHASE, "\nowner: ", "\nowenr: ")
    assert any("unknown key 'owenr'" in p.message for p in load_handbook(root, shown_base=root, cache=cache).problems)


def validate_out(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    from process_manual.cli import main

    code = main(["validate", *args])
    return code, capsys.readouterr().out


def test_validate_keeps_parsed_files_on_disk_and_sees_an_edit_that_keeps_size_and_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_handbook(tmp_path)
    monkeypatch.chdir(tmp_path)
    cache_folder = Path(os.environ["PROCESS_MANUAL_CACHE_DIR"])
    assert validate_out(capsys, "handbook") == (0, "0 error(s), 0 warning(s)\n")
    stored = list(cache_folder.glob("parsed-*.pickle"))
    assert len(stored) == 1

    parsed: list[str] = []
    real_parse = parsecache.parse_files
    monkeypatch.setattr(parsecache, "parse_files", lambda jobs: parsed.extend(job[1] for job in jobs) or real_parse(jobs))
    assert validate_out(capsys, "handbook") == (0, "0 error(s), 0 warning(s)\n")
    assert parsed == []  # every file came from the cache

    keep_stamp(root / PURCHASE, "\nowner: ", "\nowenr: ")
    code, out = validate_out(capsys, "handbook")
    assert parsed == [f"handbook/{PURCHASE}"]
    assert code == 1 and "unknown key 'owenr'" in out
    assert validate_out(capsys, "handbook", "--no-cache") == (code, out)  # the cache changed nothing


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    root = copy_handbook(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert validate_out(capsys, "handbook")[0] == 0
    [stored] = Path(os.environ["PROCESS_MANUAL_CACHE_DIR"]).glob("parsed-*.pickle")
    edit_text = (root / PURCHASE).read_text(encoding="utf-8").replace("\nowner: ", "\nowenr: ", 1)
    (root / PURCHASE).write_text(edit_text, encoding="utf-8")
    stored.write_bytes(b"not a pickle")
    code, out = validate_out(capsys, "handbook")
    assert code == 1 and "owenr" in out
    # Written by other code (another fingerprint): its entries are not trusted, even for the same bytes.
    data = pickle.loads(stored.read_bytes())
    data["fingerprint"] = "other code"
    for key, (digest, (doc, problems)) in list(data["entries"].items()):
        data["entries"][key] = (digest, (doc, []))  # a lie: no problems
    stored.write_bytes(pickle.dumps(data))
    assert validate_out(capsys, "handbook") == (code, out)


def test_a_deleted_file_leaves_the_cache(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    cache = ParseCache()
    load_handbook(root, shown_base=root, cache=cache)
    assert any(shown == PURCHASE for _, shown in cache.entries)
    (root / PURCHASE).unlink()
    load_handbook(root, shown_base=root, cache=cache)
    assert not any(shown == PURCHASE for _, shown in cache.entries)
