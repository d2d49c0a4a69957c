"""The version history of one process: every change-log version and, where git has the file, what changed.

The semantic diff comes from :mod:`..semdiff` as data; this module only words it, with the labels of
the site's language and every author-written value escaped by :mod:`.text`.
"""

from __future__ import annotations

from collections.abc import Mapping

from process_manual.core import paths
from process_manual.core.model import ChangeEntry, Process
from process_manual.core.semdiff import Change, ProcessDiff, StepDiff, changed_fields, diff_processes
from process_manual.load.githistory import ProcessHistory, State, VersionHistory, version_key
from process_manual.load.handbook import ProcessSource
from process_manual.render.context import RenderContext
from process_manual.render.text import front_matter, markdown, plain


def version_anchor(version: str) -> str:
    """`2.1` -> `v2-1` (versions are digits and dots, checked by the model: safe in an attribute list)."""
    return "v" + version.replace(".", "-")


class _Writer:
    """The page of one process: links to its steps, names of roles and forms, the diff tables."""

    def __init__(self, ctx: RenderContext, process: Process):
        self.ctx, self.lab, self.process = ctx, ctx.labels, process
        self.page = paths.history_page(process.id)
        self.current_steps = {s.id for s in process.steps}

    def step(self, step_id: str, title: str) -> str:
        """A step named in a diff: a link to it on the process page while it still exists there."""
        if step_id in self.current_steps:
            return f"[{plain(title)}]({paths.link(self.page, paths.process_page(self.process.id), 'step-' + step_id)})"
        return plain(title)

    def value(self, text: str | None) -> str:
        return "—" if text is None or text == "" else plain(text)

    def field_name(self, name: str) -> str:
        label = {"outputs": "step_outputs", "process": "runs_process"}.get(name, name)
        return getattr(self.lab, label, None) or plain(name)

    def rows(self, diff: ProcessDiff, process_fields: bool = True) -> list[tuple[str, str, str]]:
        lab, rows = self.lab, []
        for step in diff.steps_added:
            rows.append((lab.step_added, "—", self.step(step.id, step.title)))
        for step in diff.steps_removed:
            rows.append((lab.step_removed, plain(step.title), "—"))
        if diff.steps_reordered:
            rows.append((lab.steps_reordered, "", lab.changed))
        for step_diff in diff.steps_changed:
            rows += self.step_rows(step_diff)
        for kpi in diff.kpis_added:
            rows.append((lab.kpi_added, "—", plain(kpi.name)))
        for kpi in diff.kpis_removed:
            rows.append((lab.kpi_removed, plain(kpi.name), "—"))
        for kpi_diff in diff.kpis_changed:
            for name, change in kpi_diff.fields.items():
                rows.append(
                    (
                        lab.kpi_field.format(kpi=plain(kpi_diff.name), field=self.field_name(name)),
                        self.value(change.before),
                        self.value(change.after),
                    )
                )
        for field in diff.fields if process_fields else []:
            what = self.field_name(field.name)
            if field.added or field.removed:
                rows.append(
                    (
                        what,
                        "; ".join(plain(v) for v in field.removed) or "—",
                        "; ".join(plain(v) for v in field.added) or "—",
                    )
                )
            elif field.before is None and field.after is None:
                rows.append((what, "", lab.changed))
            else:
                rows.append((what, self.value(field.before), self.value(field.after)))
        return rows

    def step_rows(self, diff: StepDiff) -> list[tuple[str, str, str]]:
        lab, rows = self.lab, []
        step = self.step(diff.id, diff.title)

        def what(field: str) -> str:
            return lab.step_field.format(step=step, field=field)

        if diff.renamed:
            rows.append((what(lab.step_name), self.value(diff.renamed.before), self.value(diff.renamed.after)))
        for role, change in diff.raci.items():
            rows.append(
                (
                    what(f"{plain(self.ctx.role_name(role))} (RACI)"),
                    self.letters(change),
                    self.letters(change, after=True),
                )
            )
        if diff.within:
            rows.append((what(lab.within), self.value(diff.within.before), self.value(diff.within.after)))
        for form in diff.forms_added:
            rows.append((what(lab.form_added), "—", plain(self.ctx.form_name(form))))
        for form in diff.forms_removed:
            rows.append((what(lab.form_removed), plain(self.ctx.form_name(form)), "—"))
        for name in diff.other:
            rows.append((what(self.field_name(name)), "", lab.changed))
        return rows

    @staticmethod
    def letters(change: Change, after: bool = False) -> str:
        value = change.after if after else change.before
        return value or "—"

    def table(self, rows: list[tuple[str, str, str]]) -> list[str]:
        lab = self.lab
        out = [f"| {lab.change_what} | {lab.before} | {lab.after} |", "|---|---|---|"]
        return out + [f"| {what} | {before} | {after} |" for what, before, after in rows] + [""]


def _git_line(ctx: RenderContext, found: VersionHistory) -> str:
    lab, commit = ctx.labels, found.first.commit
    if commit is None:
        return f"{lab.typography.lead_in(lab.in_git)}{lab.not_committed}"
    when = lab.committed.format(date=commit.date.date().isoformat(), author=plain(commit.author), commit=commit.short)
    return f"{lab.typography.lead_in(lab.in_git)}{when}"


def _diff_table(writer: _Writer, old: State, new: State) -> list[str]:
    """The semantic diff of two states as a table (or a sentence when nothing of substance changed)."""
    lab = writer.lab
    if old.process is not None and new.process is not None:
        rows = writer.rows(diff_processes(old.process, new.process))
    else:  # a state the current model cannot read (an older file format): name the fields, no more
        fields = changed_fields(old.data, new.data)
        rows = [(lab.unreadable_fields, "", ", ".join(plain(f) for f in fields))] if fields else []
    return writer.table(rows) if rows else [lab.no_content_change, ""]


def _what_changed(writer: _Writer, history: ProcessHistory, found: VersionHistory) -> list[str]:
    lab, out = writer.lab, []
    if found.later_edits:
        # Edited after its first commit without a new version (before the check refused that): say so, and how.
        out += ['!!! warning ""', "", f"    {lab.later_edits.format(count=found.later_edits)}", ""]
        out += _diff_table(writer, found.first, found.last)
    before = history.previous(found.version)
    if before is None:
        return [*out, f"*{lab.first_in_git}*", ""]
    out += [f"### {lab.changes_since.format(version=plain(before.version))}", ""]
    return out + _diff_table(writer, before.last, found.last)


def _entry_table(ctx: RenderContext, entry: ChangeEntry) -> list[str]:
    lab = ctx.labels
    return [
        f"| {lab.date} | {lab.author} | {lab.approved_by} | {lab.request} |",
        "|---|---|---|---|",
        f"| {entry.date} | {plain(entry.author)} | {plain(entry.approved_by or '—')} | {plain(entry.request or '—')} |",
        "",
        markdown(entry.change),
        "",
    ]


def render_history(ctx: RenderContext, source: ProcessSource, history: ProcessHistory | None) -> str:
    """The history page of one process; `history` None means git could not be read (change log alone)."""
    process, lab = source.process, ctx.labels
    writer = _Writer(ctx, process)
    title = f"{process.id} {process.title} — {lab.version_history}"
    out = [
        f"# {plain(process.id)} {plain(process.title)} — {lab.version_history}",
        "",
        f"[← {lab.back_to_process}]({paths.link(writer.page, paths.process_page(process.id))})",
        "",
        lab.history_intro,
        "",
    ]
    if history is None:
        out += ['!!! note ""', "", f"    {lab.history_unavailable}", ""]
    entries = {e.version: e for e in process.changelog}
    found = history.versions if history else {}
    for version in sorted(set(entries) | set(found), key=version_key, reverse=True):
        out += [f"## {lab.version_n.format(version=plain(version))} {{ #{version_anchor(version)} }}", ""]
        entry = entries.get(version)
        out += _entry_table(ctx, entry) if entry else [f"*{lab.not_in_changelog}*", ""]
        if history is None:
            continue
        state = found.get(version)
        if state is None:
            out += [f"*{lab.not_in_git}*", ""]
            continue
        out += [_git_line(ctx, state), ""]
        out += _what_changed(writer, history, state)
    return front_matter(title) + "\n".join(out)


def render_histories(ctx: RenderContext, histories: Mapping[str, ProcessHistory] | None) -> dict[str, str]:
    """Source path -> Markdown of the history page of every published process."""
    pages = {}
    for source in ctx.published:
        process_id = source.process.id
        history = None if histories is None else histories.get(process_id) or ProcessHistory(process_id)
        pages[paths.history_page(process_id)] = render_history(ctx, source, history)
    return pages
