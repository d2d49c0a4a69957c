"""The process map at the top of the landscape page: one card per domain, its groups inside, their
processes listed while a group is small and counted when it is large.

It is HTML, not a diagram: a grid of cards stays readable and light at a thousand processes (the
tables under it list every process), reflows to one column on a phone and prints as it is shown."""

from __future__ import annotations

import html
from collections.abc import Callable

from process_manual.core import paths
from process_manual.core.model import Area, Process
from process_manual.render.context import RenderContext

LISTED_PER_GROUP = 8
"""A group with more processes than this shows its count and a link to its table instead of a list."""


def landscape_map(ctx: RenderContext, page: str, processes_in: Callable[[Area], list[Process]]) -> list[str]:
    """Raw HTML lines of the map (links are written as built, since MkDocs does not rewrite raw HTML)."""
    lab = ctx.labels

    def count(n: int) -> str:
        return html.escape(lab.process_count_one if n == 1 else lab.process_count.format(count=n))

    out = ['<div class="pm-landscape">']
    for top in ctx.handbook.top_areas:
        groups = top.children or [top]
        total = sum(len(processes_in(group)) for group in groups)
        out.append(f'<section class="pm-domain" aria-labelledby="pm-map-{html.escape(top.id)}">')
        out.append(
            f'<p class="pm-domain-name" id="pm-map-{html.escape(top.id)}">'
            f'<a href="#area-{html.escape(top.id)}">{html.escape(top.name)}</a>'
            f' <span class="pm-count">{count(total)}</span></p>'
        )
        for group in groups:
            processes = processes_in(group)
            out.append('<div class="pm-group">')
            if group is not top:
                out.append(
                    f'<p class="pm-group-name"><a href="#area-{html.escape(group.id)}">{html.escape(group.name)}'
                    f'</a> <span class="pm-count">{count(len(processes))}</span></p>'
                )
            if processes and len(processes) <= LISTED_PER_GROUP:
                out.append("<ul>")
                for process in processes:
                    url = paths.built_url(page, paths.process_page(process.id), ctx.directory_urls)
                    out.append(
                        f'<li><a href="{html.escape(url, quote=True)}"><span class="pm-process-id">'
                        f"{html.escape(process.id)}</span> {html.escape(process.title)}</a></li>"
                    )
                out.append("</ul>")
            out.append("</div>")
        out.append("</section>")
    out += ["</div>", ""]
    return out
