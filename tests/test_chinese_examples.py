"""The Chinese example handbooks read like Chinese, and the traditional one is traditional throughout.

Each example is built once with the real `mkdocs build --strict`; every page's text is checked as a
reader sees it (tests/cjk_text.py), and the search index as Material wrote it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cjk_text import stray_spaces, visible_lines, without_column
from shared_sites import built_example
from test_labels import SIMPLIFIED_ONLY

from process_manual.core.labels import Labels


@pytest.fixture(scope="module", params=["zh", "zh-hant"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    return request.param, built_example(request.param, tmp_path_factory).site_dir


@pytest.fixture(scope="module")
def traditional(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_example("zh-hant", tmp_path_factory).site_dir


def pages(site: Path) -> list[Path]:
    """The Chinese pages of a site: the English site of a handbook in several languages (en/) is not Chinese."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "en")


def test_no_stray_space_in_the_chinese_text_of_any_page(built: tuple[str, Path]) -> None:
    name, site = built
    # A version history quotes the text of an earlier version as it was written: that column is not ours.
    quoted = {Labels(name).before}
    found = {}
    for page in pages(site):
        html = without_column(page.read_text(encoding="utf-8"), quoted)
        spaces = [s for line in visible_lines(html) for s in stray_spaces(line)]
        if spaces:
            found[page.relative_to(site).as_posix()] = spaces
    assert len(pages(site)) > 20
    assert found == {}, f"{name}: spaces between Chinese characters or next to Chinese punctuation"


SEARCH_INDEX_PHRASES = {
    # Written over two lines in the YAML file (adm-004 purpose) and in a hand-written page (index.md).
    "zh": [("processes/adm-004/", "办理时限，使文件审批有据可查"), ("", "包括流程图、谁做什么、时限、表单、绩效指标和变更历史")],
    "zh-hant": [("processes/fin-001/", "申請人都看得到，卡住時可以直接聯繫"), ("", "在哪個節點需要支援，並直接聯繫")],
}


def search_entries(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_the_search_index_carries_the_joined_text(built: tuple[str, Path]) -> None:
    name, site = built
    entries = search_entries(site)
    for location, phrase in SEARCH_INDEX_PHRASES[name]:
        texts = [e["text"].replace("\u200b", "") for e in entries if e["location"].split("#")[0] == location]
        assert any(phrase in text for text in texts), f"{name}: '{phrase}' is not in the index of '{location}'"


def test_traditional_handbook_has_traditional_labels(traditional: Path) -> None:
    page = (traditional / "processes" / "fin-001" / "index.html").read_text(encoding="utf-8")
    traditional_labels = Labels("zh-Hant")
    for key in ("owner", "raci", "flowchart", "changelog", "kpis", "risks"):
        assert getattr(traditional_labels, key) in page, f"the label '{key}' is not in traditional characters"
    assert '<html lang="zh-Hant"' in page


def test_no_page_of_the_traditional_handbook_has_a_simplified_character(traditional: Path) -> None:
    found = {}
    for page in pages(traditional):
        text = "\n".join(visible_lines(page.read_text(encoding="utf-8"), selector="body"))
        simplified = sorted(set(text) & SIMPLIFIED_ONLY)
        if simplified:
            found[page.relative_to(traditional).as_posix()] = simplified
    assert found == {}


SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，．？！；：（）《》「」『』“”‘’]+")


def index_words(site: Path, location: str) -> set[str]:
    """The words Material's index holds for a page: what the search box can find."""
    words: set[str] = set()
    for entry in search_entries(site):
        if entry["location"].split("#")[0] == location:
            words.update(SEPARATOR.split(re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"])))
    return words


@pytest.mark.parametrize(("word", "process"), [("報銷", "fin-001"), ("審批", "adm-001"), ("社群", "mkt-001"),
                                               ("流程", "fin-001"), ("流程", "adm-001"), ("流程", "mkt-001"),
                                               ("節點", "fin-001"),
                                               ("借鑒", "mkt-001")])  # jieba's bundled dictionary cuts it "先借|鑒"
def test_traditional_words_are_words_of_the_search_index(traditional: Path, word: str, process: str) -> None:
    assert word in index_words(traditional, f"processes/{process}/")
