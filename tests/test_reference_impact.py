"""`process-manual check --base`: what a change deletes, retires or renames, and who still refers to it.

Each test commits the test handbook with references in it, makes one change in the working tree (as a
pull request would), and reads the problems at the referring files' lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.gitrepo import Repo, bump, change, handbook_repo
from fixtures.util import ACCESS, ARCHIVE, PURCHASE
from process_manual.check.changecheck import check_changes

DETAILS = "    details: Describe what is needed, why, and the budget line.\n"
PAGE = "Archive closed files as in [[FAC-003]]; hand them over at [[FAC-003#hand-over|the hand-over]].\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """The test handbook, with PUR-001 and a page referring to FAC-003 and its steps, and IT-002 relating to it."""
    made = handbook_repo(tmp_path)
    handbook = made.root / "handbook"
    change(handbook, PURCHASE, (DETAILS, "    details: File the order as in [[FAC-003#store]].\n"))
    change(handbook, ACCESS, ("status: effective\n", "status: effective\nrelated: [FAC-003]\n"))
    (made.root / "docs").mkdir()
    (made.root / "docs" / "index.md").write_text(f"# Welcome\n\n{PAGE}", encoding="utf-8")
    made.commit("References to FAC-003")
    monkeypatch.chdir(made.root)
    return made


def _problems(repo: Repo) -> list[tuple[str, int, int, str, str]]:
    found = check_changes(repo.root / "handbook", "HEAD", shown_base=repo.root, docs_dir=repo.root / "docs")
    return [(p.path, p.line, p.column, p.rule, p.message) for p in found]


def _at(repo: Repo, file: str, text: str) -> tuple[str, int, int]:
    lines = (repo.root / file).read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if text in line)
    return file, number, lines[number - 1].index(text) + 1


def test_retiring_a_referred_process_names_every_referring_file(repo: Repo) -> None:
    handbook = repo.root / "handbook"
    change(handbook, ARCHIVE, ("status: effective", "status: retired"))
    bump(handbook, ARCHIVE, "1.0", "1.1", "2026-03-01", "Retired")
    touched = [p for p in _problems(repo) if p[3] == "reference-touched-by-change"]
    assert sorted(p[:3] for p in touched) == sorted([
        _at(repo, "docs/index.md", "[[FAC-003]]"),
        _at(repo, "docs/index.md", "[[FAC-003#hand-over|the hand-over]]"),
        _at(repo, f"handbook/{ACCESS}", "FAC-003"),
        _at(repo, f"handbook/{PURCHASE}", "[[FAC-003#store]]"),
    ])
    assert touched[0][4].endswith("refers to FAC-003, which this change retires")
    assert [p for p in _problems(repo) if p[3] != "reference-touched-by-change"] == []  # a warning: it still lands


def test_removing_a_referred_step_is_an_error_unless_recorded(repo: Repo) -> None:
    handbook = repo.root / "handbook"
    change(handbook, ARCHIVE, ("    next: store\n", "    next: archived\n"))
    text = (handbook / ARCHIVE).read_text(encoding="utf-8")
    store = text[text.index("  - id: store\n"):text.index("  - id: archived\n")]
    change(handbook, ARCHIVE, (store, ""))
    bump(handbook, ARCHIVE, "1.0", "1.1", "2026-03-01", "No separate storing step")
    broken = [p for p in _problems(repo) if p[3] == "reference-broken-by-change"]
    assert [p[:3] for p in broken] == [_at(repo, f"handbook/{PURCHASE}", "[[FAC-003#store]]")]
    assert broken[0][4] == "[[FAC-003#store]] refers to step 'store' of FAC-003, which this change removes"
    # Recorded as removed (and taken over by hand-over), it is a warning that says where old links now lead.
    change(handbook, ARCHIVE, ("steps:\n", "removed_steps: {store: hand-over}\nsteps:\n"))
    assert [p[3:] for p in _problems(repo) if p[3].startswith("reference-")] == [
        ("reference-touched-by-change",
         "[[FAC-003#store]] refers to step 'store' of FAC-003, which this change removes "
         "(removed_steps leads it to 'hand-over')"),
    ]


def test_renaming_a_process_or_a_step_warns_where_it_is_named(repo: Repo) -> None:
    handbook = repo.root / "handbook"
    change(handbook, ARCHIVE, ("title: Records archiving", "title: Archiving of records"))
    bump(handbook, ARCHIVE, "1.0", "1.1", "2026-03-01", "New title")
    messages = {(p[0], p[4]) for p in _problems(repo)}
    assert ("docs/index.md",
            "[[FAC-003]] refers to FAC-003, which this change renames from 'Records archiving' to "
            "'Archiving of records'") in messages
    assert all(rule == "reference-touched-by-change" for *_, rule, _ in _problems(repo))


def test_deleting_a_referred_process_is_an_error_at_each_reference(repo: Repo) -> None:
    (repo.root / "handbook" / ARCHIVE).unlink()
    problems = _problems(repo)
    broken = sorted(p[:3] for p in problems if p[3] == "reference-broken-by-change")
    assert broken == sorted([
        _at(repo, "docs/index.md", "[[FAC-003]]"),
        _at(repo, "docs/index.md", "[[FAC-003#hand-over|the hand-over]]"),
        _at(repo, f"handbook/{ACCESS}", "FAC-003"),
        _at(repo, f"handbook/{PURCHASE}", "[[FAC-003#store]]"),
    ])
    assert "deleted-before-retired" in {p[3] for p in problems}


def test_a_change_that_touches_no_reference_reads_nothing_more(repo: Repo) -> None:
    handbook = repo.root / "handbook"
    change(handbook, PURCHASE, ("    within: 2 working days\n", "    within: 3 working days\n"))
    bump(handbook, PURCHASE, "1.2", "1.3", "2026-03-01", "Three days")
    assert _problems(repo) == []


def test_handbook_yml_sets_the_severity(repo: Repo) -> None:
    handbook = repo.root / "handbook"
    (handbook / "_handbook.yml").write_text("rules:\n  reference-touched-by-change: off\n", encoding="utf-8")
    repo.commit("Quiet")
    change(handbook, ARCHIVE, ("status: effective", "status: retired"))
    bump(handbook, ARCHIVE, "1.0", "1.1", "2026-03-01", "Retired")
    assert _problems(repo) == []


def test_the_command_names_the_referring_files(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    from process_manual.cli import main

    (repo.root / "handbook" / ARCHIVE).unlink()
    assert main(["check", "--dir", "handbook", "--docs", "docs", "--base", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "docs/index.md:3:28: error[reference-broken-by-change]: [[FAC-003]] refers to FAC-003, which this " \
           "change deletes" in out
