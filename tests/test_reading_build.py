"""Reading paths through a real `mkdocs build --strict`: pages and script in the site, and a path naming a
hand-written page that does not exist stops the build with the catalog's line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fixtures.util import copy_handbook, edit
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

pytestmark = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")

READING = Path(__file__).parent / "fixtures" / "reading" / "_onboarding.yml"
PLUGIN_JS = Path(__file__).parents[1] / "plugins" / "process_manual" / "build" / "assets" / "process-manual.js"


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    root = copy_handbook(tmp_path)
    shutil.copy(READING, root / "_onboarding.yml")
    write_site_config(tmp_path)
    return tmp_path


def test_paths_pages_and_script_are_in_the_site(site_root: Path) -> None:
    result = mkdocs_build(site_root, "--strict")
    assert result.returncode == 0, result.stderr
    site = site_root / "site"
    for page in ("onboarding", "onboarding/new-buyer", "onboarding/welcome", "onboarding/facilities-basics"):
        assert (site / page / "index.html").is_file(), page
    assert (site / "assets/javascripts/process-manual.js").read_bytes() == PLUGIN_JS.read_bytes()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/javascripts/process-manual.js"' in home
    assert 'data-pm-item="page:index.md"' in home, "the hand-written home page is on a path: it gets its block"
    process = (site / "processes/pur-001/index.html").read_text(encoding="utf-8")
    assert 'class="pm-page-meta" data-pm-id="PUR-001" data-pm-version="1.2"' in process
    assert 'href="../../onboarding/new-buyer/"' in process
    assert "onclick" not in process and "<script>" not in process.split("</article>")[0].split("<article")[-1]
    role = (site / "roles/buyer/index.html").read_text(encoding="utf-8")
    assert "Start here" in role and 'href="../../onboarding/new-buyer/"' in role


def test_a_path_to_a_missing_docs_page_stops_the_build_at_its_line(site_root: Path) -> None:
    edit(site_root / "handbook", "_onboarding.yml", "{page: index.md, title: Welcome}",
         "{page: welcome.md, title: Welcome}")
    result = mkdocs_build(site_root, "--strict")
    assert result.returncode != 0
    line = next(n for n, text in enumerate((site_root / "handbook/_onboarding.yml").read_text().splitlines(), 1)
                if "welcome.md" in text)
    assert f"handbook/_onboarding.yml:{line}:" in result.stderr
    assert "the page docs/welcome.md does not exist" in result.stderr
    assert "Traceback" not in result.stderr
