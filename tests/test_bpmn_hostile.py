"""Hostile and wrong files given to `process-manual bpmn import`: each is refused with one clear
line, exit 1, and nothing written - no entity is expanded, nothing is fetched, nothing is parsed
past the size limit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bpmn_support import EXAMPLES, tree_digest
from process_manual.cli import main

BPMN = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'
LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
PROCESS = f'<definitions {BPMN} id="d"><process id="p"><task id="t" name="{{name}}"/></process></definitions>'

HOSTILE = {
    "billion laughs": (f'<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY l0 "lol">{LAUGHS}]>'
                       + PROCESS.format(name="&l9;"), "declares a DTD"),
    "external entity (XXE)": ('<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                              + PROCESS.format(name="&x;"), "declares a DTD"),
    "external DTD": ('<?xml version="1.0"?><!DOCTYPE definitions SYSTEM "http://127.0.0.1:9/bpmn.dtd">'
                     + PROCESS.format(name="t"), "declares a DTD"),
    "parameter entity": ('<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p">%p;]>'
                         + PROCESS.format(name="t"), "declares a DTD"),
    "HTML page": ("<!doctype html><html><body><p>Download failed</p></body></html>", "not well-formed XML"),
    "SVG drawing": ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
                    "is not a BPMN 2.0 model: its root element is <svg>"),
    "definitions without the BPMN namespace": ('<definitions id="d"><process id="p"/></definitions>',
                                              "is not a BPMN 2.0 model: its root element is <definitions> (no namespace)"),
    "not XML": ("id: ADM-004\ntitle: A YAML file\n", "not well-formed XML"),
    "empty file": ("", "not well-formed XML"),
    "truncated BPMN": (f'<definitions {BPMN} id="d"><process id="p"><task id="t"', "not well-formed XML"),
    "only a pool": (f'<definitions {BPMN} id="d"><collaboration id="c"><participant id="x" name="Supplier"/>'
                    "</collaboration></definitions>", "has no process with tasks or events"),
}



@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(EXAMPLES["en"], root)
    return root


def _refused(path: Path, handbook: Path, capsys) -> str:
    before = tree_digest(handbook)
    code = main(["bpmn", "import", str(path), "--dir", str(handbook), "--area", "administration",
                 "--owner", "admin-manager", "--id", "ADM-099"])
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 1 and captured.out == ""
    assert len(lines) == 1, lines
    assert lines[0].startswith("process-manual bpmn: ") and lines[0].endswith("nothing written"), lines[0]
    assert tree_digest(handbook) == before
    return lines[0]


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_or_wrong_file_is_refused_in_one_line(case: str, handbook: Path, tmp_path: Path, capsys) -> None:
    content, expected = HOSTILE[case]
    path = tmp_path / "model.bpmn"
    path.write_text(content, encoding="utf-8")
    assert expected in _refused(path, handbook, capsys)


def test_a_50_mb_file_is_refused_before_it_is_read(handbook: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "huge.bpmn"
    with path.open("wb") as file:  # sparse: 50 MB that the refusal must not need to read
        file.truncate(50 * 1024 * 1024)
    assert "is 50.0 MiB, more than the 10 MiB" in _refused(path, handbook, capsys)


def test_a_file_just_over_the_limit_is_refused_even_when_it_is_valid_bpmn(handbook: Path, tmp_path: Path,
                                                                          capsys) -> None:
    path = tmp_path / "padded.bpmn"
    body = PROCESS.format(name="t")
    path.write_text(body[:-len("</definitions>")] + " " * (10 * 1024 * 1024) + "</definitions>", encoding="utf-8")
    assert "more than the 10 MiB" in _refused(path, handbook, capsys)


def test_a_missing_file_is_refused(handbook: Path, tmp_path: Path, capsys) -> None:
    assert "cannot read the file" in _refused(tmp_path / "missing.bpmn", handbook, capsys)


def test_a_process_with_nothing_to_map_names_the_element_and_writes_nothing(handbook: Path, tmp_path: Path,
                                                                           capsys) -> None:
    path = tmp_path / "start-only.bpmn"
    path.write_text(f'<definitions {BPMN} id="d"><process id="p"><startEvent id="s"/></process></definitions>',
                    encoding="utf-8")
    before = tree_digest(handbook)
    assert main(["bpmn", "import", str(path), "--dir", str(handbook), "--area", "administration",
                 "--owner", "admin-manager", "--id", "ADM-099"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "error: s: no step follows the start: there is nothing to import" in err
    assert err[-1] == "process-manual bpmn: nothing written"
    assert tree_digest(handbook) == before
