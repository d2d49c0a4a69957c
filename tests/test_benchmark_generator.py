"""The benchmark's synthetic handbook is valid, shaped as promised and the same for the same seed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from process_manual.load.handbook import load_handbook
from process_manual.check.validate import Settings, validate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def handbook_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "handbook"
    generate(60, seed=7, out=root, largest_first=True)
    return root


def test_every_generated_file_passes_the_validator(handbook_root: Path) -> None:
    handbook = load_handbook(handbook_root)
    assert len(handbook.processes) == 60
    assert [p.text() for p in validate(handbook, Settings())] == []


def test_the_shape_is_the_one_promised(handbook_root: Path) -> None:
    processes = [s.process for s in load_handbook(handbook_root).processes]
    largest = next(p for p in processes if p.id.endswith("-0000"))
    assert len(largest.steps) == 40
    assert len({role for step in largest.steps for role in step.responsible}) == 8
    assert all(8 <= len(p.steps) <= 40 for p in processes)
    assert all(3 <= len(p.changelog) <= 10 for p in processes)
    assert any(s.kind == "decision" for p in processes for s in p.steps)
    chinese = [p for p in processes if any("\u4e00" <= c <= "\u9fff" for c in p.title)]
    assert len(chinese) == 30
    assert len({p.area for p in processes}) > 10


def test_the_same_seed_writes_the_same_files(handbook_root: Path, tmp_path: Path) -> None:
    generate(60, seed=7, out=tmp_path, largest_first=True)
    again = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*.yml")}
    assert again == {p.relative_to(handbook_root): p.read_bytes() for p in handbook_root.rglob("*.yml")}
