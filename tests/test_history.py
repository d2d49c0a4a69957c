"""Version history from git: the semantic diff, the history pages, and what happens without git.

One repository is built per module: the test handbook, then one commit per kind of change to PUR-001
(a step renamed, RACI cells, a time limit, a form and a move to another folder, a KPI target, a step
added), each with a new version and change-log entry, then an edit without a new version and a
comment-only commit. Authors and dates are fixed, so pages are the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import shutil
from html import unescape
from pathlib import Path

import pytest

from fixtures.gitrepo import Repo, bump, change, handbook_repo
from fixtures.util import ACCESS, PURCHASE, TODAY, copy_handbook
from process_manual.cli.commands import main
from process_manual.load import githistory, gitfiles
from process_manual.load.githistory import HistoryUnavailable, read_history
from process_manual.load.handbook import load_handbook
from process_manual.render.context import RenderContext
from process_manual.render.history_page import render_history
from process_manual.core.labels import Labels
from process_manual.render.text import plain
from process_manual.core.semdiff import Change, changed_fields, diff_processes
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

MOVED = "procurement/purchase-request.yml"


def _history_repo(root: Path) -> Repo:
    repo = handbook_repo(root)
    book = repo.root / "handbook"
    steps = [
        ("1.3", "2026-03-02", "Bo Buyer", [("name: Compare three quotes", "name: Compare at least three quotes")]),
        ("1.4", "2026-04-01", "Cy Controller", [("    informed: [requester]\n", "    informed: [requester, line-manager]\n"),
                                                ("    consulted: [finance-controller]\n", "")]),
        ("1.5", "2026-05-04", "Bo Buyer", [("    within: 2 working days\n", "    within: 3 working days\n")]),
        ("1.6", "2026-06-01", "Bo Buyer", [("    forms: [purchase-request]\n",
                                            "    forms: [purchase-request, quote-comparison]\n")]),
        ("1.7", "2026-07-01", "Cy Controller", [("    target: 8\n", "    target: 6\n")]),
        ("1.8", "2026-08-03", "Bo Buyer", [
            ("    details: Describe what is needed, why, and the budget line.\n    next: manager-review\n",
             "    details: Describe what is needed, why, and the budget line.\n    next: check-budget\n"
             "  - id: check-budget\n    name: Check the budget line\n    responsible: finance-controller\n"
             "    within: 1 working day\n    next: manager-review\n")]),
    ]
    file, version = PURCHASE, "1.2"
    for new_version, date, author, edits in steps:
        if new_version == "1.6":  # the file moves: its history must follow the process id, not the path
            (book / "procurement").mkdir()
            repo.git("mv", f"handbook/{PURCHASE}", f"handbook/{MOVED}")
            file = MOVED
        change(book, file, *edits)
        bump(book, file, version, new_version, date, f"Change {new_version}", author=author)
        repo.commit(f"PUR-001 {new_version}", name=author, email=f"{author.split()[0].lower()}@example.com",
                    date=f"{date}T10:00:00+00:00")
        version = new_version
    change(book, file, ("    within: 24 hours\n", "    within: 1 working day\n"))
    repo.commit("Edit without a new version", name="Dee Direct", date="2026-08-10T10:00:00+00:00")
    change(book, file, ("title: Purchase request\n", "# searched for as 'PR'\ntitle: Purchase request\n"))
    repo.commit("A comment only", name="Dee Direct", date="2026-08-11T10:00:00+00:00")
    return repo


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return _history_repo(tmp_path_factory.mktemp("history"))


def _histories(repo: Repo):
    folder = repo.root / "handbook"
    handbook = load_handbook(folder, shown_base=folder)
    return handbook, read_history(folder, handbook)


def test_changed_fields_ignore_layout_version_and_change_log() -> None:
    old = {"id": "A-1", "version": "1.0", "steps": [{"id": "a", "within": "1 day"}, {"id": "b"}],
           "kpis": [{"id": "k", "target": 8}], "review": {"every": "1 year", "last": dt.date(2026, 1, 1)},
           "changelog": [{"version": "1.0"}]}
    same = {**old, "version": "1.1", "changelog": [{"version": "1.0"}, {"version": "1.1"}],
            "review": {"every": "1 year", "last": dt.date(2026, 6, 1)}, "kpis": [{"id": "k", "target": 8.0}]}
    assert changed_fields(old, same) == []
    new = {**old, "steps": [{"id": "b"}, {"id": "a", "within": "2 days"}, {"id": "c"}], "kpis": [], "purpose": "x"}
    assert changed_fields(old, new) == ["steps", "steps.a.within", "steps.c", "kpis.k", "purpose"]


def test_every_version_is_found_across_the_move(history_repo: Repo) -> None:
    _, histories = _histories(history_repo)
    pur = histories["PUR-001"]
    assert list(pur.versions) == ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"]
    first = pur.versions["1.3"].first.commit
    assert (first.author, first.date.isoformat()) == ("Bo Buyer", "2026-03-02T10:00:00+00:00")
    assert pur.versions["1.6"].first.path == f"handbook/{MOVED}"
    assert pur.versions["1.8"].later_edits == 1  # the edit counts, the comment does not
    assert pur.previous("1.8").version == "1.7" and pur.previous("1.2") is None
    assert list(histories["IT-002"].versions) == ["2.0"]


def test_the_semantic_diff_of_each_version(history_repo: Repo) -> None:
    _, histories = _histories(history_repo)
    versions = histories["PUR-001"].versions

    def diff(old: str, new: str):
        return diff_processes(versions[old].last.process, versions[new].last.process)

    renamed = diff("1.2", "1.3")
    assert [(s.id, s.renamed) for s in renamed.steps_changed] == [
        ("compare-quotes", Change("Compare three quotes", "Compare at least three quotes"))]
    raci = {s.id: s.raci for s in diff("1.3", "1.4").steps_changed}
    assert raci == {"compare-quotes": {"finance-controller": Change("C", None)},
                    "issue-order": {"line-manager": Change(None, "I")}}
    [limit] = diff("1.4", "1.5").steps_changed
    assert (limit.id, limit.within) == ("manager-review", Change("2 working days", "3 working days"))
    [form] = diff("1.5", "1.6").steps_changed
    assert (form.id, form.forms_added, form.forms_removed) == ("submit", ["quote-comparison"], [])
    kpis = diff("1.6", "1.7")
    assert [(k.id, k.fields) for k in kpis.kpis_changed] == [("cycle-time", {"target": Change("8", "6")})]
    assert not kpis.steps_changed and not kpis.fields
    added = diff("1.7", "1.8")
    assert [s.id for s in added.steps_added] == ["check-budget"]
    # 1.8 as it stands at the end, with the edit committed later without a new version
    assert [(s.id, s.other, s.within) for s in added.steps_changed] == [
        ("submit", ["next"], None), ("issue-order", [], Change("24 hours", "1 working day"))]
    assert not added.steps_reordered  # a step inserted is not the others reordered
    later = versions["1.8"]
    [edit] = diff_processes(later.first.process, later.last.process).steps_changed
    assert (edit.id, edit.within) == ("issue-order", Change("24 hours", "1 working day"))


def test_the_history_page(history_repo: Repo) -> None:
    handbook, histories = _histories(history_repo)
    ctx = RenderContext(handbook, Labels("en"), dt.date.fromisoformat(TODAY))
    page = render_history(ctx, handbook.process("PUR-001"), histories["PUR-001"])
    # Author-written values go through plain() (character references for Markdown syntax), as on every page.
    assert page.index(f"## Version {plain('1.8')} {{ #v1-8 }}") < page.index(f"## Version {plain('1.2')} {{ #v1-2 }}")
    assert "[← Back to the process](../pur-001.md)" in page
    assert "**In git:** 2026-04-01 by Cy Controller (commit " in page
    for row in (
        "| Step [Compare at least three quotes](../pur-001.md#step-compare-quotes): name | Compare three quotes | "
        "Compare at least three quotes |",
        "| Step [Issue the purchase order](../pur-001.md#step-issue-order): Line manager (RACI) | — | I |",
        "| Step [Compare at least three quotes](../pur-001.md#step-compare-quotes): Finance controller (RACI) | C | — |",
        "| Step [Line manager review](../pur-001.md#step-manager-review): Time limit | 2 working days | 3 working days |",
        "| Step [Submit the purchase request](../pur-001.md#step-submit): form added | — | Quote comparison sheet |",
        f"| KPI {plain('Request-to-order time')}: Target | 8 | 6 |",
        "| Step added | — | [Check the budget line](../pur-001.md#step-check-budget) |",
        "| Step [Submit the purchase request](../pur-001.md#step-submit): Next |  | changed |",
    ):
        assert row in page, row
    assert "Changed 1 time(s) after it was first committed, without a new version." in page
    assert "*The first version found in git: there is nothing before it to compare with.*" in page
    assert "*The file of this version is not in the git history.*" in page  # 1.0 and 1.1: before git
    zh = render_history(RenderContext(handbook, Labels("zh"), dt.date.fromisoformat(TODAY)),
                        handbook.process("PUR-001"), histories["PUR-001"])
    assert "版本历史" in zh and f"相对于版本 {plain('1.7')} 的变化" in zh and "时限" in zh


def test_history_is_read_with_four_git_calls_and_cached_per_commit(history_repo: Repo, monkeypatch) -> None:
    calls: list[str] = []
    real = gitfiles.git

    def counting(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
        calls.append(args[0])
        return real(cwd, *args, stdin=stdin)

    monkeypatch.setattr(gitfiles, "git", counting)
    githistory._cache.clear()
    _histories(history_repo)
    assert calls == ["rev-parse", "rev-parse", "ls-tree", "log", "cat-file"]  # ls-tree: the files to follow back
    calls.clear()
    _histories(history_repo)  # a rebuild of `mkdocs serve` without a new commit
    assert calls == ["rev-parse", "rev-parse"]


def test_uncommitted_edits_show_as_not_committed(tmp_path: Path) -> None:
    repo = handbook_repo(tmp_path)
    book = repo.root / "handbook"
    change(book, PURCHASE, ("    target: 8\n", "    target: 7\n"))
    bump(book, PURCHASE, "1.2", "1.3", "2026-03-02", "Target 7")
    _, histories = _histories(repo)
    assert histories["PUR-001"].versions["1.3"].first.commit is None
    change(book, ACCESS, ("    within: 1 working day\n", "    within: 2 working days\n"))  # no new version
    _, histories = _histories(repo)
    it = histories["IT-002"].versions["2.0"]
    assert (it.later_edits, it.first.commit is not None, it.last.commit) == (1, True, None)


def test_without_git_or_with_a_shallow_clone_history_is_unavailable(history_repo: Repo, tmp_path: Path,
                                                                     monkeypatch) -> None:
    outside = copy_handbook(tmp_path / "plain")
    with pytest.raises(HistoryUnavailable, match="is not in a git repository"):
        read_history(outside, load_handbook(outside))
    shallow = tmp_path / "shallow"
    history_repo.git("clone", "-q", "--depth", "1", f"file://{history_repo.root}", str(shallow))
    with pytest.raises(HistoryUnavailable, match="shallow clone"):
        read_history(shallow / "handbook", load_handbook(shallow / "handbook"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no git program at all
    with pytest.raises(HistoryUnavailable, match="git is not installed"):
        read_history(history_repo.root / "handbook", load_handbook(history_repo.root / "handbook"))


needs_bundle = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("WARNING")]


@needs_bundle
def test_strict_build_from_git_has_a_history_page_per_process(tmp_path: Path) -> None:
    repo = _history_repo(tmp_path)
    write_site_config(repo.root, git_history=True)
    result = mkdocs_build(repo.root, "--strict")
    assert result.returncode == 0, result.stderr
    site = repo.root / "site"
    for process in ("pur-001", "it-002", "fac-003"):
        assert (site / "processes" / process / "history" / "index.html").is_file(), process
        assert 'href="history/"' in (site / "processes" / process / "index.html").read_text(encoding="utf-8")
    html = unescape((site / "processes/pur-001/history/index.html").read_text(encoding="utf-8"))
    assert "What changed since version 1.7" in html and "Check the budget line" in html
    assert 'id="v1-8"' in html and 'href="../#step-check-budget"' in html
    assert "Version history" not in (site / "index.html").read_text(encoding="utf-8")  # not in the navigation


@needs_bundle
@pytest.mark.parametrize("where", ["not a repository", "shallow clone"])
def test_without_history_the_build_warns_once_and_shows_the_change_log(where: str, tmp_path: Path) -> None:
    if where == "not a repository":
        root = tmp_path / "plain"
        copy_handbook(root)
    else:
        source = _history_repo(tmp_path / "full")
        root = tmp_path / "shallow"
        source.git("clone", "-q", "--depth", "1", f"file://{source.root}", str(root))
    write_site_config(root, git_history=True)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    [warning] = _warnings(result.stderr)
    assert "the version history pages show the change log alone" in warning
    assert ("is not in a git repository" if where == "not a repository" else "shallow clone") in warning
    html = unescape((root / "site/processes/pur-001/history/index.html").read_text(encoding="utf-8"))
    assert "Only the change log is shown" in html and "Version 1.2" in html
    shutil.rmtree(root / "site")
    assert mkdocs_build(root, "--strict").returncode != 0  # the warning counts in strict builds


def test_a_moved_handbook_keeps_its_history_and_a_replaced_one_does_not_inherit(tmp_path: Path) -> None:
    """The history of a file follows it through a move of its folder, and stops where it was added: another,
    older file that once stood at the same path (a handbook replaced by another) is not its history."""
    repo = handbook_repo(tmp_path)
    book = repo.root / "handbook"
    change(book, PURCHASE, ("    target: 8\n", "    target: 7\n"))
    bump(book, PURCHASE, "1.2", "1.3", "2026-03-02", "Target 7")
    repo.commit("PUR-001 1.3")
    repo.git("mv", "handbook", "previous")  # the old handbook leaves; a new one takes its place
    copy_handbook(tmp_path / "fresh")
    shutil.move(str(tmp_path / "fresh" / "handbook"), str(book))
    (book / PURCHASE).unlink()  # a wholly different file under the same id and path: a new process file
    assert main(["new", "--id", "PUR-001", "--title", "采购", "--area", "purchasing", "--owner", "buyer",
                 "--dir", str(book)]) == 0
    (book / "purchasing" / "pur-001.yml").rename(book / PURCHASE)
    repo.commit("A new handbook replaces the old one")
    _, histories = _histories(repo)
    assert list(histories["PUR-001"].versions) == ["0.1"]  # the old file's versions are not the new file's history
    repo.git("mv", "handbook", "manual")
    repo.commit("The handbook moves")
    folder = repo.root / "manual"
    moved = read_history(folder, load_handbook(folder, shown_base=folder))
    assert list(moved["PUR-001"].versions) == ["0.1"] and moved["PUR-001"].versions["0.1"].first.commit is not None
