"""Shared fixtures. Keep this small: large helpers live in tests/fixtures/ (see fixtures/util.py)."""

from __future__ import annotations

import pytest

from fixtures.util import TODAY


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs on the same date (PROCESS_MANUAL_TODAY), so none rots with the calendar."""
    monkeypatch.setenv("PROCESS_MANUAL_TODAY", TODAY)
    monkeypatch.delenv("PROCESS_MANUAL_LANGUAGE", raising=False)  # a language set outside the tests does not apply
    return TODAY


@pytest.fixture(autouse=True)
def own_parse_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """`process-manual validate` keeps parsed files in a cache folder: each test gets its own, never ~/.cache."""
    monkeypatch.setenv("PROCESS_MANUAL_CACHE_DIR", str(tmp_path_factory.mktemp("parse-cache")))
