"""Parsing a large handbook is shared out between forked children; the result is what parsing here gives."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from process_manual.load import parseall
from process_manual.load.yamlload import load_file

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="parsing is shared out only where processes fork")


def _files(tmp_path: Path, count: int) -> list[tuple[Path, str]]:
    jobs = []
    for i in range(count):
        path = tmp_path / f"p{i:03d}.yml"
        # Every fifth file is broken in its own way, so that problems travel back from the children too.
        body = f"id: P-{i}\nsteps:\n  - {{id: a, within: {i} days}}\n" + ("id: again\n" if i % 5 == 0 else "")
        path.write_text(body, encoding="utf-8")
        jobs.append((path, path.name))
    return jobs


def _summary(parsed: list[parseall.Parsed]) -> list[tuple[object, list[str], tuple[int, int] | None]]:
    return [(doc.data if doc else None, [p.text() for p in problems],
             doc.values.get(("steps", 0, "within")) if doc else None) for doc, problems in parsed]


def test_forked_children_give_what_parsing_here_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _files(tmp_path, 150)
    monkeypatch.setattr(parseall, "_worker_count", lambda files: 3)
    parent, parsed_here = os.getpid(), []

    def noting_what_is_parsed_here(path: Path, shown: str) -> parseall.Parsed:
        if os.getpid() == parent:
            parsed_here.append(shown)
        return load_file(path, shown)

    monkeypatch.setattr(parseall, "load_file", noting_what_is_parsed_here)
    shared = parseall.parse_files(jobs)
    assert _summary(shared) == _summary([load_file(path, shown) for path, shown in jobs])
    assert len(parsed_here) == 50  # a third here, two thirds in the two children


def test_a_child_that_dies_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _files(tmp_path, 20)
    monkeypatch.setattr(parseall, "_worker_count", lambda files: 2)
    parent = os.getpid()

    def dies_in_children(path: Path, shown: str) -> parseall.Parsed:
        if os.getpid() != parent:
            os._exit(3)
        return load_file(path, shown)

    monkeypatch.setattr(parseall, "load_file", dies_in_children)
    assert _summary(parseall.parse_files(jobs)) == _summary([load_file(path, shown) for path, shown in jobs])


def test_no_fork_while_other_threads_run() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert parseall._worker_count(10_000) == 1
    finally:
        release.set()
        thread.join()


def test_small_handbooks_are_parsed_in_process() -> None:
    assert parseall._worker_count(parseall.MIN_FILES_PER_WORKER * 2 - 1) == 1
