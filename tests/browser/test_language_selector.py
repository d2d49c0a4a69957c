"""The example handbook in three languages, read in Chromium: the language selector keeps the reader on the
same page, each language's search finds its own words, and the untranslated mark is what a reader sees.

The example's source is simplified Chinese; `site/en/` is English, `site/zh-Hant/` traditional Chinese."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_harness import Handbooks, process_page, watch_of
from test_search import search

pytestmark = pytest.mark.browser


def choose_language(page, name: str) -> None:
    """Open Material's language selector and pick a language by the name it shows."""
    page.locator(".md-header__option .md-select").hover()
    link = page.locator(".md-select__link", has_text=name)
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state("networkidle")


def test_the_selector_opens_the_same_process_in_the_other_language(handbooks: Handbooks, page) -> None:
    handbook = handbooks.get("zh")
    watch = watch_of(page)
    page.goto(handbook.url(process_page("SAL-001")))
    expect(page.locator("h1")).to_contain_text("SAL-001")
    choose_language(page, "English")
    assert page.url == handbook.url("en/" + process_page("SAL-001"))
    expect(page.locator("h1")).to_contain_text("SAL-001 Order intake")
    assert page.locator("html").get_attribute("lang") == "en"
    choose_language(page, "繁體中文")
    assert page.url == handbook.url("zh-Hant/" + process_page("SAL-001"))
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    choose_language(page, "简体中文")
    assert page.url == handbook.url(process_page("SAL-001"))
    watch.assert_clean("switching languages on SAL-001")


def test_a_hand_written_page_switches_too(handbooks: Handbooks, page) -> None:
    handbook = handbooks.get("zh")
    page.goto(handbook.url("how-to-edit/"))
    choose_language(page, "English")
    assert page.url == handbook.url("en/how-to-edit/")
    expect(page.locator("h1")).not_to_contain_text("如何")


@pytest.mark.parametrize(
    ("folder", "query", "found"),
    [("", "订单", True), ("en/", "订单", False), ("en/", "order", True)],
    ids=["zh-订单", "en-订单", "en-order"],
)
def test_each_language_searches_its_own_words(handbooks: Handbooks, page, folder: str, query: str, found: bool) -> None:
    handbook = handbooks.get("zh")
    search(page, handbook.url(folder), query)
    results = page.locator(".md-search-result__meta")
    expect(results).not_to_have_text("", timeout=10_000)  # the worker has answered (a count or "no results")
    hit = page.locator(f'.md-search-result__item a[href*="{process_page("SAL-001")}"]')
    if found:
        expect(hit.first).to_be_visible(timeout=10_000)
        assert (folder == "en/") == ("Order intake" in hit.first.inner_text())
    else:
        assert hit.count() == 0, f"{query!r} in {folder or 'zh'}: {hit.first.inner_text()}"


def test_an_untranslated_text_is_marked_for_the_reader(handbooks: Handbooks, page) -> None:
    handbook = handbooks.get("zh")
    page.goto(handbook.url("en/" + process_page("HR-003")))
    marked = page.locator("#purpose ~ .pm-untranslated, #purpose + p .pm-untranslated").first
    expect(marked).to_be_visible()
    assert marked.get_attribute("lang") == "zh"
    note = page.locator(".pm-translation-note").first
    expect(note).to_have_text(" (not translated yet)")
    style = note.evaluate("n => getComputedStyle(n).fontSize")
    body = page.locator(".md-typeset").first.evaluate("n => getComputedStyle(n).fontSize")
    assert float(style.removesuffix("px")) < float(body.removesuffix("px"))
