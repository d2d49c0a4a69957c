"""The example handbook in three languages, built once as a user builds it: every page in every language,
alternates to the same page, marks on what is not translated or out of date, search per language.

Browser checks (the selector, search results) are in tests/browser/test_language_selector.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from process_manual.check.validate import validate
from process_manual.cli.commands import main
from process_manual.load.handbook import load_handbook
from fixtures.util import copy_handbook
from sitebuild import REPO, mkdocs_build, write_site_config

LANGUAGES = ("zh", "en", "zh-Hant")
FOLDERS = {"zh": "", "en": "en/", "zh-Hant": "zh-Hant/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("trilingual") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(out.parent),
             "HANDBOOK_SITE_URL": "https://handbook.example.com/manual/"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _pages(site: Path, language: str) -> set[str]:
    root = site / FOLDERS[language] if FOLDERS[language] else site
    others = {FOLDERS[t].rstrip("/") for t in LANGUAGES if FOLDERS[t] and t != language}
    found = {p.relative_to(root).as_posix() for p in root.rglob("*.html")}
    return {p for p in found if p.split("/")[0] not in others}


def _html(site: Path, language: str, page: str) -> str:
    return (site / FOLDERS[language] / page).read_text(encoding="utf-8")


def test_one_build_writes_every_page_in_every_language(site: Path) -> None:
    source = _pages(site, "zh")
    assert "processes/sal-001/index.html" in source and len(source) > 40
    for language in ("en", "zh-Hant"):
        assert _pages(site, language) == source, language
        assert (site / FOLDERS[language] / "feed.xml").is_file()
        assert (site / FOLDERS[language] / "bpmn" / "SAL-001.bpmn").is_file()
        assert (site / FOLDERS[language] / "search" / "search_index.json").is_file()


def test_each_page_names_itself_in_every_language(site: Path) -> None:
    for language in LANGUAGES:
        html = _html(site, language, "processes/sal-001/index.html")
        exact = {"zh": "zh-Hans"}.get(language, language)
        assert f'<html lang="{exact}"' in html
        # In the head, every language's home (Material reads its sitemap); in the selector, this very page.
        links = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)
        assert links == [(f"/manual/{FOLDERS[t]}", t) for t in LANGUAGES]
        selector = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link">\s*(\S+)', html)
        assert [(href, lang) for href, lang, _ in selector] == [
            (f"/manual/{FOLDERS[t]}processes/sal-001/", t) for t in LANGUAGES
        ]
        assert [name for *_, name in selector] == ["简体中文", "English", "繁體中文"]


def test_english_shows_translations_and_marks_the_rest(site: Path) -> None:
    html = _html(site, "en", "processes/sal-001/index.html")
    assert "<h1" in html and "SAL-001 Order intake" in html
    # The step renamed in version 2.4 after its translation: the English shown, marked out of date.
    assert re.search(r'<span class="pm-stale">Prepare and send the commercial quotation</span>'
                     r'<span class="pm-translation-note"> \(translation out of date\)</span>', html)
    # Durations are said in English, whatever the source wrote.
    assert "<strong>Time limit:</strong> 2 working days" in html
    assert "Company Process Handbook" in html
    # The text the example leaves without English: the Chinese, marked as Chinese, with a note in English.
    training = _html(site, "en", "processes/hr-003/index.html")
    purpose = training.split('id="purpose"', 1)[1].split("<h2", 1)[0]
    assert 'class="pm-untranslated" lang="zh"' in purpose and "(not translated yet)" in purpose
    assert re.search("[\u4e00-\u9fff]", purpose)


def test_traditional_chinese_is_converted_and_hand_edits_win(site: Path) -> None:
    html = _html(site, "zh-Hant", "processes/qm-001/index.html")
    assert "流程變更管理" in html and "发布" not in html
    assert '<a href="#step-release">發布新版本</a>' in html  # the hand edit over OpenCC's 釋出新版本
    assert "pm-untranslated" not in html  # a derived language is never "not translated"
    page = _html(site, "zh-Hant", "how-to-edit/index.html")
    assert "本頁由簡體中文自動轉換" in page and "如何編輯流程" in page


def test_search_is_per_language(site: Path) -> None:
    def index(language: str) -> dict:
        return json.loads((site / FOLDERS[language] / "search" / "search_index.json").read_text(encoding="utf-8"))

    english, chinese = index("en"), index("zh")
    assert english["config"]["lang"] == ["en"]
    assert english["config"]["separator"] == r"[\s\-]+"  # Material's English default, not the Chinese separators
    assert "zh" in chinese["config"]["lang"]
    assert any("Order intake" in doc["title"] for doc in english["docs"])
    assert not any("Order intake" in doc["title"] for doc in chinese["docs"])
    assert all(doc["location"].startswith(("", "#")) for doc in english["docs"])
    # jieba's segmentation (zero-width spaces between words) in the Chinese index.
    assert any("\u200b" in doc["text"] for doc in chinese["docs"])


def test_a_page_without_translation_shows_the_source_with_a_note(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    (root / "_handbook.yml").write_text("languages: [en, zh]\n", encoding="utf-8")
    config = write_site_config(tmp_path)
    (tmp_path / "docs" / "about.md").write_text("# About\n\nWho we are.\n", encoding="utf-8")
    (tmp_path / "docs" / "about.zh.md").write_text("# 关于\n\n我们是谁。\n", encoding="utf-8")
    result = mkdocs_build(tmp_path, "--strict", "-f", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    index = (tmp_path / "site" / "zh" / "index.html").read_text(encoding="utf-8")
    assert "本页尚未翻译，以英文显示。" in index and "The test handbook." in index
    about = (tmp_path / "site" / "zh" / "about" / "index.html").read_text(encoding="utf-8")
    assert "我们是谁。" in about and "尚未翻译" not in about
    assert not (tmp_path / "site" / "zh" / "about.zh").exists() and not (tmp_path / "site" / "about.zh").exists()


def test_changing_a_source_step_name_makes_its_translation_stale(tmp_path: Path, capsys) -> None:
    root = tmp_path / "processes"
    shutil.copytree(REPO / "processes", root)
    policy = root / "_handbook.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("  stale-translation: off\n", ""), encoding="utf-8")
    source = root / "sales" / "order-intake.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("name: 与顾客确认订货要求", "name: 与顾客确认要求"),
                      encoding="utf-8")
    translation = root / "sales" / "order-intake.en.yml"
    line = next(n for n, text in enumerate(translation.read_text(encoding="utf-8").splitlines(), 1)
                if "name: Confirm the requirements with the customer" in text)
    stale = [p for p in validate(load_handbook(root)) if p.rule == "stale-translation"]
    assert [(p.line, p.severity.value) for p in stale if "confirm-requirements" in p.message] == [(line, "warning")]
    assert main(["translations", str(root), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)["en"]
    assert "sales/order-intake.yml#steps.confirm-requirements.name" in report["stale"]
    assert report["counts"]["stale"] == 2  # the one the example keeps on purpose, and this one


def test_bpmn_export_writes_the_texts_of_the_language_asked_for(tmp_path: Path) -> None:
    assert main(["bpmn", "export", str(REPO / "processes"), "--out", str(tmp_path / "en"), "--language", "en"]) == 0
    assert main(["bpmn", "export", str(REPO / "processes"), "--out", str(tmp_path / "zh")]) == 0
    english = (tmp_path / "en" / "SAL-001.bpmn").read_text(encoding="utf-8")
    chinese = (tmp_path / "zh" / "SAL-001.bpmn").read_text(encoding="utf-8")
    assert 'name="Order intake"' in english and 'name="Sales manager"' in english
    assert 'name="Order intake"' not in chinese and 'name="销售经理"' in chinese
