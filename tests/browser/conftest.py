"""Fixtures of the browser suite (the machinery is in browser_harness.py).

    handbooks   the session's builds: ``handbooks.get("en")`` builds (mkdocs build --strict) and
                serves that handbook on 127.0.0.1 once per session, on first use
    handbook    one built and served handbook, parametrised over "en" and "zh"
    browser     Debian's Chromium (/usr/bin/chromium) driven by Playwright, headless, per session
    page        a fresh context and page: shadow roots forced open; ``watch_of(page)`` has its
                console errors, page errors, failed requests and requests to other hosts

Without /usr/bin/chromium the suite is skipped, unless CI is set: then it fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_harness import (CHROMIUM, CHROMIUM_ARGS, IN_CI, PARAMETRISED, Handbook, Handbooks, no_browser_reason,
                             open_watched_page)

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = no_browser_reason()
    if reason is None or IN_CI:  # under CI a missing browser fails (the browser fixture)
        return
    skip = pytest.mark.skip(reason=f"{reason}; the browser suite is skipped (it fails when CI is set)")
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def handbooks(tmp_path_factory: pytest.TempPathFactory):
    books = Handbooks(tmp_path_factory)
    yield books
    books.close()


@pytest.fixture(params=sorted(PARAMETRISED))
def handbook(request: pytest.FixtureRequest, handbooks: Handbooks) -> Handbook:
    return handbooks.get(request.param)


@pytest.fixture(scope="session")
def browser():
    reason = no_browser_reason()
    if reason is not None:
        pytest.fail(f"CI is set and {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context, watched = open_watched_page(browser)
    yield watched
    context.close()
