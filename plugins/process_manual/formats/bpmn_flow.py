"""The flow of a BPMN process as the handbook can tell it: which nodes become steps, which are
passed through, and how parallel branches are put one after another - each approximation noted
with the BPMN element's id. The mapping onto steps is :mod:`.bpmn_import`."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from process_manual.core.catalog import REFERENCE, Catalog, catalog
from process_manual.formats.bpmn_read import GATEWAYS, SUBPROCESSES, TASKS, BpmnProcess, Flow, FlowNode

# An event definition's key in the catalogs' `bpmn_import.events` (the English word, by no coincidence).
_EVENT_KEYS = {
    "timerEventDefinition": "timer",
    "messageEventDefinition": "message",
    "signalEventDefinition": "signal",
    "errorEventDefinition": "error",
    "escalationEventDefinition": "escalation",
    "conditionalEventDefinition": "condition",
    "compensateEventDefinition": "compensation",
    "cancelEventDefinition": "cancel",
    "terminateEventDefinition": "terminate",
    "linkEventDefinition": "link",
}


@dataclass
class Note:
    """A warning or error about one BPMN element (its id; empty for the file as a whole)."""

    element: str
    text: str

    def line(self, kind: str) -> str:
        return f"{kind}: {self.element}: {self.text}" if self.element else f"{kind}: {self.text}"


def event_kind(node: FlowNode, language: Catalog | None = None) -> str:
    """What kind of event `node` is ("timer"), in `language` (default English, as messages are written)."""
    words = language or catalog(REFERENCE)

    def word(definition: str) -> str:
        key = _EVENT_KEYS.get(definition)
        return words.bpmn_import.text(f"events.{key}") if key else definition.removesuffix("EventDefinition")

    kinds = [word(definition) for definition in node.events]
    return words.typography.enumerate(kinds) if kinds else words.bpmn_import.text("events.none")


def describe(node: FlowNode) -> str:
    return f"{node.tag} '{node.name}'" if node.name else node.tag


def named(node: FlowNode) -> str:
    return f" '{node.name}'" if node.name else ""


class FlowGraph:
    """The process's flow nodes and sequence flows, with what is passed through or redirected."""

    def __init__(self, process: BpmnProcess):
        self.bpmn = process
        self.warnings: list[Note] = []
        self.errors: list[Note] = []
        """What could not be mapped: with any of these, nothing is written."""
        self.out: dict[str, list[Flow]] = {nid: [] for nid in process.nodes}
        self.into: dict[str, list[Flow]] = {nid: [] for nid in process.nodes}
        for flow in process.flows:
            if flow.source in self.out and flow.target in self.out:
                self.out[flow.source].append(flow)
                self.into[flow.target].append(flow)
            else:
                self.warn(flow.id, "this sequence flow joins elements outside the process: left out")
        self.redirect: dict[str, str] = {}
        """Flow id -> the node it leads to instead (parallel branches run one after another)."""
        self.passed: set[str] = set()
        """Nodes that are not steps: their incoming flows lead on to their one successor."""

    def warn(self, element: str, text: str) -> None:
        self.warnings.append(Note(element, text))

    def error(self, element: str, text: str) -> None:
        self.errors.append(Note(element, text))

    def target(self, flow: Flow) -> str:
        return self.redirect.get(flow.id, flow.target)

    def resolve(self, node_id: str) -> str | None:
        """The step a flow into `node_id` really reaches (passing merges and intermediate events)."""
        seen = set()
        while node_id in self.passed:
            if node_id in seen:
                return None
            seen.add(node_id)
            outgoing = self.out[node_id]
            if not outgoing:
                return None
            node_id = self.target(outgoing[0])
        return node_id

    def reach(self, start: str, stop: str) -> list[str]:
        order, seen, queue = [], {start}, deque([start])
        while queue:
            node = queue.popleft()
            order.append(node)
            if node == stop:
                continue
            for flow in self.out[node]:
                if flow.target not in seen:
                    seen.add(flow.target)
                    queue.append(flow.target)
        return order

    def sequence_parallel(self, split: FlowNode) -> None:
        """Run a parallel split's branches one after another up to the gateway where they join."""
        targets = [flow.target for flow in self.out[split.id]]
        reaches = [self.reach(t, "") for t in targets]
        common = [
            n for n in reaches[0] if all(n in r for r in reaches[1:]) and self.bpmn.nodes[n].tag == "parallelGateway"
        ]
        if not common:
            self.warn(
                split.id,
                f"{describe(split)} has no joining parallel gateway: its branches are shown as "
                "the outcomes of a decision (in the model they all run)",
            )
            self.passed.discard(split.id)
            return
        join = common[0]
        branches = [t for t in targets if t != join]
        for i, start in enumerate(branches[:-1]):
            inside = set(self.reach(start, join)) - {join}
            for flow in self.into[join]:
                if flow.source in inside:
                    self.redirect[flow.id] = branches[i + 1]
        if branches and branches[0] != targets[0]:
            self.redirect[self.out[split.id][0].id] = branches[0]
        names = ", ".join(self.bpmn.nodes[b].name or b for b in branches)
        self.warn(
            split.id,
            f"parallel gateway: its {len(branches)} branches ({names}) run one after another in "
            f"the handbook, in the order of the file, up to the join {join} (the contract has no parallel steps)",
        )

    # ---------------------------------------------------------------- classification

    def classify(self) -> None:
        """Decide which nodes are steps and which are passed through (warning for each approximation)."""
        for node in self.bpmn.nodes.values():
            outgoing = self.out[node.id]
            if node.tag in GATEWAYS:
                if len(outgoing) <= 1:
                    self.passed.add(node.id)  # a merge (or a join): no step of its own
                    if node.tag != "exclusiveGateway" and len(self.into[node.id]) <= 1 and not outgoing:
                        self.warn(node.id, f"{describe(node)} leads nowhere: left out")
                elif node.tag == "parallelGateway":
                    self.passed.add(node.id)
                elif node.tag != "exclusiveGateway":
                    self.warn(
                        node.id,
                        f"{describe(node)}: a decision in the handbook, one branch taken "
                        "(in the model "
                        + (
                            "several branches may run)"
                            if node.tag != "eventBasedGateway"
                            else "the first event to happen decides)"
                        ),
                    )
            elif node.tag in ("intermediateCatchEvent", "intermediateThrowEvent"):
                self.passed.add(node.id)
                wait = f" (wait {node.timer})" if node.timer else ""
                self.warn(
                    node.id,
                    f"intermediate {event_kind(node)} event{named(node)}{wait}: left out, "
                    "the flow goes straight on to the next step",
                )
            elif node.tag in SUBPROCESSES:
                self.warn(
                    node.id,
                    f"{describe(node)} is imported as one step; the {node.children} element(s) "
                    "inside it are not (describe them in the step's details, or make it a process of its own)",
                )
            elif node.tag in TASKS and node.tag not in ("task", "userTask", "manualTask"):
                self.warn(node.id, f"{node.tag} '{node.name or node.id}': a step done by its lane's role")
        for node in self.bpmn.nodes.values():  # after every merge is known: splits look past them
            if node.tag == "parallelGateway" and len(self.out[node.id]) > 1:
                self.sequence_parallel(node)

    def first_step(self) -> tuple[FlowNode | None, str | None]:
        """The start event (if any) and the node of the first step."""
        starts = [n for n in self.bpmn.nodes.values() if n.tag == "startEvent"]
        if not starts:
            roots = [n for n in self.bpmn.nodes.values() if not self.into[n.id] and n.tag != "boundaryEvent"]
            if roots:
                self.warn(roots[0].id, f"the process has no start event: it starts at {describe(roots[0])}")
                return None, self.resolve(roots[0].id)
            return None, None
        for other in starts[1:]:
            self.warn(
                other.id, f"another start event ({event_kind(other)}): the handbook starts at {starts[0].id} only"
            )
        if starts[0].events:
            self.warn(starts[0].id, f"{event_kind(starts[0])} start event: kept as the process's trigger")
        outgoing = self.out[starts[0].id]
        if len(outgoing) > 1:
            self.warn(starts[0].id, "the start event has several outgoing flows: the handbook starts with the first")
        return starts[0], self.resolve(self.target(outgoing[0])) if outgoing else None
