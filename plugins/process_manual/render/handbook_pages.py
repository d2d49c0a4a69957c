"""The handbook-wide pages no single process file shows: landscape, roles, forms, KPIs, glossary,
what's new and review status. Each index is built in one pass over all steps."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from process_manual.core import paths
from process_manual.core.model import Area, Process, Step
from process_manual.core.raci import raci_cells
from process_manual.render.context import RenderContext
from process_manual.render.history_page import version_anchor
from process_manual.render.landscape import landscape_map
from process_manual.render.reading import start_here
from process_manual.render.referrers import inline_referrers, referrer_list
from process_manual.render.text import front_matter, markdown, plain, table_cell


@dataclass(frozen=True)
class StepRef:
    process: Process
    step: Step
    index: int


def _process_link(page: str, process: Process) -> str:
    return f"[{plain(process.id)} {plain(process.title)}]({paths.link(page, paths.process_page(process.id))})"


def _step_link(page: str, ref: StepRef) -> str:
    target = paths.link(page, paths.process_page(ref.process.id), f"step-{ref.step.id}")
    return f"[{ref.index}. {plain(ref.step.title)}]({target})"


def _role_link(ctx: RenderContext, page: str, role_id: str) -> str:
    if role_id not in ctx.handbook.roles:
        return plain(role_id)
    return f"[{plain(ctx.role_name(role_id))}]({paths.link(page, paths.role_page(role_id))})"


class HandbookPages:
    def __init__(self, ctx: RenderContext):
        self.ctx = ctx
        self.role_steps: dict[str, list[tuple[StepRef, str]]] = defaultdict(list)
        self.form_steps: dict[str, list[StepRef]] = defaultdict(list)
        for source in ctx.published:
            for index, step in enumerate(source.process.steps, 1):
                ref = StepRef(source.process, step, index)
                for role, letters in raci_cells(step).items():
                    self.role_steps[role].append((ref, letters))
                for form in dict.fromkeys(step.forms):
                    self.form_steps[form].append(ref)

    def render_all(self) -> dict[str, str]:
        pages = {
            paths.LANDSCAPE: self.landscape(),
            paths.ROLES_INDEX: self.roles_index(),
            paths.FORMS: self.forms(),
            paths.KPIS: self.kpis(),
            paths.GLOSSARY: self.glossary(),
            paths.WHATS_NEW: self.whats_new(),
            paths.REVIEW_STATUS: self.review_status(),
        }
        for role_id in self.ctx.handbook.roles:
            pages[paths.role_page(role_id)] = self.role(role_id)
        return pages

    def _processes_in(self, area: Area) -> list[Process]:
        return [s.process for s in self.ctx.published if s.process.area == area.id and s.process.status != "retired"]

    def landscape(self) -> str:
        ctx, lab, page = self.ctx, self.ctx.labels, paths.LANDSCAPE
        out = [f"# {lab.landscape}", "", lab.landscape_intro, ""]
        if ctx.handbook.top_areas:
            out += [f"## {lab.map}", "", *landscape_map(ctx, page, self._processes_in)]
        for top in ctx.handbook.top_areas:
            out += [f"## {plain(top.name)} {{ #area-{top.id} }}", ""]
            if top.description:
                out += [markdown(top.description, ctx.links(page)), ""]
            for group in top.children or [top]:
                if group is not top:
                    out += [f"### {plain(group.name)} {{ #area-{group.id} }}", ""]
                    if group.description:
                        out += [markdown(group.description, ctx.links(page)), ""]
                processes = self._processes_in(group)
                if not processes:
                    out += [lab.nothing, ""]
                    continue
                out += [f"| {lab.process} | {lab.owner} | {lab.version} | {lab.effective} |", "|---|---|---|---|"]
                for process in processes:
                    out.append(
                        f"| {_process_link(page, process)} | {_role_link(ctx, page, process.owner)} | "
                        f"{plain(process.version)} | {process.effective or '—'} |"
                    )
                out.append("")
        return front_matter(lab.landscape) + "\n".join(out)

    def roles_index(self) -> str:
        ctx, lab, page = self.ctx, self.ctx.labels, paths.ROLES_INDEX
        out = [f"# {lab.roles}", "", f"| {lab.role} | {lab.department} | {lab.step_count} |", "|---|---|---|"]
        for role in sorted(ctx.handbook.roles.values(), key=lambda r: r.name):
            out.append(
                f"| {_role_link(ctx, page, role.id)} | {plain(role.department or '—')} | "
                f"{len(self.role_steps.get(role.id, []))} |"
            )
        return front_matter(lab.roles) + "\n".join(out) + "\n"

    def role(self, role_id: str) -> str:
        ctx, lab = self.ctx, self.ctx.labels
        page = paths.role_page(role_id)
        role = ctx.handbook.roles[role_id]
        out = [f"# {plain(role.name)}", "", *start_here(ctx, role_id)]
        if role.description:
            out += [markdown(role.description, ctx.links(page)), ""]
        if role.department:
            out += [f"{lab.typography.lead_in(lab.department)}{plain(role.department)}", ""]
        out += [lab.role_intro, ""]
        by_process: dict[str, list[tuple[StepRef, str]]] = defaultdict(list)
        for ref, letters in self.role_steps.get(role_id, []):
            by_process[ref.process.id].append((ref, letters))
        for entries in by_process.values():
            process = entries[0][0].process
            out += [
                f"## {_process_link(page, process)}",
                "",
                f"| {lab.step} | {lab.role_part} | {lab.within} | {lab.forms} |",
                "|---|---|---|---|",
            ]
            for ref, letters in entries:
                forms = ", ".join(
                    f"[{plain(ctx.form_name(f))}]({paths.link(page, paths.FORMS, 'form-' + f)})" for f in ref.step.forms
                )
                out.append(
                    f"| {_step_link(page, ref)} | {letters} | {plain(ref.step.within or '—')} | {forms or '—'} |"
                )
            out.append("")
        owned = [s.process for s in ctx.published if s.process.owner == role_id]
        if owned:
            out += [f"## {lab.owned_processes}", ""] + [f"- {_process_link(page, p)}" for p in owned] + [""]
        owned_forms = [f for f in ctx.handbook.forms.values() if f.owner == role_id]
        if owned_forms:
            out += [f"## {lab.owned_forms}", ""]
            out += [f"- [{plain(f.name)}]({paths.link(page, paths.FORMS, 'form-' + f.id)})" for f in owned_forms]
            out += [""]
        kpis = [(s.process, k) for s in ctx.published for k in s.process.kpis if k.owner == role_id]
        if kpis:
            out += [f"## {lab.owned_kpis}", ""]
            out += [f"- {plain(k.name)} ({_process_link(page, p)})" for p, k in kpis] + [""]
        referred = referrer_list(ctx, page, f"role:{role_id}")
        if referred:
            out += [f"## {lab.referred_by} {{ #referred-by }}", "", lab.role_referred_by_intro, "", *referred, ""]
        return front_matter(role.name) + "\n".join(out)

    def forms(self) -> str:
        ctx, lab, page = self.ctx, self.ctx.labels, paths.FORMS
        out = [f"# {lab.forms_catalog}", "", lab.forms_intro, ""]
        for form in ctx.handbook.forms.values():
            out += [f"## {plain(form.name)} {{ #form-{form.id} }}", ""]
            if form.description:
                out += [markdown(form.description, ctx.links(page)), ""]
            facts = [
                (lab.owner, _role_link(ctx, page, form.owner) if form.owner else "—"),
                (lab.retention, plain(form.retention or "—")),
                (lab.naming, plain(form.naming or "—")),
            ]
            out += [f"- {lab.typography.lead_in(name)}{value}" for name, value in facts] + [""]
            refs = self.form_steps.get(form.id, [])
            if refs:
                out += [f"**{lab.used_in}**", ""]
                out += [f"- {_process_link(page, r.process)}: {_step_link(page, r)}" for r in refs] + [""]
            else:
                out += [f"*{lab.unused}*", ""]
            referred = referrer_list(ctx, page, f"form:{form.id}")
            if referred:
                out += [f"**{lab.referred_by}**", "", *referred, ""]
        return front_matter(lab.forms_catalog) + "\n".join(out)

    def kpis(self) -> str:
        ctx, lab, page = self.ctx, self.ctx.labels, paths.KPIS
        out = [
            f"# {lab.kpi_dictionary}",
            "",
            lab.kpi_intro,
            "",
            f"| {lab.kpi} | {lab.process} | {lab.definition} | {lab.formula} | {lab.target} | {lab.goal} | "
            f"{lab.frequency} | {lab.owner} |",
            "|---|---|---|---|---|---|---|---|",
        ]
        referred: list[str] = []
        for source in ctx.published:
            process = source.process
            links = ctx.links(page, process.id)
            for kpi in process.kpis:
                unit = f" {plain(kpi.unit)}" if kpi.unit else ""
                target = f"{plain(kpi.target)}{unit}" if kpi.target is not None else "—"
                goal = f"{plain(kpi.goal)}{unit}" if kpi.goal is not None else "—"
                anchor = paths.kpi_anchor(process.id, kpi.id)
                definition, formula = table_cell(kpi.definition or "—", links), table_cell(kpi.formula or "—", links)
                out.append(
                    f"| **{plain(kpi.name)}**{{ #{anchor} }} | {_process_link(page, process)} | "
                    f"{definition} | {formula} | {target} | {goal} | {plain(kpi.frequency or '—')} | "
                    f"{_role_link(ctx, page, kpi.owner) if kpi.owner else '—'} |"
                )
                who = inline_referrers(ctx, page, f"kpi:{process.id}#{kpi.id}")
                if who:
                    referred.append(f"- [{plain(kpi.name)}](#{anchor}) ({plain(process.id)}): {who}")
        if referred:  # beside the table, which is wide enough already
            out += ["", f"## {lab.referred_by} {{ #referred-by }}", "", *referred]
        return front_matter(lab.kpi_dictionary) + "\n".join(out) + "\n"

    def glossary(self) -> str:
        ctx, lab, page = self.ctx, self.ctx.labels, paths.GLOSSARY
        out = [f"# {lab.glossary}", "", lab.glossary_intro, ""]
        terms = sorted(enumerate(ctx.handbook.terms), key=lambda pair: pair[1].term.casefold())
        for index, term in terms:
            target = ctx.resolver.term_target(index)
            definition = markdown(term.definition, ctx.links(page))
            out += [f"**{plain(term.term)}** {{ #{target.anchor} }}", f":   {definition}"]
            if term.synonyms:
                out.append(f"    *{lab.avoid}:* {', '.join(plain(s) for s in term.synonyms)}")
            referred = inline_referrers(ctx, page, target.key)
            if referred:
                out += ["", f"    *{lab.referred_by}:* {referred}"]
            out.append("")
        return front_matter(lab.glossary) + "\n".join(out)

    def whats_new(self, limit: int = 50) -> str:
        ctx, lab, page = self.ctx, self.ctx.labels, paths.WHATS_NEW
        # Newest first: by date, and within a process's entries of one date the later one first (its change
        # log is oldest first); processes of the same date by id.
        entries = [(entry, s.process) for s in ctx.published for entry in reversed(s.process.changelog)]
        entries.sort(key=lambda pair: pair[1].id)
        entries.sort(key=lambda pair: pair[0].date, reverse=True)
        out = [
            f"# {lab.whats_new}",
            "",
            lab.whats_new_intro,
            "",
            f"[{lab.feed}]({paths.link(page, paths.FEED)})",
            "",
            f"| {lab.date} | {lab.process} | {lab.version} | {lab.change} | {lab.approved_by} |",
            "|---|---|---|---|---|",
        ]
        for entry, process in entries[:limit]:
            history = paths.link(page, paths.history_page(process.id), version_anchor(entry.version))
            out.append(
                f"| {entry.date} | {_process_link(page, process)} | [{plain(entry.version)}]({history}) | "
                f"{table_cell(entry.change)} | {plain(entry.approved_by or '—')} |"
            )
        return front_matter(lab.whats_new) + "\n".join(out) + "\n"

    def review_status(self) -> str:
        ctx, lab, page = self.ctx, self.ctx.labels, paths.REVIEW_STATUS
        soon = ctx.today + dt.timedelta(days=30)
        buckets: dict[str, list[tuple[dt.date | None, Process]]] = {"overdue": [], "soon": [], "later": [], "none": []}
        for source in ctx.published:
            process = source.process
            if process.status == "retired":
                continue
            due = ctx.next_review(process)
            key = "none" if due is None else "overdue" if due < ctx.today else "soon" if due <= soon else "later"
            buckets[key].append((due, process))
        out = [f"# {lab.review_status}", "", lab.review_intro, ""]
        titles = {
            "overdue": lab.review_overdue,
            "soon": lab.review_due_soon,
            "later": lab.review_later,
            "none": lab.review_none,
        }
        for key, rows in buckets.items():
            out += [f"## {titles[key]} ({len(rows)})", ""]
            if not rows:
                out += [lab.nothing, ""]
                continue
            out += [
                f"| {lab.process} | {lab.owner} | {lab.last_review} | {lab.every} | {lab.next_review} |",
                "|---|---|---|---|---|",
            ]
            for due, process in sorted(rows, key=lambda r: (r[0] or dt.date.max, r[1].id)):
                review = process.review
                out.append(
                    f"| {_process_link(page, process)} | {_role_link(ctx, page, process.owner)} | "
                    f"{review.last if review else '—'} | {plain(review.every) if review else '—'} | "
                    f"{due or '—'} |"
                )
            out.append("")
        out += self._health(page)
        return front_matter(lab.review_status) + "\n".join(out)

    def _health(self, page: str) -> list[str]:
        ctx, lab = self.ctx, self.ctx.labels
        unused = [f for f in ctx.handbook.forms.values() if f.id not in self.form_steps]
        no_target = [(s.process, k) for s in ctx.published for k in s.process.kpis if k.target is None]
        idle = [r for r in ctx.handbook.roles.values() if r.id not in self.role_steps]
        drafts = [s.process for s in ctx.handbook.processes if s.process.status == "draft"]
        out = [f"## {lab.health}", ""]
        out += [f"### {lab.unused_forms} ({len(unused)})", ""]
        out += [f"- [{plain(f.name)}]({paths.link(page, paths.FORMS, 'form-' + f.id)})" for f in unused] or [
            lab.nothing
        ]
        out += ["", f"### {lab.kpis_without_target} ({len(no_target)})", ""]
        out += [f"- {plain(k.name)} ({_process_link(page, p)})" for p, k in no_target] or [lab.nothing]
        out += ["", f"### {lab.roles_without_steps} ({len(idle)})", ""]
        out += [f"- {_role_link(ctx, page, r.id)}" for r in idle] or [lab.nothing]
        out += ["", f"### {lab.drafts} ({len(drafts)})", ""]
        out += [f"- {plain(p.id)} {plain(p.title)}" for p in drafts] or [lab.nothing]
        return [*out, ""]
