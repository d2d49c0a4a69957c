"""One process as one Markdown page: header, flowchart, steps, RACI matrix, KPIs, change log."""

from __future__ import annotations

from process_manual.core import paths
from process_manual.core.labels import Labels
from process_manual.core.model import Process, Step
from process_manual.core.raci import raci_cells
from process_manual.load.handbook import ProcessSource
from process_manual.render.context import RenderContext
from process_manual.render.mermaid import flowchart, flowchart_block
from process_manual.render.reading import page_meta, reading_block
from process_manual.render.referrers import inline_referrers, referrers_of
from process_manual.render.source_links import source_link_lines
from process_manual.render.text import front_matter, markdown, plain, table_cell


def _role_links(ctx: RenderContext, page: str, role_ids: list[str]) -> str:
    return ", ".join(
        f"[{plain(ctx.role_name(r))}]({paths.link(page, paths.role_page(r))})" if r in ctx.handbook.roles else plain(r)
        for r in role_ids
    )


def _process_link(ctx: RenderContext, page: str, process_id: str) -> str:
    process = ctx.process(process_id)
    if process is None:
        return plain(process_id)
    return f"[{plain(process.id)} {plain(process.title)}]({paths.link(page, paths.process_page(process_id))})"


def _header(ctx: RenderContext, source: ProcessSource, page: str) -> list[str]:
    process, lab = source.process, ctx.labels
    out = [f"# {plain(process.id)} {plain(process.title)}", ""]
    if process.status != "effective":
        banner = lab.draft_banner if process.status == "draft" else lab.retired_banner
        out += [
            f'!!! {"warning" if process.status == "draft" else "danger"} "{lab.status_name(process.status)}"',
            "",
            f"    {banner}",
            "",
        ]
        if process.status == "retired" and process.replaced_by:
            successor = _process_link(ctx, page, process.replaced_by)
            out[-1:] = ["", f"    {lab.replaced_by.format(process=successor)}", ""]
    trail = ctx.area_trail(process.area)
    if trail:
        crumbs = " › ".join(f"[{plain(a.name)}]({paths.link(page, paths.LANDSCAPE, 'area-' + a.id)})" for a in trail)
        out += [f'<nav class="pm-breadcrumb" aria-label="{lab.area}" markdown>{crumbs}</nav>', ""]
    review = ctx.next_review(process)
    review_text = str(review) if review else "—"
    if review and review < ctx.today and process.status != "retired":
        review_text = f'<span class="pm-overdue">{review} ({lab.overdue})</span>'
    facts = [
        (lab.id, plain(process.id)),
        (lab.version, f"{plain(process.version)} ([{lab.history_link}]({_history_link(process)}))"),
        (lab.status, lab.status_name(process.status)),
        (lab.owner, _role_links(ctx, page, [process.owner])),
        (lab.effective, str(process.effective or "—")),
        (lab.next_review, review_text),
    ]
    # A list of name/value pairs rather than a one-row table: on a phone it wraps onto three columns
    # instead of scrolling sideways (process-manual.css).
    out += ['<dl class="pm-facts" markdown>']
    out += [f'<div markdown><dt>{name}</dt><dd markdown="span">{value}</dd></div>' for name, value in facts]
    out += ["</dl>", ""]
    return (
        out
        + source_link_lines(ctx.source_links, source, lab)
        + (_bpmn_link(page, process, lab) if ctx.bpmn_downloads else [])
    )


def _bpmn_link(page: str, process: Process, lab: Labels) -> list[str]:
    """The download of the process as BPMN 2.0 (the plugin publishes the file beside the pages)."""
    target = paths.link(page, paths.bpmn_file(process.id))
    return [f'[{lab.bpmn_download}]({target}){{ .pm-bpmn download="{process.id}.bpmn" title="{lab.bpmn_hint}" }}', ""]


def _text_sections(ctx: RenderContext, page: str, process: Process) -> list[str]:
    lab, out = ctx.labels, []
    links = ctx.links(page, process.id)
    for title, text in ((lab.purpose, process.purpose), (lab.scope, process.scope)):
        if text:
            out += [f"## {title}", "", markdown(text, links), ""]
    for title, items in (
        (lab.triggers, process.triggers),
        (lab.inputs, process.inputs),
        (lab.outputs, process.outputs),
    ):
        if items:
            out += [f"**{title}**", ""] + [f"- {plain(i)}" for i in items] + [""]
    return out


def _step_section(
    ctx: RenderContext, page: str, step_process: str, titles: dict[str, str], number: int, step: Step
) -> list[str]:
    lab = ctx.labels
    out = [f"### {number}. {plain(step.title)} {{ #step-{step.id} }}", ""]
    facts: list[tuple[str, str]] = []
    if step.responsible:
        facts.append((lab.responsible, _role_links(ctx, page, step.responsible)))
    if step.accountable_role:
        facts.append((lab.accountable, _role_links(ctx, page, [step.accountable_role])))
    if step.consulted:
        facts.append((lab.consulted, _role_links(ctx, page, step.consulted)))
    if step.informed:
        facts.append((lab.informed, _role_links(ctx, page, step.informed)))
    if step.within:
        facts.append((lab.within, plain(step.within)))
    if step.forms:
        facts.append(
            (
                lab.forms,
                ", ".join(
                    f"[{plain(ctx.form_name(f))}]({paths.link(page, paths.FORMS, 'form-' + f)})" for f in step.forms
                ),
            )
        )
    if step.outputs:
        facts.append((lab.step_outputs, ", ".join(plain(o) for o in step.outputs)))
    if step.process:
        facts.append((lab.runs_process, _process_link(ctx, page, step.process)))
    if step.next:
        facts.append((lab.next, f"[{plain(titles.get(step.next, step.next))}](#step-{step.next})"))
    if step.branches:
        facts.append(
            (
                lab.next,
                "; ".join(
                    f"{plain(b.when)} → [{plain(titles.get(b.next, b.next))}](#step-{b.next})" for b in step.branches
                ),
            )
        )
    referred = inline_referrers(ctx, page, f"step:{step_process}#{step.id}")
    if referred:
        facts.append((lab.referred_by, referred))
    out += [f"- {lab.typography.lead_in(name)}{value}" for name, value in facts]
    if facts:
        out.append("")
    if step.details:
        out += [markdown(step.details, ctx.links(page, step_process)), ""]
    return out


def _former_steps(process: Process) -> dict[str | None, list[str]]:
    """Anchors of removed steps by the step whose section they open (None: the steps' heading, where a step
    no other took over is placed): a link written before the step was removed still lands on what replaced it."""
    known = {s.id for s in process.steps}
    former: dict[str | None, list[str]] = {}
    for removed, then in process.removed_steps.items():
        if removed not in known:
            anchor = f'<div id="{paths.step_anchor(removed)}" class="pm-former-step"></div>'
            former.setdefault(then if then in known else None, []).append(anchor)
    return {successor: [*anchors, ""] for successor, anchors in former.items()}


def _raci(ctx: RenderContext, page: str, process: Process) -> list[str]:
    steps = [s for s in process.steps if s.kind != "end"]
    cells = [raci_cells(s) for s in steps]
    roles: list[str] = []
    for row in cells:
        roles += [r for r in row if r not in roles]
    if not roles:
        return []
    lab = ctx.labels
    header = f"| {lab.step} | " + " | ".join(_role_links(ctx, page, [r]) for r in roles) + " |"
    # attr_list cannot mark a table: a wrapper carries the class (md_in_html renders the table inside).
    out = [f"## {lab.raci}", "", '<div class="pm-raci" markdown>', "", header, "|---" * (len(roles) + 1) + "|"]
    for step, row in zip(steps, cells, strict=False):
        out.append(f"| [{plain(step.title)}](#step-{step.id}) | " + " | ".join(row.get(r, "") for r in roles) + " |")
    return [*out, "", "</div>", "", lab.raci_legend, ""]


def _kpis(ctx: RenderContext, page: str, process: Process) -> list[str]:
    if not process.kpis:
        return []
    lab = ctx.labels
    out = [
        f"## {lab.kpis}",
        "",
        f"| {lab.kpi} | {lab.definition} | {lab.formula} | {lab.target} | {lab.goal} | {lab.frequency} | {lab.owner} |",
        "|---|---|---|---|---|---|---|",
    ]
    links = ctx.links(page, process.id)
    for kpi in process.kpis:
        unit = f" {plain(kpi.unit)}" if kpi.unit else ""
        target = f"{plain(kpi.target)}{unit}" if kpi.target is not None else "—"
        goal = f"{plain(kpi.goal)}{unit}" if kpi.goal is not None else "—"
        owner = _role_links(ctx, page, [kpi.owner]) if kpi.owner else "—"
        definition, formula = table_cell(kpi.definition or "—", links), table_cell(kpi.formula or "—", links)
        out.append(
            f"| **{plain(kpi.name)}** | {definition} | {formula} "
            f"| {target} | {goal} | {plain(kpi.frequency or '—')} | {owner} |"
        )
    return [*out, ""]


def _risks_faq_references(ctx: RenderContext, page: str, process: Process, titles: dict[str, str]) -> list[str]:
    lab, out = ctx.labels, []
    links = ctx.links(page, process.id)
    if process.risks:
        out += [f"## {lab.risks}", "", f"| {lab.risk} | {lab.control} | {lab.step} |", "|---|---|---|"]
        for risk in process.risks:
            at = f"[{plain(titles.get(risk.step, risk.step))}](#step-{risk.step})" if risk.step else "—"
            out.append(f"| {table_cell(risk.risk, links)} | {table_cell(risk.control, links)} | {at} |")
        out.append("")
    if process.faq:
        out += [f"## {lab.faq}", ""]
        for entry in process.faq:
            out += [f"**{plain(entry.q, links)}**", "", markdown(entry.a, links), ""]
    if process.references:
        out += [f"## {lab.references}", ""] + [f"- {plain(r)}" for r in process.references] + [""]
    return out


def _related(ctx: RenderContext, page: str, process: Process) -> list[str]:
    lab = ctx.labels
    outgoing = list(dict.fromkeys([*process.related, *(s.process for s in process.steps if s.process)]))
    incoming = ctx.backlinks.get(process.id, [])
    if not outgoing and not incoming:
        return []
    out = [f"## {lab.related}", ""]
    if outgoing:
        out += [f"**{lab.links_to}**", ""] + [f"- {_process_link(ctx, page, p)}" for p in outgoing] + [""]
    if incoming:
        out += [f"**{lab.linked_from}**", ""] + [f"- {_process_link(ctx, page, p)}" for p in incoming] + [""]
    return out


def _referred_by(ctx: RenderContext, page: str, process: Process) -> list[str]:
    """Who names this process, one of its steps or KPIs — each referrer once, with the steps and KPIs it
    names: what a change of the process touches."""
    parts: dict[str, str] = {f"process:{process.id}": ""}
    parts |= {f"step:{process.id}#{s.id}": f"[{plain(s.title)}](#{paths.step_anchor(s.id)})" for s in process.steps}
    for kpi in process.kpis:
        anchor = paths.kpi_anchor(process.id, kpi.id)
        parts[f"kpi:{process.id}#{kpi.id}"] = f"[{plain(kpi.name)}]({paths.link(page, paths.KPIS, anchor)})"
    named: dict[str, list[str]] = {}
    for link, key in referrers_of(ctx, page, *parts):
        named.setdefault(link, [])
        if parts[key] and parts[key] not in named[link]:
            named[link].append(parts[key])
    if not named:
        return []
    out = [f"## {ctx.labels.referred_by} {{ #referred-by }}", "", ctx.labels.referred_by_intro, ""]
    out += [f"- {link} → {', '.join(targets)}" if targets else f"- {link}" for link, targets in named.items()]
    return [*out, ""]


def _history_link(process: Process) -> str:
    return paths.link(paths.process_page(process.id), paths.history_page(process.id))


def _changelog(ctx: RenderContext, process: Process) -> list[str]:
    lab = ctx.labels
    out = [
        f"## {lab.changelog}",
        "",
        f"[{lab.history_more}]({_history_link(process)})",
        "",
        f"| {lab.version} | {lab.date} | {lab.change} | {lab.author} | {lab.approved_by} | {lab.request} |",
        "|---|---|---|---|---|---|",
    ]
    for entry in reversed(process.changelog):
        out.append(
            f"| {plain(entry.version)} | {entry.date} | {table_cell(entry.change)} | {plain(entry.author)} | "
            f"{plain(entry.approved_by or '—')} | {plain(entry.request or '—')} |"
        )
    return [*out, ""]


def render_process(ctx: RenderContext, source: ProcessSource) -> str:
    process = source.process
    page = paths.process_page(process.id)
    diagram = flowchart(
        process,
        role_names={r: ctx.role_name(r) for r in ctx.handbook.roles},
        form_names={f: ctx.form_name(f) for f in ctx.handbook.forms},
        labels=ctx.labels,
        process_url=ctx.process_url_from(page),
    )
    out = _header(ctx, source, page)
    out += page_meta(ctx, process) + reading_block(ctx, page, f"process:{process.id}", process.version)
    out += _text_sections(ctx, page, process)
    out += [f"## {ctx.labels.flowchart}", "", *flowchart_block(diagram, ctx.labels)]
    former = _former_steps(process)
    out += [f"## {ctx.labels.steps}", "", *former.get(None, [])]
    titles = {s.id: s.title for s in process.steps}
    for number, step in enumerate(process.steps, 1):
        out += former.get(step.id, [])
        out += _step_section(ctx, page, process.id, titles, number, step)
    out += _raci(ctx, page, process)
    out += _kpis(ctx, page, process)
    out += _risks_faq_references(ctx, page, process, titles)
    out += _related(ctx, page, process)
    out += _referred_by(ctx, page, process)
    out += _changelog(ctx, process)
    return front_matter(f"{process.id} {process.title}") + "\n".join(out)
