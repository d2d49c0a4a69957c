"""The "What's new" Atom feed: valid Atom for a standard feed parser, escaped, linked from the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest

from fixtures.util import PURCHASE, TODAY, copy_handbook, edit
from process_manual.load.handbook import load_handbook
from process_manual.render.context import RenderContext
from process_manual.render.feed import render_feed
from process_manual.core.labels import Labels
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

HOSTILE = '<script>alert(1)</script> & "quotes" ]]> <![CDATA[x]]> \u2028 é'


def _feed(root: Path, *, site_url: str | None, language: str = "en", directory_urls: bool = True):
    handbook = load_handbook(root, shown_base=root)
    ctx = RenderContext(handbook, Labels(language), dt.date.fromisoformat(TODAY), directory_urls=directory_urls)
    return render_feed(ctx, site_name="Test & <handbook>", site_url=site_url)


def test_the_feed_is_valid_atom_with_the_newest_entries_first(tmp_path: Path) -> None:
    xml = _feed(copy_handbook(tmp_path), site_url="https://handbook.example.com/intranet/")
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Test & <handbook> — What's new"
    assert parsed.feed.updated == "2026-09-01T00:00:00Z"
    assert {(link.rel, link.href) for link in parsed.feed.links} == {
        ("self", "https://handbook.example.com/intranet/feed.xml"),
        ("alternate", "https://handbook.example.com/intranet/whats-new/")}
    assert parsed.feed.id.startswith("urn:uuid:")
    titles = [e.title for e in parsed.entries]
    assert titles[:3] == ["FAC-003 Records archiving, version 1.0", "IT-002 System access request, version 2.0",
                          "PUR-001 Purchase request, version 1.2"]
    newest = parsed.entries[0]
    assert newest.link == "https://handbook.example.com/intranet/processes/fac-003/history/#v1-0"
    assert newest.updated == "2026-09-01T00:00:00Z"
    assert newest.author == "Facilities manager"
    assert newest.summary == "First version (Change request: CR-2026-020)"
    assert len({e.id for e in parsed.entries}) == len(parsed.entries) == 6  # every change-log entry, ids unique


def test_ids_stay_when_the_site_moves_and_links_are_relative_without_site_url(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    absolute = feedparser.parse(_feed(root, site_url="https://a.example/"))
    relative_xml = _feed(root, site_url=None, directory_urls=False)
    assert 'href="processes/fac-003/history.html#v1-0"' in relative_xml and 'href="feed.xml"' in relative_xml
    relative = feedparser.parse(relative_xml)
    assert relative.bozo == 0
    assert [e.id for e in relative.entries] == [e.id for e in absolute.entries]


def test_author_text_is_escaped_never_markup(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, "change: Added the archive step,", f"change: '{HOSTILE}',")
    edit(root, PURCHASE, "title: Purchase request", f"title: '{HOSTILE}'")
    xml = _feed(root, site_url=None, language="zh")
    assert "<script>" not in xml and "<![CDATA[" not in xml
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    entry = next(e for e in parsed.entries if e.title.startswith("PUR-001"))
    expected = " ".join(HOSTILE.split())
    assert entry.summary == f"{expected} (变更申请: CR-2026-002)"
    assert entry.title == f"PUR-001 {expected}，版本 1.2"
    assert parsed.feed.language == "zh-Hans"  # the catalog's exact tag, as the pages' <html lang> says


@pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")
def test_the_built_site_serves_the_feed_linked_from_whats_new(tmp_path: Path) -> None:
    copy_handbook(tmp_path)
    write_site_config(tmp_path)
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert parsed.bozo == 0 and len(parsed.entries) == 6
    for entry in parsed.entries:  # relative links (no site_url): each names a page of the site
        page, _, anchor = entry.link.partition("#")
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html
    whats_new = (site / "whats-new/index.html").read_text(encoding="utf-8")
    assert 'href="../feed.xml"' in whats_new
