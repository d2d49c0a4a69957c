"""Interface text is data: one catalog file per language (plugins/process_manual/core/catalogs/), every one
complete and consistent with the English one, found by BCP 47 negotiation, checked with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from process_manual.core.catalog import (
    CATALOG_FOLDER,
    PLURAL_RULES,
    REFERENCE,
    CatalogError,
    load_catalog_files,
    negotiate,
    read_catalog,
    shipped_catalogs,
)
from process_manual.core.catalog_file import Plural, placeholders, read_catalog_text
from process_manual.core.durations import Duration, parse_duration

FILES = sorted(CATALOG_FOLDER.glob("*.yml"))
ENGLISH = read_catalog(CATALOG_FOLDER / "en.yml").messages()


def fields(message: object) -> set[str]:
    return message.placeholders() if isinstance(message, Plural) else placeholders(str(message))


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_every_shipped_catalog_has_every_english_key_and_no_other(path: Path) -> None:
    read = read_catalog(path)
    assert read.problems == []
    own = read.messages()
    assert sorted(set(ENGLISH) - set(own)) == [], "keys missing: the shipped catalogs are complete"
    assert sorted(set(own) - set(ENGLISH)) == [], "keys English does not have"
    assert "fallback" not in read.section("language"), "a shipped catalog borrows no words"


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_placeholders_and_plural_forms_match(path: Path) -> None:
    read = read_catalog(path)
    forms = PLURAL_RULES[read.section("language")["plural"]][0]
    for key, message in read.messages().items():
        assert fields(message) == fields(ENGLISH[key]), key
        if isinstance(message, Plural):
            assert set(message.forms) == set(forms), key
        elif isinstance(ENGLISH[key], Plural):
            assert forms == ("other",), f"{key}: this language needs its plural forms"


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_the_file_is_named_after_its_tag_and_says_who_it_is(path: Path) -> None:
    catalog = shipped_catalogs()[path.stem]
    assert catalog.tag == path.stem
    assert catalog.autonym and catalog.script and catalog.plural_rule in PLURAL_RULES
    assert all(catalog.words(section) for section in ("labels", "rules_page", "durations", "bpmn_import"))


def test_english_comes_first_and_every_file_is_loaded() -> None:
    assert list(shipped_catalogs())[0] == REFERENCE
    assert sorted(shipped_catalogs()) == sorted(path.stem for path in FILES)


@pytest.mark.parametrize("tag, expected", [
    ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh-SG", "zh-Hans"), ("zh-Hans", "zh-Hans"), ("zh-hans-cn", "zh-Hans"),
    ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-MO", "zh-Hant"), ("zh-Hant", "zh-Hant"), ("zh_TW", "zh-Hant"),
    ("zh-Hant-TW", "zh-Hant"), ("zh-Hans-TW", "zh-Hans"),  # the script says more than the region
    ("en", "en"), ("en-GB", "en"), ("EN-us", "en"), ("de", "de"), ("de-CH", "de"), ("de-AT-x-formal", "de"),
])
def test_tags_are_negotiated_without_a_warning(tag: str, expected: str) -> None:
    negotiated = negotiate(tag)
    assert (negotiated.catalog.tag, negotiated.warning) == (expected, None)


@pytest.mark.parametrize("tag", ["fr", "ja-JP", "yue-HK", "klingon!", "中文"])
def test_an_unknown_tag_gets_english_and_a_warning_naming_it_and_the_catalogs(tag: str) -> None:
    negotiated = negotiate(tag)
    assert negotiated.catalog.tag == "en"
    assert negotiated.warning and f"'{tag}'" in negotiated.warning
    assert ", ".join(sorted(shipped_catalogs())) in negotiated.warning


def test_nothing_asked_is_english_without_a_warning() -> None:
    assert (negotiate(None).catalog.tag, negotiate(None).warning) == ("en", None)
    assert negotiate("").warning is None


def _files(**texts: str) -> dict:
    return {tag: read_catalog_text(text, f"{tag}.yml") for tag, text in texts.items()}


def test_a_catalog_that_leaves_out_a_key_without_a_fallback_is_refused_at_its_line() -> None:
    broken = "language: {tag: xx, autonym: X, script: Latn, plural: other}\nlabels:\n  purpose: Zweck\n"
    with pytest.raises(CatalogError) as refused:
        load_catalog_files(_files(xx=broken), shipped_catalogs())
    texts = [problem.text() for problem in refused.value.problems]
    assert any("xx.yml:2:1: error[missing-key]: 'labels.scope' is missing" in text for text in texts), texts[:3]
    assert any("xx.yml:1:1: error[missing-key]: 'typography.dash' is missing" in text for text in texts)
    assert any("'rules.yaml-syntax' is missing" in text for text in texts)


def test_unknown_keys_and_other_placeholders_are_refused_at_their_lines() -> None:
    text = ("language: {tag: xx, autonym: X, script: Latn, plural: one-other, fallback: en}\n"
            "labels:\n  purpos: Zweck\n  version_n: Version {number}\n"
            "durations:\n  day: {one: '{n} Tag', few: '{n} Tage', other: '{n} Tage'}\n")
    with pytest.raises(CatalogError) as refused:
        load_catalog_files(_files(xx=text), shipped_catalogs())
    texts = [problem.text() for problem in refused.value.problems]
    assert "xx.yml:3:3: error[unknown-key]: 'labels.purpos' is not a key of the catalogs — did you mean " \
           "'labels.purpose'?" in texts
    assert "xx.yml:4:14: error[invalid-value]: 'labels.version_n' has other placeholders than the English " \
           "text — {version}" in texts
    assert any(t.startswith("xx.yml:6:8: error[invalid-value]: 'durations.day': plural forms") for t in texts)


def test_a_fallback_fills_what_a_catalog_leaves_out() -> None:
    text = ("language: {tag: de-CH, autonym: Schweizerdeutsch, script: Latn, plural: one-other, fallback: de}\n"
            "typography: {quote_open: «, quote_close: »}\nlabels:\n  glossary: Begriffe\n")
    swiss = load_catalog_files(_files(**{"de-CH": text}), shipped_catalogs())["de-CH"]
    assert swiss.labels.glossary == "Begriffe"
    assert swiss.labels.purpose == "Zweck" and swiss.typography.quote("Start") == "«Start»"
    assert negotiate("de-CH", {**shipped_catalogs(), "de-CH": swiss}).catalog is swiss


def test_a_broken_recognise_section_is_reported_at_its_line() -> None:
    text = ("language: {tag: xx, autonym: X, script: Latn, plural: other, fallback: en}\n"
            "recognise:\n  deadlines: ['(unclosed']\n  durations: {style: spaced, units: {Tag: dai}}\n")
    with pytest.raises(CatalogError) as refused:
        load_catalog_files(_files(xx=text), shipped_catalogs())
    texts = [problem.text() for problem in refused.value.problems]
    assert any(t.startswith("xx.yml:3:15: error[invalid-value]: not a regular expression") for t in texts), texts
    assert any(t.startswith("xx.yml:4:43: error[invalid-value]: unknown unit 'dai'") for t in texts), texts


def test_yaml_words_stay_words() -> None:
    """`off` and `1.0` are texts in a catalog, not YAML 1.1's false and 1.0."""
    assert shipped_catalogs()["en"].rules_page.text("off") == "off"
    assert shipped_catalogs()["de"].rules_page.text("off") == "aus"


@pytest.mark.parametrize("duration, en, zh_hans, zh_hant, de", [
    (Duration(3, "working_day"), "3 working days", "3个工作日", "3個工作日", "3 Arbeitstage"),
    (Duration(1, "working_day"), "1 working day", "1个工作日", "1個工作日", "1 Arbeitstag"),
    (Duration(1.5, "hour"), "1.5 hours", "1.5小时", "1.5小時", "1,5 Stunden"),
    (Duration(2, "week", before=True), "2 weeks before", "提前2周", "提前2週", "2 Wochen vorher"),
    (Duration(0, "day"), "same day", "当天", "當天", "am selben Tag"),
])
def test_durations_are_said_in_every_language(duration: Duration, en: str, zh_hans: str, zh_hant: str,
                                              de: str) -> None:
    assert [duration.label(tag) for tag in ("en", "zh-CN", "zh-TW", "de")] == [en, zh_hans, zh_hant, de]


@pytest.mark.parametrize("text, amount, unit, before", [
    ("3 Arbeitstage", 3, "working_day", False),
    ("innerhalb von zwei Wochen", 2, "week", False),
    ("5 Tage vorher", 5, "day", True),
    ("am selben Tag", 0, "day", False),
])
def test_a_catalog_adds_the_durations_of_its_language(text: str, amount: float, unit: str, before: bool) -> None:
    assert parse_duration(text) == Duration(amount, unit, before)  # type: ignore[arg-type]
