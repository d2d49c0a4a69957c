"""The "What's new" Atom 1.0 feed (RFC 4287): the newest change-log entries across the handbook.

Built with ElementTree, so every author value is XML-escaped; characters XML 1.0 cannot carry at
all are dropped. Dates are the change-log dates (the day a version was approved), so two builds of
the same handbook write the same feed, byte for byte.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET

from process_manual.core import paths
from process_manual.core.model import ChangeEntry, Process
from process_manual.render.context import RenderContext
from process_manual.render.history_page import version_anchor

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", " ".join(str(value).split()))


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _stable_id(*parts: str) -> str:
    """A permanent id that does not change when the site moves to another address (the URL would)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "process-manual:" + ":".join(parts)).urn


def _when(entry: ChangeEntry) -> str:
    return f"{entry.date.isoformat()}T00:00:00Z"


def render_feed(ctx: RenderContext, *, site_name: str, site_url: str | None, limit: int = 50) -> str:
    """The feed of the `limit` newest change-log entries of the published processes.

    Links are absolute when the site has a `site_url`. Without one they are relative to the feed itself
    (`feed.xml` sits at the top of the site): Atom allows that and feed readers resolve them against the
    feed's own address, which is the best anyone can do without knowing where the site is published.
    """
    base = site_url.rstrip("/") + "/" if site_url else ""
    lab = ctx.labels

    def url(page: str, anchor: str = "") -> str:
        return base + paths.site_path(page, ctx.directory_urls) + (f"#{anchor}" if anchor else "")

    entries: list[tuple[ChangeEntry, Process]] = [(e, s.process) for s in ctx.published for e in s.process.changelog]
    entries.sort(key=lambda pair: (pair[0].date, pair[1].id, pair[0].version), reverse=True)
    entries = entries[:limit]

    # The namespace as a plain attribute: ElementTree's namespace registry is global to the process.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": ctx.language})
    _add(feed, "id", _stable_id(site_name, "feed"))
    _add(feed, "title", f"{site_name} — {lab.whats_new}")
    _add(feed, "subtitle", lab.whats_new_intro)
    _add(feed, "updated", _when(entries[0][0]) if entries else f"{ctx.today.isoformat()}T00:00:00Z")
    _add(feed, "link", rel="self", type="application/atom+xml", href=base + paths.FEED)
    _add(feed, "link", rel="alternate", type="text/html", href=url(paths.WHATS_NEW))
    _add(_add(feed, "author"), "name", site_name)
    _add(feed, "generator", "process-manual")
    for entry, process in entries:
        item = _add(feed, "entry")
        _add(item, "id", _stable_id(site_name, process.id, entry.version))
        _add(item, "title", lab.feed_entry.format(id=process.id, title=process.title, version=entry.version))
        _add(item, "updated", _when(entry))
        _add(
            item,
            "link",
            rel="alternate",
            type="text/html",
            href=url(paths.history_page(process.id), version_anchor(entry.version)),
        )
        _add(_add(item, "author"), "name", entry.author)
        _add(item, "category", term=process.id, label=process.title)
        summary = entry.change
        if entry.request:
            summary += f" ({lab.request}: {entry.request})"
        _add(item, "summary", summary, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
