"""A handbook's own interface words: `_interface.yml` replaces words of a shipped catalog, or adds a language
with a fallback; checked like a catalog, every problem at its line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from fixtures.util import HANDBOOK, TODAY
from process_manual.build.options import PluginOptions
from process_manual.build.pipeline import SiteSettings, check_handbook, render_handbook
from process_manual.check.validate import Settings, validate
from process_manual.cli import main
from process_manual.load.handbook import load_handbook
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

INTERFACE = """\
# 本手册自己的界面用词：覆盖插件自带的简体中文用词，另加一种语言。
zh-Hans:
  labels:
    glossary: 名词解释
    owner: 流程所有者
  rules_page:
    title: 本手册的检查规则
fr:
  language: {tag: fr, autonym: Français, script: Latn, plural: one-below-two, fallback: en}
  labels:
    purpose: Objet
    raci: Matrice des responsabilités (RACI)
  durations:
    working_day: {one: "{n} jour ouvré", other: "{n} jours ouvrés"}
"""


@pytest.fixture
def handbook_root(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(HANDBOOK, root)
    (root / "_interface.yml").write_text(INTERFACE, encoding="utf-8")
    return root


def pages(root: Path, language: str) -> dict[str, str]:
    settings = SiteSettings(config_dir=root.parent, docs_dir=root.parent, options=PluginOptions(
        processes=root.name, git_history=False), theme_language=language)
    built = render_handbook(check_handbook(settings), settings)
    assert built.warnings == []
    return built.site.pages


def test_the_handbooks_words_replace_the_shipped_ones_and_only_those(handbook_root: Path) -> None:
    assert validate(load_handbook(handbook_root), Settings(today=dt.date.fromisoformat(TODAY))) == []
    zh = pages(handbook_root, "zh-CN")
    assert zh["glossary.md"].splitlines()[1] == 'title: "名词解释"'
    assert "<dt>流程所有者</dt>" in zh["processes/pur-001.md"]
    assert "## 责任矩阵 (RACI)" in zh["processes/pur-001.md"]  # not replaced: the shipped word
    assert zh["checks.md"].startswith("# 本手册的检查规则")
    traditional = pages(handbook_root, "zh-TW")
    assert "<dt>流程負責人</dt>" in traditional["processes/pur-001.md"]  # another catalog: untouched


def test_a_handbook_may_add_a_language_with_a_fallback(handbook_root: Path) -> None:
    french = pages(handbook_root, "fr-FR")
    page = french["processes/pur-001.md"]
    assert "## Objet" in page and "## Matrice des responsabilités (RACI)" in page
    assert "## Change log" in page  # the words it does not give: its fallback's
    from process_manual.core.durations import Duration

    catalogs = load_handbook(handbook_root).interface_catalogs
    assert Duration(1.5, "working_day").label(catalogs["fr"]) == "1.5 jour ouvré"  # French: 1.5 takes the one form


@pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")
def test_a_site_in_the_handbooks_own_language_builds_strict_without_a_warning(handbook_root: Path) -> None:
    write_site_config(handbook_root.parent, language="fr")
    result = mkdocs_build(handbook_root.parent, "--strict")
    assert result.returncode == 0, result.stderr
    html = (handbook_root.parent / "site" / "processes" / "pur-001" / "index.html").read_text(encoding="utf-8")
    assert "Matrice des responsabilités (RACI)" in html


def test_the_commands_use_the_handbooks_words(handbook_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--dir", str(handbook_root), "--language", "zh"]) == 0
    assert capsys.readouterr().out.startswith("# 本手册的检查规则")


BROKEN = """\
zh-Hans:
  labels:
    glosary: 名词解释
    version_n: 第 {number} 版
  language: {tag: zh-Hans, autonym: 中文}
de:
  recognise:
    vague_owners: [alle]
"klingon!": {labels: {}}
"""


def test_every_problem_of_the_file_is_reported_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(HANDBOOK, root)
    (root / "_interface.yml").write_text(BROKEN, encoding="utf-8")
    problems = validate(load_handbook(root, shown_base=root), Settings(today=dt.date.fromisoformat(TODAY)))
    assert [p.text() for p in problems] == [
        "_interface.yml:5:3: error[unknown-key]: 'zh-Hans' is a shipped catalog: its identity is fixed",
        "_interface.yml:7:3: error[unknown-key]: a handbook's interface words recognise nothing — add vague-owner "
        "words to _handbook.yml's vague_owners",
        "_interface.yml:9:1: error[invalid-value]: 'klingon!' is not a language tag (BCP 47: e.g. en, de-CH, "
        "zh-Hant) — each top-level key is a language tag",
    ]
    (root / "_interface.yml").write_text(BROKEN.split("  language:")[0], encoding="utf-8")
    problems = validate(load_handbook(root, shown_base=root), Settings(today=dt.date.fromisoformat(TODAY)))
    assert [p.text() for p in problems] == [
        "_interface.yml:3:5: error[unknown-key]: 'labels.glosary' is not a key of the catalogs — did you mean "
        "'labels.glossary'?",
        "_interface.yml:4:16: error[invalid-value]: 'labels.version_n' has other placeholders than the English "
        "text — {version}",
    ]
