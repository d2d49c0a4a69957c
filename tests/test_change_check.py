"""`process-manual check --base REF`: the pull-request check, against real temporary git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.gitrepo import Repo, bump, change, handbook_repo, init_repo
from fixtures.util import ACCESS, ARCHIVE, PURCHASE
from process_manual.cli import main

ROOT = Path(__file__).resolve().parents[1]
CONSOLE_SCRIPT = Path(sys.executable).parent / "process-manual"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """The test handbook committed once; the working directory is the repository's top."""
    made = handbook_repo(tmp_path)
    monkeypatch.chdir(made.root)
    return made


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--dir", "handbook", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_nothing_changed_is_a_clean_exit(repo: Repo, capsys) -> None:
    assert check(capsys, "--base", "HEAD") == (0, "0 error(s), 0 warning(s)\n", "")


def test_layout_and_comments_are_not_content(repo: Repo, capsys) -> None:
    change(repo.root / "handbook", PURCHASE, ("    within: 2 working days\n", "    within:   '2 working days'  # SLA\n"),
           ("title: Purchase request\n", "# the title is what readers search for\ntitle: \"Purchase request\"\n"))
    assert check(capsys, "--base", "HEAD")[0] == 0


def test_content_change_without_a_new_version_names_the_file_and_the_fields(repo: Repo, capsys) -> None:
    handbook = repo.root / "handbook"
    change(handbook, PURCHASE, ("    within: 2 working days\n", "    within: 3 working days\n"),
           ("    target: 8\n", "    target: 7\n"))
    code, out, _ = check(capsys, "--base", "HEAD")
    assert code == 1
    line = line_of(handbook / PURCHASE, 'version: "1.2"')
    assert out.splitlines() == [
        f"handbook/{PURCHASE}:{line}:10: error[version-not-raised]: the content changed (steps.manager-review.within, "
        'kpis.cycle-time.target) but the version is still 1.2 — raise `version` (e.g. "1.3") and add a '
        "change-log entry for it at the end of `changelog`",
        "1 error(s), 0 warning(s)",
    ]


def test_a_new_version_with_its_entry_passes(repo: Repo, capsys) -> None:
    handbook = repo.root / "handbook"
    change(handbook, PURCHASE, ("    within: 2 working days\n", "    within: 3 working days\n"))
    bump(handbook, PURCHASE, "1.2", "1.3", "2026-03-01", "Three days for the manager review")
    assert check(capsys, "--base", "HEAD")[:2] == (0, "0 error(s), 0 warning(s)\n")


def test_a_new_version_without_its_entry_fails(repo: Repo, capsys) -> None:
    handbook = repo.root / "handbook"
    change(handbook, PURCHASE, ("    within: 2 working days\n", "    within: 3 working days\n"),
           ('\nversion: "1.2"', '\nversion: "1.3"'))
    code, out, _ = check(capsys, "--base", "HEAD")
    assert code == 1
    last_entry = line_of(handbook / PURCHASE, 'version: "1.2", date')
    assert f"handbook/{PURCHASE}:{last_entry}:5: error[changelog-not-updated]:" in out
    assert "version 1.3 has no change-log entry at the end of `changelog`" in out


def test_a_lower_version_and_a_removed_entry_fail(repo: Repo, capsys) -> None:
    handbook = repo.root / "handbook"
    text = (handbook / PURCHASE).read_text(encoding="utf-8")
    last = text.splitlines()[-1]
    (handbook / PURCHASE).write_text(text.replace(last + "\n", "").replace('version: "1.2"', 'version: "1.1"'),
                                     encoding="utf-8")
    code, out, _ = check(capsys, "--base", "HEAD")
    assert code == 1
    assert "the version went down from 1.2 (at HEAD) to 1.1 — a new version must be higher than 1.2" in out
    assert "the change-log entry for version 1.2 was removed (it is entry 3 at HEAD)" in out


def test_a_changed_id_is_an_error(repo: Repo, capsys) -> None:
    handbook = repo.root / "handbook"
    change(handbook, ACCESS, ("id: IT-002", "id: IT-009"))
    code, out, _ = check(capsys, "--base", "HEAD")
    assert code == 1
    assert out.splitlines()[0].startswith(f"handbook/{ACCESS}:1:5: error[id-changed]: the id changed from IT-002 to IT-009")


def test_deleting_an_effective_process_is_an_error(repo: Repo, capsys) -> None:
    (repo.root / "handbook" / ARCHIVE).unlink()
    code, out, _ = check(capsys, "--base", "HEAD")
    assert code == 1
    assert out.splitlines()[0] == (
        f"handbook/{ARCHIVE}:1:1: error[deleted-before-retired]: the process FAC-003 was deleted but it is effective at HEAD — retire it "
        "first: set `status: retired` with a new version and change-log entry, merge that, and delete the file "
        "in a later change")


def test_retire_first_then_delete(repo: Repo, capsys) -> None:
    handbook = repo.root / "handbook"
    change(handbook, ARCHIVE, ("status: effective", "status: retired"))
    bump(handbook, ARCHIVE, "1.0", "1.1", "2026-10-01", "Retired; records go to the group archive")
    assert check(capsys, "--base", "HEAD")[0] == 0
    repo.commit("Retire FAC-003", date="2026-10-01T09:00:00+00:00")
    (handbook / ARCHIVE).unlink()
    assert check(capsys, "--base", "HEAD")[:2] == (0, "0 error(s), 0 warning(s)\n")


def test_a_moved_file_is_the_same_process(repo: Repo, capsys) -> None:
    handbook = repo.root / "handbook"
    (handbook / "procurement").mkdir()
    repo.git("mv", f"handbook/{PURCHASE}", "handbook/procurement/purchase.yml")
    assert check(capsys, "--base", "HEAD")[0] == 0
    change(handbook, "procurement/purchase.yml", ("    within: 5 working days\n", "    within: 4 working days\n"))
    code, out, _ = check(capsys, "--base", "HEAD")
    assert code == 1
    assert out.startswith("handbook/procurement/purchase.yml:4:10: error[version-not-raised]: the content changed "
                          "(steps.compare-quotes.within) but the version is still 1.2")


def test_drafts_change_freely_until_released(repo: Repo, capsys) -> None:
    handbook = repo.root / "handbook"
    change(handbook, ACCESS, ("status: effective", "status: draft"))
    bump(handbook, ACCESS, "2.0", "2.1", "2026-06-01", "Back to draft")
    repo.commit("IT-002 back to draft")
    change(handbook, ACCESS, ("line-manager\n    within: 1 working day", "line-manager\n    within: 2 working days"))
    assert check(capsys, "--base", "HEAD")[0] == 0
    change(handbook, ACCESS, ("status: draft", "status: effective"))
    assert check(capsys, "--base", "HEAD")[0] == 1


def test_github_and_json_formats(repo: Repo, capsys) -> None:
    change(repo.root / "handbook", PURCHASE, ("    within: 2 working days\n", "    within: 3 working days\n"))
    code, out, _ = check(capsys, "--base", "HEAD", "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        f"::error file=handbook/{PURCHASE},line=4,col=10,title=version-not-raised::the content changed (steps.manager-review.within) but "
        'the version is still 1.2 — raise `version` (e.g. "1.3") and add a change-log entry for it at the end of '
        "`changelog`"]
    code, out, _ = check(capsys, "--base", "HEAD", "--format", "json")
    assert code == 1
    [row] = json.loads(out)
    assert (row["path"], row["line"], row["column"], row["severity"]) == (f"handbook/{PURCHASE}", 4, 10, "error")


def test_against_an_older_commit_and_a_branch(repo: Repo, capsys) -> None:
    first = repo.git("rev-parse", "HEAD").strip()
    handbook = repo.root / "handbook"
    change(handbook, PURCHASE, ("    within: 2 working days\n", "    within: 3 working days\n"))
    repo.commit("Edit without a version", date="2026-02-02T09:00:00+00:00")
    assert check(capsys, "--base", "HEAD")[0] == 0  # committed: nothing changed since HEAD
    assert check(capsys, "--base", first)[0] == 1
    assert check(capsys, "--base", "main~1")[0] == 1


def test_not_a_repository_or_an_unknown_ref_exit_2(repo: Repo, capsys, tmp_path: Path, monkeypatch) -> None:
    code, out, err = check(capsys, "--base", "no-such-branch")
    assert (code, out) == (2, "")
    assert err == "process-manual check: error: unknown git ref 'no-such-branch'\n"
    outside = tmp_path / "outside"
    shutil.copytree(repo.root / "handbook", outside / "handbook")
    monkeypatch.chdir(outside)
    code, out, err = check(capsys, "--base", "HEAD")
    assert (code, out) == (2, "")
    assert err.startswith("process-manual check: error: handbook is not in a git repository")


def test_done_when_the_example_handbook_in_a_fresh_repository(tmp_path: Path) -> None:
    """The issue's test: edit a step of the example handbook without a new version -> exit 1 naming the file;
    bump the version and add the entry -> exit 0. Through the installed console script, as CI runs it."""
    clone = init_repo(tmp_path / "clone")
    shutil.copytree(ROOT / "tests/fixtures/english/processes", clone.root / "processes")
    clone.commit("The example handbook")
    file = "administration/document-approval.yml"

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(CONSOLE_SCRIPT), "check", "--base", "HEAD"], cwd=clone.root, capture_output=True,
                              text=True, check=False, timeout=120)

    assert run().returncode == 0
    text = (clone.root / "processes" / file).read_text(encoding="utf-8")
    assert "    within: 1 working day\n" in text
    (clone.root / "processes" / file).write_text(text.replace("    within: 1 working day\n",
                                                              "    within: 2 working days\n", 1), encoding="utf-8")
    result = run()
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"processes/{file}:" in result.stdout and "but the version is still" in result.stdout
    version = next(line for line in text.splitlines() if line.startswith("version:")).split('"')[1]
    major, minor = version.split(".")
    bump(clone.root / "processes", file, version, f"{major}.{int(minor) + 1}", "2026-11-20", "Two days to submit",
         author="Admin manager")
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "0 error(s), 0 warning(s)\n"


def test_a_broken_file_is_reported_as_broken_not_as_deleted(repo: Repo, capsys) -> None:
    change(repo.root / "handbook", ARCHIVE, ("title: Records archiving", "title: [Records archiving"))
    code, out, _ = check(capsys, "--base", "HEAD")
    assert code == 1
    assert f"handbook/{ARCHIVE}:" in out and "invalid YAML" in out and "deleted" not in out


def _translated(repo: Repo) -> Path:
    """The test handbook with `languages: [en, zh]` and a Chinese translation of PUR-001, committed."""
    handbook = repo.root / "handbook"
    (handbook / "_handbook.yml").write_text("languages: [en, zh]\n", encoding="utf-8")
    (handbook / "purchasing" / "purchase-request.zh.yml").write_text(
        "title: 采购申请\nsteps:\n  submit:\n    name: 提交采购申请\n", encoding="utf-8")
    assert main(["translations", str(handbook), "--accept", str(handbook / "purchasing" / "purchase-request.zh.yml")]) == 0
    repo.commit("Chinese texts of the purchase request")
    return handbook


def test_a_translation_only_change_needs_no_new_version(repo: Repo, capsys) -> None:
    handbook = _translated(repo)
    capsys.readouterr()
    change(handbook, "purchasing/purchase-request.zh.yml", ("title: 采购申请\n", "title: 采购申请流程\n"))
    (handbook / "_roles.zh.yml").write_text("roles:\n  buyer: {name: 采购员}\n", encoding="utf-8")
    assert check(capsys, "--base", "HEAD") == (0, "0 error(s), 0 warning(s)\n", "")
    (handbook / "purchasing" / "purchase-request.zh.yml").unlink()  # deleting a translation deletes no process
    assert check(capsys, "--base", "HEAD")[0] == 0


def test_the_check_lists_the_translations_a_change_makes_stale(repo: Repo, capsys) -> None:
    handbook = _translated(repo)
    capsys.readouterr()
    change(handbook, PURCHASE, ("    name: Submit the purchase request\n", "    name: Submit the request form\n"))
    bump(handbook, PURCHASE, "1.2", "1.3", "2026-03-01", "Renamed the first step")
    code, out, _ = check(capsys, "--base", "HEAD")
    translation = "purchasing/purchase-request.zh.yml"
    line = line_of(handbook / translation, "提交采购申请")
    assert code == 0 and out.splitlines() == [
        f"handbook/{translation}:{line}:11: warning[stale-translation]: this change makes the zh text of "
        "'steps.submit.name' stale: the source said 'Submit the purchase request', now 'Submit the request form' "
        f"— update the translation, then run `process-manual translations --accept handbook/{translation}`",
        "0 error(s), 1 warning(s)",
    ]
