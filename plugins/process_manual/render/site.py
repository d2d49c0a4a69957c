"""The whole handbook: every generated page, and the navigation by area."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..githistory import ProcessHistory
from . import paths
from .context import RenderContext
from .handbook_pages import HandbookPages
from .history_page import render_histories
from .process_page import render_process
from .reading import render_reading_pages
from .rules_page import render_rules_reference, rules_title


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
    pages[paths.CHECKS] = render_rules_reference(ctx.labels.language, handbook_severities=ctx.policy.severities)
    return pages


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
        groups = [{nav_title(g.name): entries(g.id)} for g in top.children if entries(g.id)]
        groups = entries(top.id) + groups
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
        {rules_title(lab.language): paths.CHECKS},
    ]
    reading = [{lab.reading_paths: [paths.ONBOARDING_INDEX] + [
        {nav_title(p.title): paths.reading_path_page(p.id)} for p in ctx.reading.paths]}] if ctx.reading.paths else []
    return reading + [{lab.processes: by_area}, {lab.handbook: handbook}]
