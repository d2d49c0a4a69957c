"""`mkdocs serve` re-parses only the files that changed since the last rebuild."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fixtures.util import PURCHASE, copy_handbook
from process_manual import handbook as handbook_module
from process_manual.handbook import ParseCache, load_handbook


def test_unchanged_files_are_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_handbook(tmp_path)
    parsed: list[str] = []
    real_parse = handbook_module.parse_files
    monkeypatch.setattr(handbook_module, "parse_files",
                        lambda jobs: parsed.extend(shown for _, shown in jobs) or real_parse(jobs))
    cache: ParseCache = {}
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
