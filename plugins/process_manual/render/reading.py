"""Onboarding reading paths as pages, and the small elements the browser script turns into "mark as
read", progress bars and "updated since you read it".

The pages carry data, not behaviour: each element the script needs has `data-pm-*` attributes (the
item's key and version, the site root for the storage key, the labels in the site's language) and
`assets/process-manual.js` does the rest. Author text is escaped like everywhere else (render/text.py).
"""

from __future__ import annotations

import json

from process_manual.core import paths
from process_manual.core.model import Process, ReadingItem, ReadingPath
from process_manual.render.context import RenderContext
from process_manual.render.rules_page import rules_title
from process_manual.render.text import attribute, front_matter, markdown, plain, table_cell

# Labels the browser script writes; they travel with the page so that it needs no translations of its own.
_SCRIPT_LABELS = (
    "mark_read",
    "mark_unread",
    "read",
    "unread",
    "updated",
    "updated_from",
    "progress_of",
    "continue_with",
    "all_read",
    "progress",
)
_GENERATED_TITLES = {
    paths.LANDSCAPE: "landscape",
    paths.ROLES_INDEX: "roles",
    paths.FORMS: "forms_catalog",
    paths.KPIS: "kpi_dictionary",
    paths.GLOSSARY: "glossary",
    paths.WHATS_NEW: "whats_new",
    paths.REVIEW_STATUS: "review_status",
    paths.ONBOARDING_INDEX: "reading_paths",
}


def _labels_json(ctx: RenderContext) -> str:
    return attribute(json.dumps({key: getattr(ctx.labels, key) for key in _SCRIPT_LABELS}, ensure_ascii=False))


def _item_version(ctx: RenderContext, item: ReadingItem) -> str:
    process = ctx.process(item.process) if item.process else None
    return process.version if process else ""


def _items_json(ctx: RenderContext, path: ReadingPath) -> str:
    pairs = [[item.key, _item_version(ctx, item)] for item in ctx.reading.items.get(path.id, [])]
    return attribute(json.dumps(pairs, ensure_ascii=False))


def _item_title(ctx: RenderContext, item: ReadingItem) -> str:
    if item.process:
        process = ctx.process(item.process)
        return f"{plain(item.process)} {plain(process.title)}" if process else plain(item.process)
    if item.title:
        return plain(item.title)
    if item.page in ctx.page_titles:
        return plain(ctx.page_titles[str(item.page)])
    if item.page == paths.CHECKS:
        return plain(rules_title(ctx.labels.catalog))
    label = _GENERATED_TITLES.get(str(item.page))
    if label:
        return plain(getattr(ctx.labels, label))
    if str(item.page).startswith("roles/") and str(item.page)[6:-3] in ctx.handbook.roles:
        return plain(ctx.role_name(str(item.page)[6:-3]))
    return plain(item.page)


def _item_target(item: ReadingItem) -> str:
    return paths.process_page(item.process) if item.process else str(item.page)


def _item_link(ctx: RenderContext, page: str, item: ReadingItem) -> str:
    return f"[{_item_title(ctx, item)}]({paths.link(page, _item_target(item))})"


def _audience(ctx: RenderContext, page: str, path: ReadingPath) -> str:
    lab, parts = ctx.labels, []
    if path.role:
        role_page = paths.role_page(path.role)
        parts.append(
            f"[{plain(ctx.role_name(path.role))}]({paths.link(page, role_page)})"
            if path.role in ctx.handbook.roles
            else plain(path.role)
        )
    if path.department:
        parts.append(f"{lab.department}: {plain(path.department)}")
    return " · ".join(parts) or lab.everyone


def page_meta(ctx: RenderContext, process: Process) -> list[str]:
    """An empty element with the process's id and version (for the reading script) and the running header of
    printed pages (the script hands it to the print stylesheet's page margin)."""
    header = ctx.labels.print_header.format(
        id=process.id,
        title=" ".join(process.title.split()),
        version=process.version,
        effective=process.effective or "—",
    )
    return [
        f'<div class="pm-page-meta" data-pm-id="{attribute(process.id)}" '
        f'data-pm-version="{attribute(process.version)}" data-pm-effective="{process.effective or ""}" '
        f'data-pm-print-header="{attribute(header)}" data-search-exclude></div>',
        "",
    ]


def reading_block(ctx: RenderContext, page: str, key: str, version: str = "") -> list[str]:
    """ "Mark as read", progress and "next in your path" for a page that is on reading paths (else nothing)."""
    memberships = ctx.reading.memberships.get(key, [])
    if not memberships:
        return []
    lab = ctx.labels
    out = [
        f'<div class="pm-reading" data-pm-root="{paths.site_root(page, ctx.directory_urls)}" '
        f'data-pm-item="{attribute(key)}" data-pm-version="{attribute(version)}" '
        f'data-pm-labels="{_labels_json(ctx)}" data-search-exclude="" markdown>',
        "",
    ]
    for path, position in memberships:
        # One compact line per path (a <summary>): the purpose and the flowchart stay on the first screen
        # of a phone. Opened, it shows the progress bar (process-manual.js), what comes next and the path.
        items = ctx.reading.items[path.id]
        title = lab.reading_path_n.format(title=plain(path.title))
        after = (
            lab.next_in_path.format(title=_item_link(ctx, page, items[position + 1]))
            if position + 1 < len(items)
            else lab.path_done
        )
        out += [
            f'<details class="pm-reading-path" data-pm-path="{attribute(path.id)}" '
            f'data-pm-items="{_items_json(ctx, path)}" markdown>',
            f'<summary><span class="pm-path-title">{title}</span> ({position + 1}/{len(items)})</summary>',
            "",
            f"{after} · [{lab.path_all_items}]({paths.link(page, paths.reading_path_page(path.id))})",
            "",
            "</details>",
            "",
        ]
    return [*out, "</div>", ""]


def start_here(ctx: RenderContext, role_id: str) -> list[str]:
    """The "Start here" box of a role page: its reading paths (nothing when it has none)."""
    role = ctx.handbook.roles.get(role_id)
    found = ctx.reading.for_role(role) if role else []
    if not found:
        return []
    lab, page = ctx.labels, paths.role_page(role_id)
    out = [f'!!! tip "{lab.start_here}"', "", f"    {lab.start_here_intro}", ""]
    out += [
        f"    - [{plain(p.title)}]({paths.link(page, paths.reading_path_page(p.id))})"
        f" ({len(ctx.reading.items.get(p.id, []))})"
        for p in found
    ]
    return [*out, "", f"    {lab.start_here_reference}", ""]


def render_reading_pages(ctx: RenderContext) -> dict[str, str]:
    """The index of reading paths and one page per path (nothing when the handbook has no paths)."""
    if not ctx.reading.paths:
        return {}

    pages = {
        paths.reading_path_page(p.id): front_matter(ctx.labels.reading_path_n.format(title=p.title))
        + _path_page(ctx, p)
        for p in ctx.reading.paths
    }
    pages[paths.ONBOARDING_INDEX] = front_matter(ctx.labels.reading_paths) + _index_page(ctx)
    return pages


def _path_page(ctx: RenderContext, path: ReadingPath) -> str:
    lab, page = ctx.labels, paths.reading_path_page(path.id)
    out = [
        f"# {lab.reading_path_n.format(title=plain(path.title))}",
        "",
        f"{lab.typography.lead_in(lab.path_for)}{_audience(ctx, page, path)}",
        "",
    ]
    if path.description:
        out += [markdown(path.description, ctx.links(page)), ""]
    out += [
        f'<div class="pm-path" data-pm-root="{paths.site_root(page, ctx.directory_urls)}" '
        f'data-pm-path="{attribute(path.id)}" data-pm-items="{_items_json(ctx, path)}" '
        f'data-pm-labels="{_labels_json(ctx)}" data-search-exclude></div>',
        "",
        '<ol class="pm-path-items" markdown>',
    ]
    for item in ctx.reading.items.get(path.id, []):
        note = f"<br>\n{table_cell(item.note, ctx.links(page))}" if item.note else ""
        out.append(
            f'<li data-pm-item="{attribute(item.key)}" data-pm-version="{attribute(_item_version(ctx, item))}" '
            f"markdown>{_item_link(ctx, page, item)}{note}</li>"
        )
    out += ["</ol>", ""]
    if path.role and path.role in ctx.handbook.roles:
        out += [
            f"[{lab.your_role}: {plain(ctx.role_name(path.role))}]({paths.link(page, paths.role_page(path.role))})",
            "",
        ]
    return "\n".join(out)


def _index_page(ctx: RenderContext) -> str:
    lab, page = ctx.labels, paths.ONBOARDING_INDEX
    root = paths.site_root(page, ctx.directory_urls)
    out = [
        f"# {lab.reading_paths}",
        "",
        lab.reading_paths_intro,
        "",
        f"| {lab.reading_path} | {lab.path_for} | {lab.items} | {lab.progress} |",
        "|---|---|---|---|",
    ]
    for path in ctx.reading.paths:
        progress = (
            f'<span class="pm-path-progress" data-pm-root="{root}" data-pm-path="{attribute(path.id)}" '
            f'data-pm-items="{_items_json(ctx, path)}" data-pm-labels="{_labels_json(ctx)}"></span>'
        )
        out.append(
            f"| [{plain(path.title)}]({paths.link(page, paths.reading_path_page(path.id))}) | "
            f"{_audience(ctx, page, path)} | {len(ctx.reading.items.get(path.id, []))} | {progress} |"
        )
    return "\n".join(out) + "\n"


def docs_reading_blocks(ctx: RenderContext) -> dict[str, str]:
    """Hand-written page (path under docs/) -> the Markdown to append to it: its "mark as read" block."""
    blocks: dict[str, str] = {}
    for key in ctx.reading.memberships:
        if key.startswith("page:"):
            page = key[len("page:") :]
            blocks[page] = "\n\n" + "\n".join(reading_block(ctx, page, key))
    return blocks
