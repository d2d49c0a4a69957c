"""A site language without a catalog is never a silently English handbook: the build warns, naming the tag
and the catalogs there are, and `--strict` stops before site/ is touched."""

from __future__ import annotations

import pytest

from fixtures.util import copy_handbook
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config
from test_plugin_build import tree_digest

pytestmark = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")


def test_a_language_without_a_catalog_warns_and_builds_in_english(tmp_path) -> None:
    copy_handbook(tmp_path)
    write_site_config(tmp_path, language="fr")  # Material speaks French; the handbook's words have no catalog
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING -  process_manual: no catalog for the language 'fr'" in result.stderr
    assert "de, en, zh-Hans, zh-Hant" in result.stderr
    page = (tmp_path / "site" / "processes" / "pur-001" / "index.html").read_text(encoding="utf-8")
    assert "Responsibility matrix (RACI)" in page and '<html lang="fr"' in page


def test_under_strict_it_stops_the_build_before_the_site_is_touched(tmp_path) -> None:
    copy_handbook(tmp_path)
    write_site_config(tmp_path, language="en")
    assert mkdocs_build(tmp_path).returncode == 0
    before = tree_digest(tmp_path / "site")
    write_site_config(tmp_path, language="fr")
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 1
    assert "no catalog for the language 'fr'" in result.stderr and "(--strict: warnings stop the build)" in result.stderr
    assert tree_digest(tmp_path / "site") == before
