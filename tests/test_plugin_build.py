"""Full builds of a handbook through MkDocs with our plugin (real mkdocs, real Material, real mermaid2)."""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import re
from pathlib import Path

import pytest
import yaml

from fixtures.util import ACCESS, PURCHASE, copy_handbook, edit
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

pytestmark = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    copy_handbook(tmp_path)
    write_site_config(tmp_path)
    return tmp_path


def test_strict_build_generates_every_page_and_writes_nothing_into_docs(site_root: Path) -> None:
    docs_before = tree_digest(site_root / "docs")
    result = mkdocs_build(site_root, "--strict")
    assert result.returncode == 0, result.stderr
    site = site_root / "site"
    for page in ("processes/pur-001", "processes/it-002", "processes/fac-003", "landscape", "forms", "kpis",
                 "glossary", "whats-new", "review-status", "roles"):
        assert (site / page / "index.html").is_file(), page
    assert (site / "assets/javascripts/mermaid.min.js").read_bytes() == MERMAID_BUNDLE.read_bytes()
    assert (site / "assets/stylesheets/process-manual.css").is_file()
    assert tree_digest(site_root / "docs") == docs_before


def test_process_page_has_flowchart_steps_matrix_and_change_log(site_root: Path) -> None:
    assert mkdocs_build(site_root, "--strict").returncode == 0
    html = (site_root / "site/processes/pur-001/index.html").read_text(encoding="utf-8")
    # The flowchart's Mermaid text travels escaped in an attribute, for process-manual-flowchart.js.
    flowcharts = re.findall(r'data-pm-mermaid="([^"]*)"', html)
    assert len(flowcharts) == 1
    text = htmllib.unescape(flowcharts[0])
    assert "layout: process-lanes" in text and "\nflowchart TB\n" in text
    assert 'click n0 href "#step-' in text
    for script in ("process-manual-lanes.js", "process-manual-flowchart.js"):
        assert (site_root / "site/assets/javascripts" / script).is_file()
        assert f'src="../../assets/javascripts/{script}"' in html
    assert 'id="step-' in html
    assert "Responsibility matrix (RACI)" in html and "Change log" in html
    search = json.loads((site_root / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("processes/pur-001/") for doc in search["docs"])


def test_navigation_is_by_area(site_root: Path) -> None:
    assert mkdocs_build(site_root, "--strict").returncode == 0
    html = (site_root / "site/index.html").read_text(encoding="utf-8")
    areas = yaml.safe_load((site_root / "handbook/_areas.yml").read_text(encoding="utf-8"))["areas"]
    nav = html[html.index("md-nav--primary"):]
    domain, group = areas[0]["name"], areas[0]["children"][0]["name"]
    assert domain in nav and group in nav
    assert nav.index(domain) < nav.index(group) < nav.index("PUR-001")


def test_a_broken_handbook_fails_and_leaves_the_previous_site_untouched(site_root: Path) -> None:
    assert mkdocs_build(site_root, "--strict").returncode == 0
    before = tree_digest(site_root / "site")
    edit(site_root / "handbook", PURCHASE, "\nowner: ", "\nowenr: ")
    edit(site_root / "handbook", ACCESS, "kind: decision", "kind: decisoin")
    result = mkdocs_build(site_root)
    assert result.returncode != 0
    assert f"handbook/{PURCHASE}:" in result.stderr and "unknown key 'owenr'" in result.stderr
    assert f"handbook/{ACCESS}:" in result.stderr and "did you mean 'decision'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(site_root / "site") == before


def test_warnings_go_through_mkdocs_so_strict_counts_them(site_root: Path) -> None:
    text = (site_root / "handbook" / PURCHASE).read_text(encoding="utf-8")
    target_line = next(line for line in text.splitlines() if line.strip().startswith("target:"))
    edit(site_root / "handbook", PURCHASE, target_line + "\n", "")
    lenient = mkdocs_build(site_root)
    assert lenient.returncode == 0, lenient.stderr
    assert "WARNING" in lenient.stderr and "has no target" in lenient.stderr
    strict = mkdocs_build(site_root, "--strict")
    assert strict.returncode != 0


@pytest.mark.parametrize("quiet", [False, True], ids=["strict", "strict-quiet"])
def test_a_strict_build_stopped_by_a_warning_leaves_the_site_byte_identical(site_root: Path, quiet: bool) -> None:
    assert mkdocs_build(site_root, "--strict").returncode == 0
    before = tree_digest(site_root / "site")
    edit(site_root / "handbook", PURCHASE, "    within: 2 working days\n", "    within: asap\n")
    strict = mkdocs_build(site_root, "--strict", *(["-q"] if quiet else []))
    assert strict.returncode != 0
    assert "warning[vague-time-limit]: the time limit 'asap' is vague" in strict.stderr
    assert "0 error(s) and 1 warning(s) in the handbook" in strict.stderr and "(--strict" in strict.stderr
    assert tree_digest(site_root / "site") == before
    # Without --strict the site is built, and the warning reported (unless -q asked for silence).
    lenient = mkdocs_build(site_root, *(["-q"] if quiet else []))
    assert lenient.returncode == 0, lenient.stderr
    assert ("vague-time-limit" in lenient.stderr) is not quiet


def test_the_handbook_policy_decides_what_stops_the_build(site_root: Path) -> None:
    edit(site_root / "handbook", PURCHASE, "    within: 2 working days\n", "    within: asap\n")
    (site_root / "handbook" / "_handbook.yml").write_text("rules:\n  vague-time-limit: error\n", encoding="utf-8")
    result = mkdocs_build(site_root)
    assert result.returncode != 0 and "error[vague-time-limit]" in result.stderr
    (site_root / "handbook" / "_handbook.yml").write_text("rules:\n  vague-time-limit: off\n", encoding="utf-8")
    result = mkdocs_build(site_root, "--strict")
    assert result.returncode == 0, result.stderr
    checks = (site_root / "site/checks/index.html").read_text(encoding="utf-8")
    assert "Checks and rules" in checks and "<strong>off</strong> here (default: warning)" in checks


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_build_prints_no_noise_and_every_page_loads_the_mermaid_bundle(tmp_path: Path, language: str) -> None:
    """mermaid2's deprecation notice and jieba's dictionary lines are gone at their source; Mermaid is still
    named to mermaid2 (no network check) and loaded by every page (Material's instant navigation needs it)."""
    copy_handbook(tmp_path)
    write_site_config(tmp_path, language=language)
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    for noise in ("DEPRECATED", "extra_javascript", "prefix dict", "Loading model"):
        assert noise not in result.stderr
    assert "Using specified javascript library: assets/javascripts/mermaid.min.js" in result.stderr
    pages = list((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "<body" in html:
            scripts = re.findall(r'<script src="([^"]+)"', html)
            assert [s for s in scripts if s.endswith("mermaid.min.js")], page
            assert scripts.index(next(s for s in scripts if s.endswith("mermaid.min.js"))) < scripts.index(
                next(s for s in scripts if s.endswith("process-manual.js")))


def test_drafts_are_left_out_unless_published_and_retired_pages_leave_the_nav(tmp_path: Path) -> None:
    copy_handbook(tmp_path)
    edit(tmp_path / "handbook", PURCHASE, "status: effective", "status: draft")
    edit(tmp_path / "handbook", ARCHIVE_FILE, "status: effective", "status: retired")
    # IT-002, in force, runs the new draft PUR-001 (draft-in-use), dated as if in force (draft-past-effective):
    # warnings that --strict would stop at; this handbook accepts them to see where the draft goes.
    (tmp_path / "handbook" / "_handbook.yml").write_text(
        "rules: {draft-in-use: off, draft-past-effective: off}\n", encoding="utf-8")
    write_site_config(tmp_path)
    assert mkdocs_build(tmp_path, "--strict").returncode == 0
    assert not (tmp_path / "site/processes/pur-001").exists()
    retired = (tmp_path / "site/processes/fac-003/index.html").read_text(encoding="utf-8")
    assert "Retired" in retired
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "FAC-003" not in home

    write_site_config(tmp_path, options="publish_drafts: true")
    assert mkdocs_build(tmp_path, "--strict").returncode == 0
    draft = (tmp_path / "site/processes/pur-001/index.html").read_text(encoding="utf-8")
    assert "Draft — this process is not approved yet" in draft


def test_labels_follow_the_site_language(site_root: Path) -> None:
    write_site_config(site_root, language="zh")
    assert mkdocs_build(site_root, "--strict").returncode == 0
    html = (site_root / "site/processes/pur-001/index.html").read_text(encoding="utf-8")
    for label in ("流程图", "责任矩阵 (RACI)", "变更记录", "流程负责人"):
        assert label in html
    assert "Change log" not in html
    # Material writes lang="zh"; screen readers and fonts need the script (Simplified), on every page.
    for page in ("processes/pur-001/index.html", "index.html", "404.html"):
        assert '<html lang="zh-Hans"' in (site_root / "site" / page).read_text(encoding="utf-8"), page


ARCHIVE_FILE = "facilities/records-archiving.yml"
