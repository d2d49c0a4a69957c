"""Onboarding reading paths (`_onboarding.yml`): the catalog is optional, and every defect in it is a
problem with its file, line and column, what is wrong and how to fix it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from fixtures.util import TODAY, Outcome, copy_handbook, edit
from process_manual.cli import main
from process_manual.load.handbook import load_handbook
from process_manual.core.problems import Severity
from process_manual.check.validate import Settings, validate

READING = Path(__file__).parent / "fixtures" / "reading" / "_onboarding.yml"
CATALOG = "_onboarding.yml"


def with_paths(tmp_path: Path, *edits: tuple[str, str], docs: list[str] | None = None) -> Outcome:
    """The test handbook with the reading-path catalog, edited; validated with a docs folder when given."""
    root = copy_handbook(tmp_path)
    shutil.copy(READING, root / CATALOG)
    for old, new in edits:
        edit(root, CATALOG, old, new)
    docs_dir = None
    if docs is not None:
        docs_dir = tmp_path / "docs"
        for page in docs:
            (docs_dir / page).parent.mkdir(parents=True, exist_ok=True)
            (docs_dir / page).write_text("# Page\n", encoding="utf-8")
    handbook = load_handbook(root, shown_base=root)
    problems = validate(handbook, Settings(today=dt.date.fromisoformat(TODAY), docs_dir=docs_dir, shown_base=tmp_path))
    return Outcome(root, problems)


def test_the_catalog_is_optional_and_valid_paths_give_no_problem(tmp_path: Path) -> None:
    without = load_handbook(copy_handbook(tmp_path / "a"))
    assert not validate(without, Settings(today=dt.date.fromisoformat(TODAY)))
    assert without.reading_paths == []
    outcome = with_paths(tmp_path / "b", docs=["index.md"])
    assert outcome.problems == []
    handbook = load_handbook(outcome.root)
    assert [p.id for p in handbook.reading_paths] == ["new-buyer", "welcome", "facilities-basics"]
    assert [i.key for i in handbook.reading_paths[0].items] == ["process:PUR-001", "page:glossary.md", "process:FAC-003"]


def test_unknown_process_is_an_error_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    outcome = with_paths(tmp_path, ("{process: PUR-001, note", "{process: PUR-01, note"))
    problem = outcome.only()
    assert (problem.path, problem.line, problem.column) == (
        CATALOG, outcome.line_of(CATALOG, "PUR-01,"), outcome.column_of(CATALOG, "PUR-01,"))
    assert problem.severity is Severity.ERROR
    assert problem.message == "unknown process 'PUR-01'"
    assert problem.fix == "did you mean 'PUR-001'?"


def test_unknown_role_and_department_are_errors(tmp_path: Path) -> None:
    outcome = with_paths(tmp_path, ("role: buyer", "role: buyr"), ("department: facilities", "department: facility"))
    assert [(p.line, p.message, p.fix) for p in outcome.problems] == [
        (outcome.line_of(CATALOG, "role: buyr"), "unknown role 'buyr'", "did you mean 'buyer'?"),
        (outcome.line_of(CATALOG, "department: facility"),
         "no role in _roles.yml belongs to the department 'facility'", "did you mean 'facilities'?"),
    ]


def test_a_missing_docs_page_is_an_error_only_when_the_docs_folder_is_known(tmp_path: Path) -> None:
    assert with_paths(tmp_path / "a").problems == []  # `process-manual validate` without --docs
    outcome = with_paths(tmp_path / "b", docs=["other.md"])
    problem = outcome.only()
    assert problem.line == outcome.line_of(CATALOG, "page: index.md")
    assert problem.message == "the page docs/index.md does not exist"
    assert problem.fix == "create it, or give the path of an existing page relative to docs"


@pytest.mark.parametrize(("page", "why"), [
    ("../secret.md", "'..' is not allowed"),
    ("/etc/passwd.md", "not an absolute path or a URL"),
    ("notes.txt", "ending in .md"),
    ("new hire.md", "cannot contain spaces"),
])
def test_a_page_outside_docs_or_not_markdown_is_an_error(tmp_path: Path, page: str, why: str) -> None:
    outcome = with_paths(tmp_path, ("{page: index.md,", f"{{page: '{page}',"), docs=["index.md"])
    problem = outcome.only()
    assert problem.line == outcome.line_of(CATALOG, page) and why in problem.message


def test_items_name_exactly_one_thing_and_path_ids_are_unique(tmp_path: Path) -> None:
    outcome = with_paths(tmp_path, ("{page: glossary.md, title: The words we use}", "{note: nothing}"),
                         ("- process: FAC-003", "- {process: FAC-003, page: index.md}"),
                         ("id: welcome", "id: new-buyer"))
    assert [(p.line, p.message) for p in outcome.problems] == [
        (outcome.line_of(CATALOG, "{note: nothing}"), "a reading-path item names neither a process nor a page"),
        (outcome.line_of(CATALOG, "id: new-buyer", 2), "reading path id 'new-buyer' is defined twice"),
        (outcome.line_of(CATALOG, "page: index.md}"), "a reading-path item names both a process and a page"),
    ]


def test_unknown_keys_and_empty_paths_are_type_errors(tmp_path: Path) -> None:
    outcome = with_paths(tmp_path, ("    role: buyer", "    roel: buyer"))
    assert outcome.only().message.startswith("unknown key 'roel'") and outcome.only().fix == "did you mean 'role'?"
    outcome = with_paths(tmp_path / "b", ("    items:\n      - process: FAC-003", "    items: []"))
    assert outcome.only().line == outcome.line_of(CATALOG, "items: []")


def test_a_retired_process_on_a_path_is_a_warning_and_a_repeat_too(tmp_path: Path) -> None:
    root = tmp_path / "r"
    outcome = with_paths(root, ("{process: FAC-003}", "{process: PUR-001}"))
    assert [(p.severity, p.message) for p in outcome.problems] == [
        (Severity.WARNING, "'PUR-001' is already on this path")]
    edit(outcome.root, "it/access-request.yml", "status: effective", "status: retired")
    problems = validate(load_handbook(outcome.root, shown_base=outcome.root),
                        Settings(today=dt.date.fromisoformat(TODAY)))
    assert any(p.message.startswith("process 'IT-002' is retired") and p.severity is Severity.WARNING
               for p in problems)


def test_cli_validate_checks_docs_pages_with_docs(tmp_path: Path, capsys, monkeypatch) -> None:
    root = copy_handbook(tmp_path)
    shutil.copy(READING, root / CATALOG)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "handbook"]) == 0
    capsys.readouterr()
    (tmp_path / "docs").mkdir()
    assert main(["validate", "handbook", "--docs", "docs"]) == 1
    out = capsys.readouterr().out
    assert "handbook/_onboarding.yml:" in out and "the page docs/index.md does not exist" in out
