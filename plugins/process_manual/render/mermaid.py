"""Mermaid flowcharts: swimlanes by role, standard symbols, links from nodes to steps.

Author text only ever appears inside quoted labels, written with HTML named entities for every
character that Mermaid, its Markdown labels or HTML could read as syntax (`&lt;`, `&ast;`, `&num;`),
so a label cannot close its quotes, add a `click` line, open a `%%{init}%%` directive, format
itself or inject markup; Mermaid shows the entities as the characters the author typed. (Mermaid's
own `#60;` codes are not decoded by `mermaid.render`, which Material uses.) Node and lane ids are
ours (n0, lane1).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping

from process_manual.core.cjk import CJK_RANGES, has_cjk
from process_manual.core.labels import Labels
from process_manual.core.model import Process, Step

LAYOUT = "process-lanes"
"""The swimlane layout registered with Mermaid by assets/process-manual-lanes.js."""
BRANCH_LABEL_WIDTH = 16
"""Columns of a branch label's line (a CJK character takes two)."""
WRAPPING_WIDTH = 170
"""Pixels at which a node's text wraps: narrow nodes keep lanes narrow."""

_WORDS = re.compile(f"[{CJK_RANGES}]|[^\\s{CJK_RANGES}]+")
"""A branch label's units of wrapping: each CJK character, or a run of other non-space characters."""

_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "#": "&num;",
    "*": "&ast;",
    "_": "&lowbar;",
    "`": "&grave;",
    "[": "&lsqb;",
    "]": "&rsqb;",
    "~": "&tilde;",
    "\\": "&bsol;",
    "|": "&vert;",
    "%": "&percnt;",
    "{": "&lcub;",
    "}": "&rcub;",
    "=": "&equals;",
    "'": "&apos;",
    "!": "&excl;",
    "$": "&dollar;",
    "^": "&Hat;",
    "+": "&plus;",
}

# Standard flowchart symbols (ARCHITECTURE.md, "What the method demands"): decision = diamond,
# activity = box, sub-process = box with side bars, storage/archive = cylinder, start/end = rounded (stadium).
_SHAPES = {
    "task": ('["', '"]'),
    "decision": ('{"', '"}'),
    "subprocess": ('[["', '"]]'),
    "archive": ('[("', '")]'),
    "end": ('(["', '"])'),
}


def flowchart_block(definition: str, labels: Labels) -> list[str]:
    """The Markdown (raw HTML) lines that carry a flowchart into the page for
    assets/process-manual-flowchart.js to draw.

    The Mermaid text travels in an attribute, escaped, so no Markdown, HTML or search indexer reads it as
    content; the browser hands it back to the script exactly as written. The step list below the
    diagram is its text alternative: a skip link leads there past the diagram's links."""
    words = {
        "full_screen": labels.full_screen,
        "close": labels.close,
        "zoom_in": labels.zoom_in,
        "zoom_out": labels.zoom_out,
        "zoom_reset": labels.zoom_reset,
        "help": labels.viewer_help,
        "failed": labels.flowchart_failed,
    }
    source = html.escape(definition, quote=True).replace("\n", "&#10;")
    return [
        f'<div class="pm-flowchart" data-pm-words="{html.escape(json.dumps(words, ensure_ascii=False), quote=True)}">',
        f'<a class="pm-skip" href="#pm-after-flowchart">{html.escape(labels.skip_flowchart)}</a>',
        f'<div class="pm-flowchart-canvas" data-pm-mermaid="{source}"></div>',
        "</div>",
        '<div id="pm-after-flowchart" tabindex="-1"></div>',
        "",
    ]


def label(text: object) -> str:
    """Author text for inside a quoted Mermaid label."""
    flat = " ".join(str(text).split())
    return "".join(_ENTITIES.get(c, c) for c in flat)


SECOND_LINE_MAX = 48
"""Characters of forms and time limit shown under a step's name; the step section below has them all."""


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _node_text(step: Step, form_names: Mapping[str, str], co_roles: list[str], labels: Labels) -> str:
    """The step's name and, for activities, one short line with time limit, forms and co-responsible roles.

    A decision shows its question only, so the diamond stays the size of its question."""
    first = label(step.title)
    if step.kind in ("decision", "end"):
        return first
    extras = []
    if step.within:
        extras.append(" ".join(str(step.within).split()))
    if co_roles:
        extras.append(labels.with_roles.format(roles=labels.typography.enumerate(co_roles)))
    extras += [" ".join(form_names.get(f, f).split()) for f in step.forms]
    if not extras:
        return first
    return f"{first}<br><small>{label(_shorten(' · '.join(extras), SECOND_LINE_MAX))}</small>"


def lane_plan(process: Process) -> tuple[list[str | None], dict[str, str | None]]:
    """The lanes in the order roles first act along the flow, and each step's lane.

    A step with several responsible roles sits in the lane of the first; an end sits in the lane of the
    first step (in flow order) that reaches it. `None` is the lane of steps with no role at all (only a
    file with errors, shown in the live preview, has such steps)."""
    by_id = {s.id: s for s in process.steps}
    order: list[str] = []
    seen: set[str] = set()
    queue = [process.steps[0].id] if process.steps else []
    seen.update(queue)
    while queue:
        current = queue.pop(0)
        order.append(current)
        for target in by_id[current].targets():
            if target in by_id and target not in seen:
                seen.add(target)
                queue.append(target)
    order += [s.id for s in process.steps if s.id not in seen]
    lane_of: dict[str, str | None] = {}
    for step_id in order:
        step = by_id[step_id]
        if step.responsible:
            lane_of[step_id] = step.responsible[0]
    first_predecessor: dict[str, str] = {}
    for step_id in order:
        if step_id in lane_of:
            for target in by_id[step_id].targets():
                first_predecessor.setdefault(target, step_id)
    for step_id in order:
        if step_id not in lane_of:
            predecessor = first_predecessor.get(step_id)
            lane_of[step_id] = lane_of[predecessor] if predecessor else None
    lanes: list[str | None] = []
    for step_id in order:
        if lane_of[step_id] not in lanes:
            lanes.append(lane_of[step_id])
    return lanes, lane_of


def flowchart(
    process: Process,
    *,
    role_names: Mapping[str, str],
    form_names: Mapping[str, str],
    labels: Labels,
    process_url: Callable[[str], str | None],
) -> str:
    """The process as a Mermaid swimlane flowchart: one lane (top-level subgraph) per role, drawn by the
    `process-lanes` layout (assets/process-manual-lanes.js); where that layout is not registered,
    Mermaid's own layout draws the same lanes as boxes."""
    node_id = {step.id: f"n{i}" for i, step in enumerate(process.steps)}
    lanes, lane_of = lane_plan(process)
    lane_names = [role_names.get(role, role) if role else labels.no_role for role in lanes]
    lines = [
        "---",
        "config:",
        f"  layout: {LAYOUT}",
        "  flowchart:",
        "    htmlLabels: true",
        f"    wrappingWidth: {WRAPPING_WIDTH}",
        "---",
        "flowchart TB",
    ]
    first = process.steps[0] if process.steps else None
    lines.append(f"  accTitle: {_accessible(labels.flowchart_title.format(id=process.id, title=process.title))}")
    if first is not None:
        lines.append(
            "  accDescr: "
            + _accessible(
                labels.flowchart_description.format(
                    steps=len(process.steps),
                    lanes=len(lanes),
                    first=first.title,
                    role=lane_names[lanes.index(lane_of[first.id])],
                )
            )
        )
    for index, (role, name) in enumerate(zip(lanes, lane_names, strict=False)):
        lines.append(f'  subgraph lane{index}["{label(name)}"]')
        if first is not None and lane_of[first.id] == role:
            lines.append(f'    start(["{label(labels.start)}"])')
        for step in process.steps:
            if lane_of[step.id] != role:
                continue
            co_roles = [role_names.get(r, r) for r in step.responsible[1:]]
            opening, closing = _SHAPES[step.kind]
            lines.append(f"    {node_id[step.id]}{opening}{_node_text(step, form_names, co_roles, labels)}{closing}")
        lines.append("  end")

    if first is not None:
        lines.append(f"  start --> {node_id[first.id]}")
    for step in process.steps:
        for branch in step.branches:
            if branch.next in node_id:
                lines.append(f'  {node_id[step.id]} -->|"{_wrapped(branch.when)}"| {node_id[branch.next]}')
        if step.next in node_id:
            lines.append(f"  {node_id[step.id]} --> {node_id[step.next]}")

    for step in process.steps:
        target = process_url(step.process) if step.kind == "subprocess" and step.process else None
        lines.append(f'  click {node_id[step.id]} href "{target or "#step-" + step.id}"')
    lines.append("  classDef endEvent stroke-width:3px")
    ends = [node_id[s.id] for s in process.steps if s.kind == "end"]
    lines.append(f"  class start,{','.join(ends)} endEvent" if ends else "  class start endEvent")
    return "\n".join(lines)


def _wrapped(text: str, width: int = BRANCH_LABEL_WIDTH) -> str:
    """A branch label broken into short lines (a CJK character counts twice), so that a label beside a
    decision widens its lane as little as possible."""
    lines: list[str] = []
    current = ""
    for word in _WORDS.findall(" ".join(text.split())):
        wide = len(word) == 1 and has_cjk(word)
        glue = "" if not current or wide or has_cjk(current[-1]) else " "
        if current and _columns(current + glue + word) > width:
            lines.append(current)
            current, glue = "", ""
        current += glue + word
    if current:
        lines.append(current)
    return "<br>".join(label(line) for line in lines)


def _columns(text: str) -> int:
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in text)


def _accessible(text: str) -> str:
    """Author text for an `accTitle:`/`accDescr:` line: one line, no markup (Mermaid sets it as text), and
    no `%%` (Mermaid reads `%%{...}%%` anywhere in a diagram as a directive): a zero-width space follows
    every `%`, which screen readers do not read."""
    flat = " ".join(text.split())
    return flat.replace("<", "‹").replace(">", "›").replace("%", "%\u200b").lstrip(";#")
