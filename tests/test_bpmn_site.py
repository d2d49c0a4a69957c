"""The site publishes every process as BPMN 2.0 (bpmn/<ID>.bpmn) and links it from the process page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bpmn_support import xsd_errors
from fixtures.util import copy_handbook
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

pytestmark = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_process_page_links_its_bpmn_file_published_with_the_site(language: str, tmp_path: Path) -> None:
    copy_handbook(tmp_path)
    write_site_config(tmp_path, language=language)
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    published = sorted(p.name for p in (site / "bpmn").glob("*.bpmn"))
    pages = sorted(p.parent.name for p in (site / "processes").glob("*/index.html") if p.parent.name != "history")
    assert published == sorted(f"{page.upper()}.bpmn" for page in pages)
    for name in published:
        assert xsd_errors(site / "bpmn" / name) == [], name
    html = BeautifulSoup((site / "processes/pur-001/index.html").read_text(encoding="utf-8"), "html.parser")
    [link] = html.select("a.pm-bpmn")
    assert link["href"] == "../../bpmn/PUR-001.bpmn" and link["download"] == "PUR-001.bpmn"
    assert link.get_text() == ("Download as BPMN 2.0" if language == "en" else "下载 BPMN 2.0 文件")
    start = (site / "bpmn/PUR-001.bpmn").read_text(encoding="utf-8")
    assert ('name="Start"' if language == "en" else 'name="开始"') in start


def test_bpmn_false_publishes_no_file_and_no_link(tmp_path: Path) -> None:
    copy_handbook(tmp_path)
    write_site_config(tmp_path, options="bpmn: false")
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "bpmn").exists()
    assert "pm-bpmn" not in (tmp_path / "site/processes/pur-001/index.html").read_text(encoding="utf-8")
