"""Every command takes its language from the handbook (the site that builds it) or from `--language`, which
takes any tag a catalog answers; an unknown tag is English with a warning, a malformed one an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from fixtures.util import HANDBOOK, TODAY
from process_manual.build.handbook_language import command_language, site_language
from process_manual.build.pipeline import SiteSettings, check_handbook, render_handbook
from process_manual.build.options import PluginOptions
from process_manual.cli import main
from process_manual.load.handbook import load_handbook
from sitebuild import MERMAID_BUNDLE, write_site_config

REPO = Path(__file__).resolve().parents[1]
TRADITIONAL = REPO / "examples" / "zh-hant"
ENGLISH = Path(__file__).parent / "fixtures" / "english"
BPMN_FIXTURES = Path(__file__).parent / "fixtures" / "bpmn"


@pytest.fixture(autouse=True)
def _pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROCESS_MANUAL_TODAY", TODAY)
    monkeypatch.delenv("PROCESS_MANUAL_LANGUAGE", raising=False)


def test_the_handbook_language_is_its_sources_or_its_sites() -> None:
    assert site_language(TRADITIONAL / "processes") == ("zh-Hant", TRADITIONAL / "mkdocs.yml")
    assert site_language(REPO / "processes") == ("zh", REPO / "mkdocs.yml")
    assert site_language(ENGLISH / "processes") == ("en", ENGLISH / "mkdocs.yml")
    assert site_language(HANDBOOK) is None  # no site builds the test handbook
    assert command_language(None, HANDBOOK, guess_from="文件審批").catalog.tag == "zh-Hant"  # guessed
    assert command_language("de-AT", TRADITIONAL / "processes").catalog.tag == "de"  # --language wins
    source = load_handbook(REPO / "processes").source_language  # _handbook.yml: languages: [zh, en, zh-Hant]
    assert command_language(None, ENGLISH / "processes", declared=source).catalog.tag == "zh-Hans"


def test_bpmn_export_speaks_the_handbooks_language_as_the_site_does(tmp_path: Path) -> None:
    """`bpmn export examples/zh-hant/processes` wrote a simplified 开始 where the site's download said 開始."""
    assert main(["bpmn", "export", str(TRADITIONAL / "processes"), "--out", str(tmp_path)]) == 0
    exported = {path.name: path.read_text(encoding="utf-8") for path in sorted(tmp_path.glob("*.bpmn"))}
    assert exported and all('name="開始"' in text and "开始" not in text for text in exported.values())
    settings = SiteSettings(config_dir=TRADITIONAL, docs_dir=TRADITIONAL / "docs", options=PluginOptions(
        processes="processes", git_history=False), theme_language="zh-Hant")
    site = render_handbook(check_handbook(settings), settings).files
    for name, text in exported.items():
        assert site[f"bpmn/{name}"] == text, f"{name}: the command and the site's download differ"


def test_bpmn_export_takes_any_catalog(tmp_path: Path) -> None:
    assert main(["bpmn", "export", str(TRADITIONAL / "processes"), "--out", str(tmp_path), "--language", "de"]) == 0
    assert all('name="Start"' in path.read_text(encoding="utf-8") for path in tmp_path.glob("*.bpmn"))


@pytest.mark.parametrize("tag, title", [("zh-TW", "# 檢查規則"), ("zh-CN", "# 检查规则"), ("de", "# Prüfungen und Regeln"),
                                        ("en-GB", "# Checks and rules")])
def test_rules_in_any_catalog(tag: str, title: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--language", tag]) == 0
    assert capsys.readouterr().out.startswith(title)


def test_rules_of_a_handbook_speak_its_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--dir", str(TRADITIONAL / "processes")]) == 0
    assert capsys.readouterr().out.startswith("# 檢查規則")


def test_an_unknown_tag_is_english_with_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--language", "fr"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Checks and rules")
    assert "process-manual rules: warning: no catalog for the language 'fr'" in err
    assert "de, en, zh-Hans, zh-Hant" in err


def test_a_malformed_tag_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["rules", "--language", "zh TW"])
    assert stopped.value.code == 2
    assert "'zh TW' is not a language tag" in capsys.readouterr().err


def _with_vague_limit(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(HANDBOOK, root)
    path = root / "purchasing" / "purchase-request.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("within: 1 working day", "within: asap", 1),
                    encoding="utf-8")
    return root


@pytest.mark.parametrize("tag, example", [("de", "'3 Arbeitstage'"), ("zh-TW", "'3個工作日'"),
                                          ("zh", "'3个工作日'")])
def test_validate_shows_examples_in_the_handbooks_language(tag: str, example: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = _with_vague_limit(tmp_path)
    assert main(["validate", str(root), "--no-cache", "--language", tag]) == 0  # a warning
    out = capsys.readouterr().out
    assert "warning[vague-time-limit]" in out and "'2 working days'" in out and example in out


def test_validate_in_english_shows_english_examples_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(_with_vague_limit(tmp_path)), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "write a duration ('2 working days') or a deadline tied to an event or date ('before the meeting', " \
           "'by the 15th of the month')" in out


def test_new_takes_the_handbooks_language_over_the_title(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(TRADITIONAL, site, ignore=shutil.ignore_patterns("site"))
    assert main(["new", "--dir", str(site / "processes"), "--id", "ADM-009", "--title", "Visitor badges",
                 "--area", "administration", "--owner", "admin-manager"]) == 0
    text = (site / "processes" / "administration" / "visitor-badges.yml").read_text(encoding="utf-8")
    assert "name: 請填寫第一個步驟" in text and "change: 初稿" in text and "every: 12個月" in text
    assert "# 由 `process-manual new` 於" in text
    assert main(["validate", str(site / "processes"), "--no-cache"]) == 0


def test_new_in_german(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(HANDBOOK, root)
    assert main(["new", "--dir", str(root), "--id", "IT-009", "--title", "Laptop tauschen", "--area", "it",
                 "--owner", "it-manager", "--language", "de"]) == 0
    data = yaml.safe_load((root / "it" / "laptop-tauschen.yml").read_text(encoding="utf-8"))
    assert [s["name"] for s in data["steps"]] == ["Den ersten Schritt beschreiben", "Laptop tauschen abgeschlossen"]
    assert data["review"]["every"] == "12 Monate" and data["changelog"][0]["change"] == "Erster Entwurf"
    assert main(["validate", str(root), "--no-cache"]) == 0


def test_bpmn_import_takes_the_language_asked_for(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(REPO / "processes", root)
    assert main(["bpmn", "import", str(BPMN_FIXTURES / "zh-leave-request.bpmn"), "--dir", str(root),
                 "--area", "training", "--owner", "hr-manager", "--language", "zh-Hant"]) == 0
    [source] = [s for s in load_handbook(root).processes if s.process.title == "请假审批流程"]
    text = Path(source.doc.path).read_text(encoding="utf-8")
    assert source.process.changelog[0].change == "從 zh-leave-request.bpmn 匯入（BPMN 2.0）"
    assert source.process.step("id-check-outcome").name == "核对剩余假期：下一步"  # the model's own words stay
    assert yaml.safe_load(text)["review"]["every"] == "12個月"
    assert "\n# 由 `process-manual bpmn import` 於" in "\n" + text


@pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")
def test_render_in_another_language(tmp_path: Path) -> None:
    shutil.copytree(HANDBOOK, tmp_path / "handbook")
    config = write_site_config(tmp_path)
    assert main(["render", "--config", str(config), "--out", str(tmp_path / "out"), "--language", "de"]) == 0
    page = (tmp_path / "out" / "docs" / "processes" / "pur-001.md").read_text(encoding="utf-8")
    assert "## Verantwortungsmatrix (RACI)" in page and "Responsibility" not in page


def test_the_environment_sets_the_language_of_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROCESS_MANUAL_LANGUAGE", "de")
    assert command_language(None, ENGLISH / "processes").catalog.tag == "de"
    settings = SiteSettings(config_dir=REPO, docs_dir=REPO / "docs", options=PluginOptions(), theme_language="en",
                            language_override="de")
    assert settings.language == "de"
