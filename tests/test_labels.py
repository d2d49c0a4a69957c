"""The labels the plugin writes: tags find their catalog; traditional Chinese is its own text (the catalogs' keys
and placeholders: tests/test_catalogs.py)."""

from __future__ import annotations

import pytest

from process_manual.core.catalog import shipped_catalogs
from process_manual.core.labels import Labels

# Characters that exist only in simplified writing (their traditional forms differ): none may appear in
# a traditional label. Not a converter: a net for a label copied from the simplified column.
SIMPLIFIED_ONLY = set("这个们为说时发会过还对从进么务动实习书经产问应题级设计项单据审总论负责资认记录变页读阅岗门关开员统划"
                      "归档编状态评领触输图骤询阵标频风险参历显获选择订执织该仅无库链块数报销节点启岁间")


@pytest.mark.parametrize("tag", ["zh-TW", "zh-tw", "zh_TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-TW", "ZH-HANT"])
def test_traditional_tags(tag: str) -> None:
    assert Labels(tag).language == "zh-Hant"


@pytest.mark.parametrize("tag, language", [("zh", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh-Hans", "zh-Hans"),
                                           ("zh-Hans-TW", "zh-Hans"), ("en", "en"), ("en-TW", "en"),
                                           ("de-CH", "de")])
def test_other_tags(tag: str, language: str) -> None:
    assert Labels(tag).language == language


def test_traditional_labels_have_no_simplified_characters() -> None:
    catalog = shipped_catalogs()["zh-Hant"]
    texts = {key: text for key, message in catalog.messages.items() for text in texts_of(message)}
    found = {key: sorted(set(text) & SIMPLIFIED_ONLY) for key, text in texts.items()}
    assert {key: chars for key, chars in found.items() if chars} == {}


def texts_of(message: object) -> list[str]:
    forms = getattr(message, "forms", None)
    return list(forms.values()) if forms else [str(message)]


def test_traditional_labels_are_not_the_simplified_ones() -> None:
    simplified = Labels("zh")
    traditional = Labels("zh-TW")
    assert traditional.purpose == "目的"  # the same word in both scripts
    assert (traditional.owner, simplified.owner) == ("流程負責人", "流程负责人")
    assert (traditional.glossary, simplified.glossary) == ("名詞解釋", "术语表")  # another word, not another script
    assert traditional.status_name("draft") == "草案"
