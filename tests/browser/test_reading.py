"""Onboarding reading paths in Chromium: "mark as read" is kept across reloads and shows as progress,
a new version of a read process shows as "updated since you read it", and printed process pages
carry their id, version and effective date on every sheet, without the site's navigation."""

from __future__ import annotations

import io
import json

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from browser_harness import Handbooks, process_page, wait_for_diagrams, watch_of

pytestmark = pytest.mark.browser

SALES_PATH = "onboarding/new-sales-rep/"
ITEMS = ["process:SAL-001", "process:CUS-001", "process:ADM-004", "page:forms.md"]


def progress_text(page) -> str:
    return page.locator(".pm-path .pm-progress-text").inner_text()


def item(page, key: str):
    return page.locator(f'.pm-path-items li[data-pm-item="{key}"]')


def test_marking_read_persists_across_reloads_and_shows_progress(handbooks: Handbooks, page) -> None:
    handbook = handbooks.get("en")
    page.goto(handbook.url(SALES_PATH))
    expect(page.locator(".pm-path .pm-progress-text")).to_have_text("0 of 4 read")
    assert [li.get_attribute("data-pm-item") for li in page.locator(".pm-path-items li").all()] == ITEMS
    assert "Continue with: SAL-001 Order intake" in page.locator(".pm-continue").inner_text()

    item(page, "process:SAL-001").locator("button.pm-mark").click()
    item(page, "page:forms.md").locator("button.pm-mark").click()
    expect(page.locator(".pm-path .pm-progress-text")).to_have_text("2 of 4 read")
    page.reload()
    expect(page.locator(".pm-path .pm-progress-text")).to_have_text("2 of 4 read")
    expect(item(page, "process:SAL-001")).to_have_attribute("data-pm-state", "read")
    expect(item(page, "process:CUS-001")).to_have_attribute("data-pm-state", "unread")
    assert page.locator(".pm-path progress").evaluate("bar => [bar.value, bar.max]") == [2, 4]
    # What a screen reader says: the bar's name and value, and which item each button marks.
    expect(page.locator(".pm-path progress")).to_have_accessible_name("Your progress")
    assert page.locator(".pm-path progress").get_attribute("aria-valuetext") == "2 of 4 read"
    expect(item(page, "process:CUS-001").locator("button.pm-mark")).to_have_accessible_name("Mark as read")
    expect(item(page, "process:CUS-001").locator("button.pm-mark")).to_have_accessible_description(
        "CUS-001 Customer communication")
    expect(item(page, "process:SAL-001").locator('[role="status"]')).to_have_text("Read")
    assert "Continue with: CUS-001 Customer communication" in page.locator(".pm-continue").inner_text()

    # The process page knows it too, after a full load and after Material's instant navigation.
    page.goto(handbook.url(process_page("SAL-001")))
    block = page.locator(".pm-reading")
    expect(block).to_have_attribute("data-pm-state", "read")
    expect(block.locator(".pm-status")).to_have_text("Read")
    # One closed line per path, with the progress in words; opened, the bar and what comes next.
    line = block.locator(".pm-reading-path > summary")
    expect(line).to_have_text("Reading path: Your first weeks in sales (1/4) · 2 of 4 read")
    expect(line.locator("..")).not_to_have_attribute("open", "")
    line.click()
    expect(block.locator(".pm-progress-text")).to_have_text("2 of 4 read")
    expect(block.locator("progress")).to_have_accessible_name("Reading path: Your first weeks in sales")
    assert "Next in your path: CUS-001 Customer communication" in block.inner_text()
    page.locator(".pm-reading-path a", has_text="CUS-001 Customer communication").click()
    page.wait_for_url("**/processes/cus-001/")
    block = page.locator('.pm-reading[data-pm-item="process:CUS-001"]')  # once instant navigation swapped the page
    expect(block).to_have_attribute("data-pm-state", "unread")
    block.locator("button.pm-mark").click()
    expect(block.locator(".pm-reading-path > summary")).to_contain_text("3 of 4 read")

    # Unmarking works, and a hand-written page on a path has its own button.
    page.goto(handbook.url(SALES_PATH))
    item(page, "process:SAL-001").locator("button.pm-mark").click()
    expect(page.locator(".pm-path .pm-progress-text")).to_have_text("2 of 4 read")
    page.goto(handbook.base_url)
    expect(page.locator('.pm-reading[data-pm-item="page:index.md"] button.pm-mark')).to_have_text("Mark as read")
    watch_of(page).assert_clean("reading paths")


def test_a_new_version_turns_a_read_mark_into_updated(handbooks: Handbooks, page) -> None:
    handbook = handbooks.get("en")
    page.goto(handbook.url(process_page("ADM-004")))
    meta = page.locator(".pm-page-meta")
    version = meta.get_attribute("data-pm-version")
    assert meta.get_attribute("data-pm-id") == "ADM-004" and version
    page.locator(".pm-reading button.pm-mark").click()
    expect(page.locator(".pm-reading")).to_have_attribute("data-pm-state", "read")

    # The mark carries the version that was read: make it an older one, as after a release of a new version.
    key = page.evaluate("Object.keys(localStorage).find((k) => k.startsWith('process-manual:reading:'))")
    assert key == "process-manual:reading:/", "the key holds the site's root path"
    marks = json.loads(page.evaluate("(k) => localStorage.getItem(k)", key))
    assert marks["process:ADM-004"]["v"] == version
    marks["process:ADM-004"]["v"] = "1.0"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(marks)])
    page.reload()
    block = page.locator(".pm-reading")
    expect(block).to_have_attribute("data-pm-state", "updated")
    expect(block.locator(".pm-status")).to_have_text("Updated since you read it (you read version 1.0)")
    expect(block.locator(".pm-mark")).to_have_text("Mark as read")

    page.goto(handbook.url("onboarding/welcome/"))
    expect(item(page, "process:ADM-004")).to_have_attribute("data-pm-state", "updated")
    # An updated process must be read again: it does not count.
    expect(page.locator(".pm-path .pm-progress-text")).to_have_text("0 of 5 read")
    item(page, "process:ADM-004").locator("button.pm-mark").click()
    expect(item(page, "process:ADM-004")).to_have_attribute("data-pm-state", "read")
    expect(page.locator(".pm-path .pm-progress-text")).to_have_text("1 of 5 read")
    page.goto(handbook.url("onboarding/"))
    expect(page.locator('.pm-path-progress[data-pm-path="welcome"]')).to_have_text("1 of 5 read")


def test_chinese_labels_and_role_start_page(handbooks: Handbooks, page) -> None:
    handbook = handbooks.get("zh")
    page.goto(handbook.url("roles/sales-rep/"))
    start = page.locator(".admonition.tip")
    expect(start.locator(".admonition-title")).to_have_text("从这里开始")
    start.locator("a", has_text="销售新人的头几周").click()
    page.wait_for_url("**/onboarding/new-sales-rep/")
    expect(page.locator(".pm-path .pm-progress-text")).to_have_text("已读 0 / 4")
    item(page, "process:SAL-001").locator("button.pm-mark").click()
    expect(page.locator(".pm-path .pm-progress-text")).to_have_text("已读 1 / 4")
    expect(item(page, "process:SAL-001").locator(".pm-status")).to_have_text("已读")
    watch_of(page).assert_clean("zh reading path")


def test_printed_process_page_has_its_header_on_every_sheet_and_no_site_chrome(handbooks: Handbooks, page) -> None:
    handbook = handbooks.get("en")
    page.goto(handbook.url(process_page("SAL-001")))
    wait_for_diagrams(page)
    header = page.locator(".pm-page-meta").get_attribute("data-pm-print-header")
    assert header.startswith("SAL-001 Order intake · Version ") and "· Effective 20" in header
    # What a reader's "Print" does in Chromium: the print stylesheet and its @page margin boxes.
    sheets = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages]
    assert len(sheets) >= 3
    for number, text in enumerate(sheets, 1):
        assert text.startswith(header), f"sheet {number} does not start with the running header"
        assert f"{number} / {len(sheets)}" in text
    printed = "\n".join(sheets)
    for chrome in ("Table of contents", "Mark as read", "Reading path:", "Edit this process", "Search"):
        assert chrome not in printed, f"{chrome!r} is printed"
    for section in ("Responsibility matrix (RACI)", "Change log"):
        assert section in printed
    # SAL-001's flowchart is taller than a sheet: it starts a sheet of its own (see process-manual-flowchart.css).
    before_steps = " ".join(printed.split("\nSteps\n")[0].split())  # diagram labels wrap inside their boxes
    assert "Register the order information" in before_steps and "Sales representative" in before_steps, \
        "no drawn flowchart"
    assert "flowchart TB" not in printed and "-->" not in printed
