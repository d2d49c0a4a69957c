"""What a process page says about the life of a process, as a reader sees it in Chromium: a version in force from
a day still to come says so until that day and not after it (the reader's own date decides, so a page built
before the day stays true); a link to a process that does not apply says why.

The handbook is the test handbook with FAC-003 taking effect on 2027-01-01 (the build runs on 2026-11-22),
IT-002 retired (it still names PUR-001) and PUR-001 naming PUR-002, a draft (draft-in-use is turned off in
this handbook's _handbook.yml: a handbook may accept the warning, and the page must still tell the truth).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_harness import Handbook, Handbooks, watch_of
from fixtures.util import ACCESS, ARCHIVE, PURCHASE, copy_handbook, edit
from sitebuild import write_site_config

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("PM_SCREENSHOTS", "")) if os.environ.get("PM_SCREENSHOTS") else None
"""Set PM_SCREENSHOTS=DIR to keep the screenshots this test takes (to look at them)."""
DRAFT = """id: PUR-002
title: Framework agreements
area: purchasing
version: "0.1"
status: draft
owner: purchasing-manager
effective: 2027-03-01
steps:
  - {id: negotiate, name: Negotiate the framework agreement, responsible: buyer, forms: [quote-comparison],
     next: signed}
  - {id: signed, name: Agreement signed, kind: end}
changelog:
  - {version: "0.1", date: 2026-11-01, author: Buyer, change: First draft}
"""


WORDS = {
    "en": {"status": "Status", "title": "Not yet in force",
           "banner": "This version takes effect on 2027-01-01; until then it does not apply.",
           "pending": "effective from 2027-01-01", "effective": "effective",
           "draft": "PUR-002 Framework agreements (draft, not published)",
           "retired": "IT-002 System access request (retired)", "related": "Related processes"},
    "zh": {"status": "状态", "title": "尚未生效", "banner": "本版本自 2027-01-01 起生效，在此之前不适用。",
           "pending": "2027-01-01 起生效", "effective": "生效",
           "draft": "PUR-002 Framework agreements（草稿，未发布）",
           "retired": "IT-002 System access request（已废止）", "related": "相关流程"},
}


@pytest.fixture(scope="module", params=sorted(WORDS))
def life_cycle(request: pytest.FixtureRequest, handbooks: Handbooks,
               tmp_path_factory: pytest.TempPathFactory) -> tuple[Handbook, dict[str, str]]:
    language = request.param
    root = tmp_path_factory.mktemp(f"life-cycle-{language}")
    handbook = copy_handbook(root)
    edit(handbook, ARCHIVE, "effective: 2026-09-01", "effective: 2027-01-01")
    edit(handbook, ACCESS, "status: effective", "status: retired")
    edit(handbook, PURCHASE, "related: [IT-002]", "related: [PUR-002]")
    (handbook / "purchasing" / "framework-agreements.yml").write_text(DRAFT, encoding="utf-8")
    (handbook / "_handbook.yml").write_text("rules: {draft-in-use: off}\n", encoding="utf-8")
    return handbooks.build_and_serve(f"life-cycle-{language}", write_site_config(root, language=language)), WORDS[language]


def _shoot(page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _status(page, words: dict[str, str]) -> str:
    fact = page.locator("dl.pm-facts div", has=page.locator("dt", has_text=words["status"]))
    return fact.locator("dd").inner_text()


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_before_the_day_the_page_says_when_it_takes_effect(life_cycle, page, width: int) -> None:
    handbook, words = life_cycle
    page.clock.set_fixed_time(dt.datetime(2026, 12, 31, 12, 0))
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(handbook.url("processes/fac-003/"), wait_until="load")
    banner = page.locator(".pm-dated .admonition.info")
    expect(banner).to_be_visible()
    expect(banner.locator(".admonition-title")).to_have_text(words["title"])
    expect(banner).to_contain_text(words["banner"])
    assert _status(page, words) == words["pending"]
    # The notice sits between the title and the facts, where a reader looks first, and fits a phone.
    title, facts = page.locator("h1").bounding_box(), page.locator("dl.pm-facts").bounding_box()
    box = banner.bounding_box()
    assert title and facts and box and title["y"] < box["y"] < facts["y"] and box["x"] + box["width"] <= width
    _shoot(page, f"fac-003-before-{handbook.name}-{width}")
    watch_of(page).assert_clean("FAC-003 before its effective date")


def test_from_the_day_on_the_same_page_says_it_is_in_force(life_cycle, page) -> None:
    handbook, words = life_cycle
    page.clock.set_fixed_time(dt.datetime(2027, 1, 1, 8, 0))
    page.goto(handbook.url("processes/fac-003/"), wait_until="load")
    expect(page.locator(".pm-dated")).to_be_hidden()
    expect(page.get_by_text(words["title"])).to_be_hidden()
    assert _status(page, words) == words["effective"]
    _shoot(page, f"fac-003-after-{handbook.name}")
    watch_of(page).assert_clean("FAC-003 on its effective date")


def test_a_process_in_force_since_before_has_no_notice(life_cycle, page) -> None:
    handbook, words = life_cycle
    page.clock.set_fixed_time(dt.datetime(2026, 12, 31, 12, 0))
    page.goto(handbook.url("processes/pur-001/"), wait_until="load")
    assert page.locator("[data-pm-until], [data-pm-from]").count() == 0
    assert _status(page, words) == words["effective"]


def test_links_to_processes_that_do_not_apply_say_why(life_cycle, page) -> None:
    handbook, words = life_cycle
    page.goto(handbook.url("processes/pur-001/"), wait_until="load")
    heading = page.locator("h2", has_text=words["related"])
    # The draft has no page: named with its title and why there is no link.
    refers = heading.locator("xpath=following-sibling::ul[1]")
    expect(refers.locator("li")).to_have_text([words["draft"]])
    assert refers.locator("a").count() == 0
    # The retired process that still names this one: a link, marked retired.
    referred = heading.locator("xpath=following-sibling::ul[2]")
    expect(referred.locator("li")).to_have_text([words["retired"]])
    expect(referred.locator("li a")).to_have_attribute("href", "../it-002/")
    heading.scroll_into_view_if_needed()
    _shoot(page, f"pur-001-related-{handbook.name}")
    watch_of(page).assert_clean("PUR-001 related processes")
