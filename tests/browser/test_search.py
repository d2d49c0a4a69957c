"""The search box finds processes by the words readers use, in English and in Chinese.

Material's search box reacts to key events (keyup), so the tests type; ``fill`` would change the
value without any. Chinese characters are not on the test keyboard: Playwright inserts them as
text (like an input method composing), and the key press after it stands for the key the reader
presses to commit the input method's text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_harness import Handbooks, process_page, process_titles, watch_of

pytestmark = pytest.mark.browser

SEARCHES = [
    ("en", "approval", "ADM-004"),
    ("en", "training", "HR-003"),
    ("en", "meeting", "ADM-001"),
    ("en", "order", "SAL-001"),
    ("zh", "审批", "ADM-004"),
    ("zh", "会议", "ADM-001"),
    ("zh", "培训", "HR-003"),
    ("zh", "订单", "SAL-001"),
    ("zh-hant", "報銷", "FIN-001"),
    ("zh-hant", "審批", "ADM-001"),
    ("zh-hant", "社群", "MKT-001"),
    ("zh-hant", "借鑒", "MKT-001"),
]


def normalise(text: str) -> str:
    # Material's index separates jieba's Chinese words with zero-width spaces.
    return " ".join(text.replace("\u200b", "").split())


def search(page, base_url: str, query: str) -> None:
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.type("input.md-search__input", query, delay=50)
    if not query.isascii():
        page.keyboard.press("End")


@pytest.mark.parametrize(("name", "query", "process_id"), SEARCHES, ids=[f"{n}-{q}" for n, q, _ in SEARCHES])
def test_search_finds_the_process(handbooks: Handbooks, page, name: str, query: str, process_id: str) -> None:
    handbook = handbooks.get(name)
    title = process_titles(handbook)[process_id]
    search(page, handbook.base_url, query)
    hit = page.locator(f'.md-search-result__item a.md-search-result__link[href*="{process_page(process_id)}"]').first
    results = page.locator(".md-search-result__item")
    try:
        expect(hit).to_be_visible(timeout=10_000)
    except AssertionError:
        found = [normalise(t) for t in results.locator("h1").all_inner_texts()]
        pytest.fail(f"{name}: searching {query!r} does not list {process_id} {title!r}; results: {found}",
                    pytrace=False)
    assert normalise(title) in normalise(hit.inner_text())
    page.wait_for_load_state("networkidle")
    watch_of(page).assert_clean(f"{name}: search for {query!r}")


def test_a_traditional_word_every_process_uses_finds_every_process(handbooks: Handbooks, page) -> None:
    handbook = handbooks.get("zh-hant")
    search(page, handbook.base_url, "流程")
    for process_id in sorted(process_titles(handbook)):
        hit = page.locator(f'.md-search-result__item a.md-search-result__link[href*="{process_page(process_id)}"]')
        expect(hit.first).to_be_visible(timeout=10_000)
    watch_of(page).assert_clean("zh-hant: search for '流程'")
