"""Hostile files: huge, enormous processes, links out of the handbook, odd file names.

The bounds (stated in the README): a file is read only up to 2 MB (MAX_FILE_BYTES) — a 10 MB file
costs neither the memory nor the time of parsing it; one file expands to at most 200,000 values
(MAX_NODES) and 64 levels (MAX_DEPTH); all checks and rendering are linear in the number of steps.
Memory is asserted here (tracemalloc, or the resident size of a Python of its own); time is a benchmark
figure, not a test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

from fixtures.util import HANDBOOK, PURCHASE, TODAY, copy_handbook, run
from process_manual.load.yamlload import MAX_FILE_BYTES
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config


def peak_memory_mb(action) -> tuple[object, float]:
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_a_10_mb_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    huge = root / "purchasing" / "huge.yml"
    with huge.open("w", encoding="utf-8") as out:
        out.write("id: HUGE-001\nsteps:\n")
        line = "  - {id: step, name: '" + "x" * 90 + "'}\n"
        out.write(line * (10 * 1024 * 1024 // len(line)))
    assert huge.stat().st_size > 10_000_000
    problems, peak = peak_memory_mb(lambda: run(root))
    assert [p.text() for p in problems] == [
        f"purchasing/huge.yml:1:1: error[yaml-syntax]: the file is {huge.stat().st_size / 1048576:.1f} MB, over the limit of "
        f"{MAX_FILE_BYTES // 1048576} MB — split the process into sub-processes"]
    assert peak < 3 * MAX_FILE_BYTES / 1e6 + 20


def big_process(steps: int) -> dict:
    chain = [{"id": f"s{i}", "name": f"Step {i}", "responsible": "buyer", "within": "1 working day",
              "forms": ["purchase-request"], "next": f"s{i + 1}"} for i in range(steps - 1)]
    chain.append({"id": f"s{steps - 1}", "kind": "end", "name": "Done"})
    return {"id": "BIG-001", "title": "Big", "area": "purchasing", "version": "1.0", "status": "effective",
            "owner": "buyer", "effective": "2026-01-05", "review": {"every": "1 year", "last": "2026-01-05"},
            "steps": chain, "changelog": [{"version": "1.0", "date": "2026-01-05", "author": "a", "change": "c"}]}


# Checks and renders the handbook in a Python of its own and prints what it found and how much memory it
# took: the peak resident size (ru_maxrss) over the size before loading. tracemalloc, which measures the
# 10 MB file above, would make this run three times slower.
MEASURED_RUN = """
import datetime as dt, json, resource, sys
from pathlib import Path
from process_manual.check.validate import Settings, validate
from process_manual.core.labels import Labels
from process_manual.load.handbook import load_handbook
from process_manual.render.context import RenderContext
from process_manual.render.process_page import render_process

def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024

root, today = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
before = resident_mb()
handbook = load_handbook(root, shown_base=root)
problems = validate(handbook, Settings(today=today))
page = render_process(RenderContext(handbook, Labels("en"), today), handbook.process("BIG-001"))
print(json.dumps({"problems": [p.text() for p in problems], "steps": page.count("{ #step-s"),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads the resident size from /proc")
def test_a_10000_step_process_is_checked_and_rendered_in_bounded_memory(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    text = yaml.safe_dump(big_process(10_000))
    (root / "purchasing" / "big.yml").write_text(text, encoding="utf-8")
    steps_line = text.splitlines().index("steps:") + 1
    result = subprocess.run([sys.executable, "-c", MEASURED_RUN, str(root), TODAY], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    assert measured["problems"] == [
        f"purchasing/big.yml:{steps_line}:1: warning[too-many-steps]: the process has 10000 steps, more than a readable flowchart holds (60)"
        " — split it into sub-processes (`kind: subprocess`)"]
    assert measured["steps"] == 10_000
    assert measured["peak_mb"] < 250, f"{measured['peak_mb']:.0f} MB"


def test_a_file_linking_outside_the_handbook_is_refused(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    outside = tmp_path / "secret.yml"
    outside.write_text("id: OUT-001\n", encoding="utf-8")
    (root / "purchasing" / "linked.yml").symlink_to(outside)
    problems = run(root)
    assert [p.text() for p in problems] == ["purchasing/linked.yml:1:1: error[link-outside-handbook]: this link points outside the handbook "
                                            "folder — copy the file into the handbook instead of linking to it"]


def test_links_to_folders_are_never_followed(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(root / PURCHASE, elsewhere / "copy.yml")
    (root / "outside-link").symlink_to(elsewhere, target_is_directory=True)
    (root / "inside-link").symlink_to(root / "purchasing", target_is_directory=True)
    texts = [p.text() for p in run(root)]
    assert texts == [
        "inside-link:1:1: warning[folder-link]: this link to a folder is not followed — move the files into the handbook folder "
        "instead of linking to them",
        "outside-link:1:1: error[link-outside-handbook]: this link to a folder points outside the handbook folder — move the files into "
        "the handbook folder instead of linking to them",
    ]


def test_file_names_with_spaces_and_chinese_characters(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    odd = root / "purchasing" / "采购 申请 (copy).yml"
    text = (root / PURCHASE).read_text(encoding="utf-8").replace("id: PUR-001", "id: PUR-009", 1)
    odd.write_text(text.replace("owner: ", "owenr: ", 1), encoding="utf-8")
    problems = run(root)
    assert len(problems) == 1
    assert problems[0].path == "purchasing/采购 申请 (copy).yml"
    assert "unknown key 'owenr'" in problems[0].message

    odd.write_text(text, encoding="utf-8")
    assert run(root) == []
    if not MERMAID_BUNDLE.is_file():
        pytest.skip("run `npm ci` first (make test does)")
    write_site_config(tmp_path)
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "processes" / "pur-009" / "index.html").is_file()


def test_the_fixture_handbook_has_no_links(tmp_path: Path) -> None:
    assert not any(os.path.islink(p) for p in HANDBOOK.rglob("*"))
