"""A BPMN process as a handbook process: what maps, what is approximated (with the element id and
how), and what cannot be mapped at all.

The mapping (README.md and docs/process-owners.md say the same for users):

- lanes -> roles, matched by name (or id) to _roles.yml, or as mapped by the user; performers
  (humanPerformer, potentialOwner) name the responsible roles when a step has several;
- tasks of every type -> steps; embedded sub-processes -> one step (their inside is not imported);
- call activities -> sub-process steps when `calledElement` is a process of the handbook;
- exclusive gateways with several outgoing flows -> decisions, branches named by the flow's name,
  else its condition, else "otherwise" for the default flow, else the target's name; gateways with
  one outgoing flow (merges) are passed through;
- end events -> end steps; a task with no outgoing flow leads to an added end step;
- data object references a task reads or writes -> its forms (matched by name to _forms.yml);
  a task that writes to a data store reference -> an archive step.

Approximations, each reported as a warning: a parallel split runs its branches one after another
(in the order of the file) up to the join; inclusive and event-based gateways become decisions;
intermediate events are passed through; a timer or message start event becomes a trigger; a
boundary event adds a decision after its task ("completed" or the event), and a timer's duration
becomes the task's time limit; other participants' pools and message flows are left out.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from process_manual.core.catalog import Catalog, catalog
from process_manual.core.cjk import has_cjk
from process_manual.core.language_guess import guess_language
from process_manual.core.vocabulary import vocabulary
from process_manual.formats.bpmn_flow import FlowGraph, Note, describe, event_kind, named
from process_manual.formats.bpmn_read import GATEWAYS, BpmnProcess, Definitions, Flow, FlowNode
from process_manual.load.handbook import Handbook


class ImportRefused(Exception):
    """Nothing can be imported; the message says why (one line)."""


@dataclass
class Imported:
    process: dict
    """The process file's content, keys in the contract's order."""
    new_roles: dict[str, str] = field(default_factory=dict)
    """Role id -> name, for lanes that match no role of _roles.yml."""
    warnings: list[Note] = field(default_factory=list)
    errors: list[Note] = field(default_factory=list)
    """What could not be mapped: with any of these, nothing is written."""
    language: Catalog | None = None
    """The catalog whose words the process got (`ImportOptions.language`, or guessed)."""


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def slug(text: str, fallback: str) -> str:
    """An id from a name: ASCII words joined by '-'; `fallback` (made id-safe) when there are none."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].rstrip("-")
    if len(words) >= 2 and not has_cjk(text):
        return words
    return re.sub(r"[^a-z0-9]+", "-", fallback.lower()).strip("-")[:40].rstrip("-") or "step"


def duration_text(iso: str | None, language: Catalog) -> str | None:
    """An ISO 8601 duration (PT24H, P2D, P1W) as the handbook writes a time limit ("1 week 2 days",
    "1周2天"), or None."""
    match = re.fullmatch(r"P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?", (iso or "").strip())
    if not match or not any(match.groups()):
        return None
    units = ("week", "day", "hour", "minute")
    parts = [
        language.durations.count(unit, int(value)) for value, unit in zip(match.groups(), units, strict=True) if value
    ]
    return language.typography.word_space.join(parts)


class _Mapper(FlowGraph):
    """One BPMN process mapped onto the handbook's contract."""

    def __init__(
        self,
        definitions: Definitions,
        process: BpmnProcess,
        handbook: Handbook,
        *,
        owner: str,
        role_map: dict[str, str],
        language: Catalog,
        own_export: bool,
    ):
        super().__init__(process)
        self.defs, self.handbook = definitions, handbook
        self.owner, self.role_map, self.own_export = owner, role_map, own_export
        self.words = language.bpmn_import
        self.language = language
        self.new_roles: dict[str, str] = {}
        self.step_ids: dict[str, str] = {}
        self.extra: list[dict] = []
        """Steps that BPMN had no element for (an added end)."""
        self.start_event: FlowNode | None = None

    # ---------------------------------------------------------------- roles and forms

    def role_for_name(self, name: str | None, element: str) -> str:
        """The role id of a lane or resource name: mapped, matched in _roles.yml, or a new role."""
        if name is None:
            return self.owner
        if name in self.role_map:
            return self.role_map[name]
        if name in self.handbook.roles:
            return name
        wanted = _norm(name)
        for role in self.handbook.roles.values():
            if _norm(role.name) == wanted or _norm(role.id) == wanted:
                return role.id
        for role_id, role_name in self.new_roles.items():
            if role_name == name:
                return role_id
        role_id = slug(name, f"role-{element}")
        while role_id in self.handbook.roles or role_id in self.new_roles:
            role_id += "-2"
        self.new_roles[role_id] = name
        return role_id

    def lane_role(self, node_id: str) -> str:
        if node_id in self.bpmn.lanes:
            return self.role_for_name(self.bpmn.lanes[node_id], self.bpmn.lane_ids.get(node_id, node_id))
        return self.owner

    def responsible(self, node: FlowNode) -> list[str]:
        roles = []
        for resource in node.performers:
            own = resource.removeprefix("resource.")
            if self.own_export and own in self.handbook.roles:
                roles.append(own)
            else:
                roles.append(self.role_for_name(self.defs.resources.get(resource) or resource, resource))
        return list(dict.fromkeys(roles)) or [self.lane_role(node.id)]

    def forms_of(self, node: FlowNode) -> tuple[list[str], bool, list[str]]:
        """Form ids, whether it writes to an archive, and the names of data objects that are no form."""
        refs = list(node.writes) + [b for a, b in self.bpmn.associations if a == node.id]
        refs += [a for a, b in self.bpmn.associations if b == node.id]
        forms, unknown, archive = [], [], False
        by_name = {_norm(f.name): f.id for f in self.handbook.forms.values()}
        for ref in refs:
            tag, name = self.bpmn.data.get(ref, ("", None))
            if tag == "dataStoreReference":
                archive = True
            elif tag == "dataObjectReference":
                own = ref.split(".form.", 1)[1].rsplit(".", 1)[0] if self.own_export and ".form." in ref else None
                form = (
                    own
                    if own in self.handbook.forms
                    else by_name.get(_norm(name)) or (_norm(name) if _norm(name) in self.handbook.forms else None)
                )
                if form:
                    forms.append(form)
                elif name:
                    unknown.append(name)
                    self.warn(
                        ref,
                        f"data object '{name}' is not a form of _forms.yml: named in the details of "
                        f"step '{self.step_ids.get(node.id, node.id)}' instead (add the form to _forms.yml "
                        "and to the step's `forms` to link it)",
                    )
        return list(dict.fromkeys(forms)), archive, unknown

    # ---------------------------------------------------------------- steps

    def assign_ids(self) -> None:
        taken: set[str] = set()
        for node in self.bpmn.nodes.values():
            if node.id in self.passed or node.tag in ("startEvent", "boundaryEvent"):
                continue
            own = node.id.split(".step.", 1)[1] if self.own_export and ".step." in node.id else None
            step_id = own or slug(node.name or "", node.id)
            base, n = step_id, 2
            while step_id in taken:
                step_id, n = f"{base}-{n}", n + 1
            taken.add(step_id)
            self.step_ids[node.id] = step_id

    def end_step(self) -> str:
        """The id of the end step added for flows that lead nowhere (made once)."""
        if not self.extra:
            end_id, taken = "end", set(self.step_ids.values())
            while end_id in taken:
                end_id += "-2"
            self.extra.append({"id": end_id, "name": self.words.end, "kind": "end"})
        return str(self.extra[0]["id"])

    def successor(self, flow: Flow) -> str:
        node = self.resolve(self.target(flow))
        if node is None or node not in self.step_ids:
            self.warn(
                flow.id,
                "this flow leads nowhere (or only into a loop of gateways or events): it now leads "
                "to an added end step",
            )
            return self.end_step()
        return self.step_ids[node]

    def branch_label(self, flow: Flow, node: FlowNode) -> str:
        if flow.name:
            return flow.name
        if flow.condition:
            return flow.condition
        if node.default_flow == flow.id:
            return self.words.otherwise
        target = self.bpmn.nodes[flow.target]
        return target.name or self.words.text("to", name=self.successor(flow))

    def branches(self, labelled: list[tuple[str, str]]) -> list[dict]:
        """Branches with labels made unique (the validator wants each outcome named once)."""
        out: list[dict] = []
        used: dict[str, int] = {}
        for label, target in labelled:
            used[label] = used.get(label, 0) + 1
            out.append({"when": label if used[label] == 1 else f"{label} ({used[label]})", "next": target})
        return out

    def describe_step(self, step: dict, node: FlowNode, responsible: list[str], boundaries: list[FlowNode]) -> None:
        """Roles, kind, time limit, forms and details of a task or decision step."""
        step["responsible"] = responsible
        extension = node.extension if self.own_export else {}
        if extension.get("accountable") or len(responsible) > 1:
            lane = self.lane_role(node.id)
            step["accountable"] = extension.get("accountable") or (lane if lane in responsible else responsible[0])
        for key in ("consulted", "informed"):
            if extension.get(key):
                step[key] = extension[key].split()
        forms, archive, unknown = self.forms_of(node)
        if node.tag == "callActivity":
            process_ids = {s.process.id for s in self.handbook.processes}
            if node.called_element in process_ids:
                step["kind"], step["process"] = "subprocess", node.called_element
            else:
                self.warn(
                    node.id,
                    f"call activity '{node.name or node.id}' calls '{node.called_element or ''}', "
                    "which is no process of this handbook: imported as a task (to link it, set "
                    "`kind: subprocess` and `process: <process id>`)",
                )
        elif archive and step["kind"] == "task":
            step["kind"] = "archive"
        within = extension.get("within")
        for boundary in boundaries:
            if "timerEventDefinition" in boundary.events and not within:
                within = duration_text(boundary.timer, self.language)
        if within:
            step["within"] = within
        if forms:
            step["forms"] = forms
        details = [node.documentation] if node.documentation else []
        if unknown:
            details.append(self.words.text("uses", names=self.language.typography.enumerate(unknown)))
        if details:
            step["details"] = "\n\n".join(details)

    def step(self, node: FlowNode) -> list[dict]:
        """The step(s) of one BPMN node: a task followed by a decision when it has several ways on."""
        step_id = self.step_ids[node.id]
        if node.tag == "endEvent":
            if node.events:
                self.warn(node.id, f"{event_kind(node)} end event: an end step")
            return [{"id": step_id, "name": node.name, "kind": "end"}]
        if node.tag in GATEWAYS:
            labelled = [(self.branch_label(f, node), self.successor(f)) for f in self.out[node.id]]
            step: dict[str, Any] = {"id": step_id, "name": node.name, "kind": "decision"}
            several = node.extension.get("responsible", "").split() if self.own_export else []
            self.describe_step(step, node, several or [self.lane_role(node.id)], [])
            step["branches"] = self.branches(labelled)
            return [step]
        step = {"id": step_id, "name": node.name, "kind": "task"}
        boundaries = [b for b in self.bpmn.nodes.values() if b.tag == "boundaryEvent" and b.attached_to == node.id]
        self.describe_step(step, node, self.responsible(node), boundaries)
        ways: list[tuple[Flow, FlowNode | None]] = [(f, None) for f in self.out[node.id]]
        ways += [(f, b) for b in boundaries for f in self.out[b.id]]
        for boundary in boundaries:
            if not self.out[boundary.id]:
                self.warn(
                    boundary.id,
                    f"boundary {event_kind(boundary)} event{named(boundary)} leads nowhere: "
                    "left out" + (" (its duration is the step's time limit)" if step.get("within") else ""),
                )
        if len(ways) == 1 and ways[0][1] is None:
            step["next"] = self.successor(ways[0][0])
            return [step]
        if not ways:
            self.warn(node.id, f"{describe(node)} has no outgoing flow: it now leads to an added end step")
            step["next"] = self.end_step()
            return [step]
        decision_id, taken = f"{step_id}-outcome", set(self.step_ids.values())
        while decision_id in taken:
            decision_id += "-2"
        labelled = []
        for flow, via in ways:
            if via is None:
                label = (
                    flow.name
                    or flow.condition
                    or (self.words.completed if len(self.out[node.id]) == 1 else self.branch_label(flow, node))
                )
            else:
                label = via.name or event_kind(via, self.language)
                self.warn(
                    via.id,
                    f"boundary {event_kind(via)} event{named(via)} on "
                    f"'{node.name or node.id}': the decision '{decision_id}' after the step takes the "
                    f"branch '{label}' when it happens",
                )
            labelled.append((label, self.successor(flow)))
        if not boundaries:
            self.warn(
                node.id,
                f"{describe(node)} has {len(ways)} outgoing flows: the decision '{decision_id}' "
                "after it chooses one (by the flows' names or conditions)",
            )
        step["next"] = decision_id
        template = self.words.outcome if boundaries else self.words.choice
        decision = {
            "id": decision_id,
            "name": template.format(name=node.name or step_id),
            "kind": "decision",
            "responsible": [self.lane_role(node.id)],
            "branches": self.branches(labelled),
        }
        return [step, decision]

    def steps(self) -> list[dict]:
        """Every step reachable from the first, in reading order; the others are reported."""
        start, first = self.first_step()
        self.start_event = start
        self.assign_ids()
        if first is None or first not in self.step_ids:
            self.error(start.id if start else "", "no step follows the start: there is nothing to import")
            return []
        made: dict[str, list[dict]] = {}
        for node in self.bpmn.nodes.values():
            if node.id in self.step_ids:
                made[node.id] = self.step(node)
        by_id = {s["id"]: s for group in made.values() for s in group}
        by_id.update({s["id"]: s for s in self.extra})
        order: list[str] = []
        queue, seen = deque([self.step_ids[first]]), {self.step_ids[first]}
        while queue:  # breadth first: a foreign file's element order says nothing about the flow
            step_id = queue.popleft()
            order.append(step_id)
            step = by_id[step_id]
            for target in [b["next"] for b in step.get("branches", [])] + ([step["next"]] if step.get("next") else []):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        for node_id, group in made.items():
            if group[0]["id"] not in seen:
                self.warn(node_id, f"{describe(self.bpmn.nodes[node_id])} cannot be reached from the start: left out")
        if self.own_export:  # our own files list the steps in the handbook's order
            written = [s["id"] for group in made.values() for s in group] + [s["id"] for s in self.extra]
            first_id = self.step_ids[first]
            order = [first_id] + [s for s in written if s in seen and s != first_id]
        return [{k: v for k, v in by_id[s].items() if v not in (None, [], "")} for s in order]

    def triggers(self) -> list[str]:
        start = self.start_event
        if start is None:
            return []
        found = start.documentation.splitlines() if self.own_export and start.documentation else []
        if start.name and _norm(start.name) not in vocabulary().start_event_names and not self.own_export:
            found.append(start.name)
        if start.timer:
            found.append(f"{event_kind(start, self.language)}{self.language.typography.colon}{start.timer}")
        return [t for t in (" ".join(line.split()) for line in found) if t]


def choose_process(definitions: Definitions, wanted: str | None) -> tuple[BpmnProcess, list[Note]]:
    """The process to import: the one asked for (by id or pool name), else the one with most steps;
    the pools of other participants and the message flows are reported."""
    notes: list[Note] = []
    pools = {p.process: p for p in definitions.participants if p.process}
    candidates = [p for p in definitions.processes if p.nodes]
    if wanted:
        chosen = [
            p
            for p in definitions.processes
            if wanted in (p.id, p.name) or (p.id in pools and pools[p.id].name == wanted)
        ]
        if not chosen:
            names = ", ".join(f"{p.id} ({pools[p.id].name if p.id in pools else p.name})" for p in candidates)
            raise ImportRefused(f"no process '{wanted}' in the file — it has: {names or 'none'}")
        process = chosen[0]
    elif candidates:
        process = max(candidates, key=lambda p: len(p.nodes))
    else:
        raise ImportRefused(
            "the file has no process with tasks or events (only pools without content?) — nothing to import"
        )
    for other in definitions.participants:
        if other.process != process.id:
            notes.append(
                Note(
                    other.id,
                    f"the pool of another participant ('{other.name or other.id}') is left out"
                    + (" (import it with --process)" if other.process in {p.id for p in candidates} else ""),
                )
            )
    for unused in definitions.processes:
        if unused is not process and unused.id not in pools and unused.nodes:
            notes.append(
                Note(unused.id, f"process '{unused.name or unused.id}' is left out (import it with --process)")
            )
    if definitions.message_flows:
        notes.append(
            Note(
                definitions.message_flows[0],
                f"{len(definitions.message_flows)} message flow(s) between "
                "pools are left out (the handbook describes one process)",
            )
        )
    return process, notes


@dataclass
class ImportOptions:
    process_id: str
    title: str | None
    area: str
    owner: str
    author: str
    today: dt.date
    """The date of the change-log entry and the review."""
    language: Catalog | None = None
    """The catalog whose words the new file gets (None: guessed from the names)."""
    role_map: dict[str, str] = field(default_factory=dict)
    process: str | None = None
    source_name: str = ""


def _our_ids(process: BpmnProcess) -> bool:
    """Whether the process has our element ids (`ADM-004.step.submit`): exported by us, perhaps edited and
    saved again by a modeler since (which keeps ids and extensions but writes its own `exporter`)."""
    return any(node_id.startswith(f"{process.id}.step.") for node_id in process.nodes)


def import_process(definitions: Definitions, handbook: Handbook, options: ImportOptions) -> Imported:
    """The process file's content for a BPMN file, with the new roles, warnings and errors."""
    process, notes = choose_process(definitions, options.process)
    pool = next((p for p in definitions.participants if p.process == process.id), None)
    title = options.title or (pool.name if pool and pool.name else None) or process.name or options.process_id
    names = title + "".join(n.name or "" for n in process.nodes.values())
    language = options.language or catalog(guess_language(names))
    mapper = _Mapper(
        definitions,
        process,
        handbook,
        owner=options.owner,
        role_map=options.role_map,
        language=language,
        own_export=_our_ids(process),
    )
    mapper.warnings += notes
    if not process.lanes:
        mapper.warn(
            process.id,
            f"the process has no lanes: every step is done by the owner '{options.owner}' — "
            "change `responsible` where another role does the step",
        )
    mapper.classify()
    steps = mapper.steps()
    content: dict = {
        "id": options.process_id,
        "title": " ".join(title.split()),
        "area": options.area,
        "version": "0.1",
        "status": "draft",
        "owner": options.owner,
        "review": {"every": language.durations.count("month", 12), "last": options.today},
        "purpose": process.documentation,
        "triggers": mapper.triggers(),
        "steps": steps,
        "changelog": [
            {
                "version": "0.1",
                "date": options.today,
                "author": options.author,
                "change": language.bpmn_import.text(
                    "imported", name=options.source_name or language.bpmn_import.a_bpmn_file
                ),
            }
        ],
    }
    return Imported(
        {k: v for k, v in content.items() if v not in (None, [], "")},
        mapper.new_roles,
        mapper.warnings,
        mapper.errors,
        language,
    )
