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
from collections.abc import Callable, Mapping

from ..model import Process, Step

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "#": "&num;", "*": "&ast;", "_": "&lowbar;",
             "`": "&grave;", "[": "&lsqb;", "]": "&rsqb;", "~": "&tilde;", "\\": "&bsol;", "|": "&vert;",
             "%": "&percnt;", "{": "&lcub;", "}": "&rcub;", "=": "&equals;", "'": "&apos;", "!": "&excl;",
             "$": "&dollar;", "^": "&Hat;", "+": "&plus;"}

# Standard flowchart symbols (DESIGN.md): decision = diamond, activity = box, sub-process = box with
# side bars, storage/archive = cylinder, start/end = rounded (stadium).
_SHAPES = {
    "task": ('["', '"]'),
    "decision": ('{"', '"}'),
    "subprocess": ('[["', '"]]'),
    "archive": ('[("', '")]'),
    "end": ('(["', '"])'),
}


def fence(definition: str, *, escape_html: bool) -> list[str]:
    """The Markdown lines of a ```mermaid block.

    mermaid2's fence formatter puts the block's text into the page's HTML without escaping it, and
    the browser hands Mermaid the element's text: with `escape_html`, `<br>` and `&lt;` survive that
    round trip as written instead of becoming live elements or decoded characters.
    """
    body = html.escape(definition, quote=False) if escape_html else definition
    return ["```mermaid", body, "```", ""]


def label(text: object) -> str:
    """Author text for inside a quoted Mermaid label."""
    flat = " ".join(str(text).split())
    return "".join(_ENTITIES.get(c, c) for c in flat)


def _node_text(step: Step, form_names: Mapping[str, str]) -> str:
    lines = [label(step.title)]
    extras = [label(form_names.get(f, f)) for f in step.forms]
    if step.within:
        extras.append(label(step.within))
    if extras:
        lines.append("<small>" + " · ".join(extras) + "</small>")
    return "<br>".join(lines)


def flowchart(process: Process, *, role_names: Mapping[str, str], form_names: Mapping[str, str],
              start_label: str, process_url: Callable[[str], str | None]) -> str:
    """The process as a Mermaid flowchart definition (without the code fence)."""
    node_id = {step.id: f"n{i}" for i, step in enumerate(process.steps)}
    lanes: dict[str, list[Step]] = {}
    loose: list[Step] = []
    for step in process.steps:
        if step.kind == "end" or not step.responsible:
            loose.append(step)
        else:
            lanes.setdefault(step.responsible[0], []).append(step)

    lines = ["flowchart TB", f'  start(["{label(start_label)}"])']
    for lane_index, (role_id, steps) in enumerate(lanes.items()):
        lines.append(f'  subgraph lane{lane_index}["{label(role_names.get(role_id, role_id))}"]')
        lines.append("    direction TB")
        for step in steps:
            opening, closing = _SHAPES[step.kind]
            lines.append(f"    {node_id[step.id]}{opening}{_node_text(step, form_names)}{closing}")
        lines.append("  end")
    for step in loose:
        opening, closing = _SHAPES[step.kind]
        lines.append(f"  {node_id[step.id]}{opening}{_node_text(step, form_names)}{closing}")

    lines.append(f"  start --> {node_id[process.steps[0].id]}")
    for step in process.steps:
        for branch in step.branches:
            if branch.next in node_id:
                lines.append(f'  {node_id[step.id]} -->|"{label(branch.when)}"| {node_id[branch.next]}')
        if step.next in node_id:
            lines.append(f"  {node_id[step.id]} --> {node_id[step.next]}")

    for step in process.steps:
        target = process_url(step.process) if step.kind == "subprocess" and step.process else None
        lines.append(f'  click {node_id[step.id]} href "{target or "#step-" + step.id}"')
    lines.append("  classDef endEvent stroke-width:3px")
    ends = [node_id[s.id] for s in process.steps if s.kind == "end"]
    lines.append(f"  class start,{','.join(ends)} endEvent" if ends else "  class start endEvent")
    return "\n".join(lines)


def landscape_map(areas: list[tuple[str, list[tuple[str, list[tuple[str, str, str]]]]]]) -> str:
    """The process architecture as nested boxes: [(L1 name, [(L2 name, [(process id, title, url)])])]."""
    lines = ["flowchart LR"]
    counter = 0
    # Without edges, dagre stacks the domains bottom-up: reverse them so the map reads in catalog order.
    for top_index, (top_name, groups) in reversed(list(enumerate(areas))):
        lines.append(f'  subgraph d{top_index}["{label(top_name)}"]')
        lines.append("    direction TB")
        for group_index, (group_name, processes) in enumerate(groups):
            lines.append(f'    subgraph g{top_index}_{group_index}["{label(group_name)}"]')
            lines.append("      direction TB")
            if not processes:
                lines.append(f'      p{counter}["–"]')
                counter += 1
            for process_id, title, url in processes:
                lines.append(f'      p{counter}["{label(process_id)}<br>{label(title)}"]')
                lines.append(f'      click p{counter} href "{url}"')
                counter += 1
            lines.append("    end")
        lines.append("  end")
    return "\n".join(lines)
