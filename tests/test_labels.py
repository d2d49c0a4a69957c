"""The labels the plugin writes: every language has every label; traditional Chinese is its own text."""

from __future__ import annotations

import pytest

from process_manual.core.labels import _LABELS, Labels, is_traditional_chinese
from process_manual.core.labels_hant import LABELS_HANT

# Characters that exist only in simplified writing (their traditional forms differ): none may appear in
# a traditional label. Not a converter: a net for a label copied from the simplified column.
SIMPLIFIED_ONLY = set("这个们为说时发会过还对从进么务动实习书经产问应题级设计项单据审总论负责资认记录变页读阅岗门关开员统划"
                      "归档编状态评领触输图骤询阵标频风险参历显获选择订执织该仅无库链块数报销节点启岁间")


@pytest.mark.parametrize("tag", ["zh-TW", "zh-tw", "zh_TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-TW", "ZH-HANT"])
def test_traditional_tags(tag: str) -> None:
    assert is_traditional_chinese(tag)
    assert Labels(tag).language == "zh-Hant"


@pytest.mark.parametrize("tag, language", [("zh", "zh"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh-Hans-TW", "zh"),
                                           ("en", "en"), ("en-TW", "en"), ("de", "en")])
def test_other_tags(tag: str, language: str) -> None:
    assert not is_traditional_chinese(tag)
    assert Labels(tag).language == language


def test_traditional_labels_cover_every_label() -> None:
    assert sorted(LABELS_HANT) == sorted(_LABELS), "every label needs a traditional-Chinese text in labels_hant.py"


def test_traditional_labels_have_no_simplified_characters() -> None:
    found = {key: sorted(set(text) & SIMPLIFIED_ONLY) for key, text in LABELS_HANT.items()}
    assert {key: chars for key, chars in found.items() if chars} == {}


def test_traditional_labels_keep_the_placeholders() -> None:
    for key, (english, _) in _LABELS.items():
        placeholders = sorted(part.split("}")[0] for part in english.split("{")[1:])
        assert sorted(part.split("}")[0] for part in LABELS_HANT[key].split("{")[1:]) == placeholders, key


def test_traditional_labels_are_not_the_simplified_ones() -> None:
    simplified = Labels("zh")
    traditional = Labels("zh-TW")
    assert traditional.purpose == "目的"  # the same word in both scripts
    assert (traditional.owner, simplified.owner) == ("流程負責人", "流程负责人")
    assert (traditional.glossary, simplified.glossary) == ("名詞解釋", "术语表")  # another word, not another script
    assert traditional.status_name("draft") == "草案"
