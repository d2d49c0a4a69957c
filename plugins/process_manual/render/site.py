"""The whole handbook: every generated page, and the navigation by area.

:func:`render_site` is everything a handbook site carries besides the hand-written pages; the MkDocs
plugin hands it to MkDocs, `process-manual render` writes it out as files. Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from process_manual.core import paths
from process_manual.load.githistory import ProcessHistory
from process_manual.render.context import RenderContext
from process_manual.render.feed import render_feed
from process_manual.render.handbook_pages import HandbookPages
from process_manual.render.history_page import render_histories
from process_manual.render.preview import stand_in_pages
from process_manual.render.process_page import render_process
from process_manual.render.reading import docs_reading_blocks, render_reading_pages
from process_manual.render.rules_page import render_rules_reference, rules_title
from process_manual.render.source_links import edit_urls


def nav_title(text: str) -> str:
    """Navigation titles are printed unescaped by MkDocs themes: keep them from opening tags."""
    return " ".join(text.split()).replace("&", "&amp;").replace("<", "‹").replace(">", "›")


def render_pages(ctx: RenderContext, history: Mapping[str, ProcessHistory] | None = None) -> dict[str, str]:
    """Source path (as if under docs/) -> Markdown, for every page the handbook generates.

    `history` is what git knows of each process (:func:`..githistory.read_history`); None when git could
    not be read: the history pages then show the change log alone.
    """
    pages = {paths.process_page(s.process.id): render_process(ctx, s) for s in ctx.published}
    pages.update(HandbookPages(ctx).render_all())
    pages.update(render_histories(ctx, history))
    pages.update(render_reading_pages(ctx))
    pages[paths.CHECKS] = render_rules_reference(ctx.labels.catalog, handbook_severities=ctx.policy.severities)
    return pages


def docs_pages(docs_dir: Path) -> list[str]:
    """The hand-written pages as a navigation when mkdocs.yml has none: the home page first, then by depth."""
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return sorted(pages, key=lambda p: (p != "index.md", p.count("/"), p))


def hidden_pages(ctx: RenderContext) -> set[str]:
    """Pages that exist but stay out of the navigation: retired processes, and every history page (each is
    reached from its process page)."""
    retired = {paths.process_page(s.process.id) for s in ctx.published if s.process.status == "retired"}
    return retired | {paths.history_page(s.process.id) for s in ctx.published}


def navigation(ctx: RenderContext) -> list[dict[str, Any]]:
    """MkDocs `nav` entries: processes by area (L1 > L2 > process), then the handbook-wide pages."""
    lab = ctx.labels
    listed = [s.process for s in ctx.published if s.process.status != "retired"]

    def entries(area_id: str) -> list[dict[str, str]]:
        return [{nav_title(f"{p.id} {p.title}"): paths.process_page(p.id)} for p in listed if p.area == area_id]

    by_area: list[dict[str, Any]] = []
    for top in ctx.handbook.top_areas:
        groups: list[dict[str, Any]] = list(entries(top.id))
        groups += [{nav_title(g.name): entries(g.id)} for g in top.children if entries(g.id)]
        if groups:
            by_area.append({nav_title(top.name): groups})
    role_pages = sorted(ctx.handbook.roles.values(), key=lambda r: r.name)
    handbook = [
        {lab.landscape: paths.LANDSCAPE},
        {lab.roles: [paths.ROLES_INDEX] + [{nav_title(r.name): paths.role_page(r.id)} for r in role_pages]},
        {lab.forms_catalog: paths.FORMS},
        {lab.kpi_dictionary: paths.KPIS},
        {lab.glossary: paths.GLOSSARY},
        {lab.whats_new: paths.WHATS_NEW},
        {lab.review_status: paths.REVIEW_STATUS},
        {rules_title(lab.catalog): paths.CHECKS},
    ]
    reading = (
        [
            {
                lab.reading_paths: [paths.ONBOARDING_INDEX]
                + [{nav_title(p.title): paths.reading_path_page(p.id)} for p in ctx.reading.paths]
            }
        ]
        if ctx.reading.paths
        else []
    )
    return [*reading, {lab.processes: by_area}, {lab.handbook: handbook}]


@dataclass
class RenderedSite:
    """What the handbook adds to a site: generated pages and files, and where hand-written pages change."""

    pages: dict[str, str]
    """Source path (as if under docs/) -> Markdown of every generated page."""
    hidden: set[str]
    """Generated pages that stay out of the navigation (:func:`hidden_pages`, and preview stand-ins)."""
    nav: list[dict[str, Any]]
    """Navigation entries that follow the hand-written pages' (:func:`navigation`)."""
    reading_blocks: dict[str, str]
    """Hand-written pages on a reading path -> the "mark as read" block appended to them."""
    edit_urls: dict[str, str]
    """Generated process page -> the URL that edits its YAML file."""
    feed: str
    """The Atom feed of changes, served at :data:`paths.FEED`."""


def render_site(
    ctx: RenderContext,
    history: Mapping[str, ProcessHistory] | None,
    *,
    site_name: str,
    site_url: str | None,
    stand_ins: bool = False,
) -> RenderedSite:
    """Everything the handbook generates for one site. `stand_ins`: while previewing a handbook with errors,
    each process whose file cannot be loaded keeps a page that says why it is empty."""
    pages = render_pages(ctx, history)
    stand_in = stand_in_pages(ctx.handbook.unloaded_ids, pages, ctx.labels) if stand_ins else {}
    pages.update(stand_in)
    return RenderedSite(
        pages=pages,
        hidden=hidden_pages(ctx) | set(stand_in),
        nav=navigation(ctx),
        reading_blocks=docs_reading_blocks(ctx),
        edit_urls=edit_urls(ctx.source_links, ctx.published),
        feed=render_feed(ctx, site_name=site_name, site_url=site_url),
    )
