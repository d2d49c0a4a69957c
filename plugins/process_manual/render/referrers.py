""" "Referred to by": the texts and pages that name a process, step, role, form, KPI or term, as links.

An owner about to change a process sees on its page every page and process (and which step of it) that
names it, and on a role, form, KPI or term what names that: what the change touches. The list comes from
the reference index (check/refindex.py), in the page's language.
"""

from __future__ import annotations

from process_manual.check.refindex import Referrer
from process_manual.core import paths
from process_manual.load.docpages import DocPage
from process_manual.load.localize import opencc_converter
from process_manual.render.context import RenderContext
from process_manual.render.text import plain

_KIND_ORDER = {"page": 0, "process": 1, "role": 2, "form": 3, "area": 4, "term": 5, "reading-path": 6}


def _sort_key(referrer: Referrer) -> tuple[int, str, str, str]:
    return _KIND_ORDER[referrer.kind], referrer.id, referrer.step, referrer.kpi


def _link(text: str, page: str, target: str, anchor: str = "") -> str:
    return f"[{plain(text)}]({paths.link(page, target, anchor)})"


def _process_referrer(ctx: RenderContext, page: str, referrer: Referrer) -> str:
    process = ctx.process(referrer.id)
    unpublished = process is None
    if process is None:
        source = ctx.handbook.process(referrer.id)
        if source is None:
            return plain(referrer.id)
        process = source.process
    name = f"{process.id} {process.title}"
    anchor = ""
    if referrer.step and (step := process.step(referrer.step)) is not None:
        name, anchor = f"{name} › {step.title}", paths.step_anchor(step.id)
    elif referrer.kpi and (kpi := next((k for k in process.kpis if k.id == referrer.kpi), None)) is not None:
        name, anchor = f"{name} › {kpi.name}", ""
    if unpublished:
        return plain(name)
    return _link(name, page, paths.process_page(process.id), anchor)


def _page_title(ctx: RenderContext, uri: str, pages: dict[str, DocPage]) -> str:
    """A hand-written page's title in the site's language: its translation's (`index.en.md`), else the
    source page's, converted for a derived language."""
    translation = pages.get(uri.removesuffix(".md") + f".{ctx.language}.md")
    if translation is not None:
        return translation.title
    source = pages.get(uri)
    title = ctx.page_titles.get(uri) or (source.title if source is not None else uri)
    original = ctx.handbook.source or ctx.handbook
    conversion = original.policy.derived.get(ctx.language) if original.policy is not None else None
    return opencc_converter(conversion)(title) if conversion else title


def referrer_link(ctx: RenderContext, page: str, referrer: Referrer, pages: dict[str, DocPage]) -> str:
    """One referrer as a link from `page` (its name alone when it has no page)."""
    if referrer.kind == "process":
        return _process_referrer(ctx, page, referrer)
    if referrer.kind == "page":
        return _link(_page_title(ctx, referrer.id, pages), page, referrer.id)
    if referrer.kind == "role" and referrer.id in ctx.handbook.roles:
        return _link(ctx.role_name(referrer.id), page, paths.role_page(referrer.id))
    if referrer.kind == "form" and referrer.id in ctx.handbook.forms:
        return _link(ctx.form_name(referrer.id), page, paths.FORMS, paths.form_anchor(referrer.id))
    if referrer.kind == "area" and referrer.id in ctx.handbook.areas:
        return _link(ctx.handbook.areas[referrer.id].area.name, page, paths.LANDSCAPE, f"area-{referrer.id}")
    if referrer.kind == "term" and int(referrer.id) < len(ctx.handbook.terms):
        target = ctx.resolver.term_target(int(referrer.id))
        return _link(target.name, page, paths.GLOSSARY, target.anchor)
    if referrer.kind == "reading-path":
        path = next((p for p in ctx.reading.paths if p.id == referrer.id), None)
        if path is not None:
            return _link(path.title, page, paths.reading_path_page(path.id))
    return plain(referrer.id)


def referrers_of(ctx: RenderContext, page: str, *keys: str) -> list[tuple[str, str]]:
    """`(referrer link, target key)` for every referrer of the targets `keys`, sorted, each pair once."""
    pages = {doc.uri: doc for doc in ctx.doc_pages}
    entries: list[tuple[tuple[int, str, str, str], str, str]] = []
    for key in keys:
        for referrer in ctx.referrers.get(key, []):
            entries.append((_sort_key(referrer), referrer_link(ctx, page, referrer, pages), key))
    entries.sort(key=lambda entry: entry[0])
    return [(link, key) for _, link, key in dict.fromkeys(entries)]


def referrer_list(ctx: RenderContext, page: str, *keys: str) -> list[str]:
    """Markdown list items naming who refers to the targets `keys` (empty when nobody does)."""
    return [f"- {link}" for link, _ in referrers_of(ctx, page, *keys)]


def inline_referrers(ctx: RenderContext, page: str, key: str) -> str:
    """Who refers to one target, on one line (for a table cell): links joined by commas, or an empty text."""
    return ", ".join(dict.fromkeys(link for link, _ in referrers_of(ctx, page, key)))
