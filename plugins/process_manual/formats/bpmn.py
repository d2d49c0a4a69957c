"""One process as a BPMN 2.0 file, with its diagram (BPMN DI), for modelers and auditors' tools.

The mapping (README.md and docs/process-owners.md say the same for users):

- the process is a pool (a collaboration with one participant) with one lane per responsible role;
- a task step is a user task performed by its role(s): the lane is its first responsible role, and
  every responsible role is a `humanPerformer` of a `resource` named after the role;
- a decision is an exclusive gateway; its branches are the outgoing flows, named by `when`;
- a sub-process step is a call activity whose `calledElement` is the other process's id;
- an archive step is a user task that writes to a data store reference (the archive);
- an end step is an end event; a start event leads to the first step;
- step details become `documentation`, forms become data object references the step writes to;
- what BPMN has no word for (accountable, consulted, informed, the time limit, the roles of a
  decision taken by several) is kept in an extension element `pm:step` that other tools keep and
  ignore.

Element ids come from the process and step ids (`ADM-004.step.submit`), so they stay the same from
one export to the next. Author text only ever becomes XML text or attribute values, escaped by the
serializer, with the characters XML 1.0 cannot carry removed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

from process_manual import __version__
from process_manual.core.model import Process, Step
from process_manual.formats.bpmn_layout import Box, Edge, Layout, Node, layout
from process_manual.formats.xmlwrite import Element, document
from process_manual.load.handbook import Handbook, ProcessSource

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
PM = "urn:process-manual:bpmn:1"
"""Our extension namespace (a URN: it names no host)."""
EXPORTER = "process-manual"

_PREFIXES = {BPMN: "bpmn", BPMNDI: "bpmndi", DC: "dc", DI: "di", PM: "pm"}

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: object) -> str:
    """Author text as XML 1.0 can carry it (control characters other than tab and newline dropped)."""
    return _NOT_XML.sub("", str(text))


def _id_part(text: str) -> str:
    """A role id as part of an element id. Valid roles are slugs already; what an unfinished file
    names (shown while previewing) must not break the file."""
    return text if _SLUG.fullmatch(text) else _UNSAFE_ID.sub("_", text)


class Ids:
    """The element ids of one process. Step ids never contain '.', so the parts cannot run together."""

    def __init__(self, process_id: str):
        self.process = process_id
        self.collaboration = f"{process_id}.collaboration"
        self.participant = f"{process_id}.participant"
        self.lanes = f"{process_id}.lanes"
        self.start = f"{process_id}.start"
        self.diagram = f"{process_id}.diagram"
        self.plane = f"{process_id}.plane"

    def lane(self, role: str) -> str:
        return f"{self.process}.lane.{_id_part(role)}"

    def step(self, step_id: str) -> str:
        return f"{self.process}.step.{step_id}"

    def form_object(self, form: str) -> str:
        return f"{self.process}.form.{form}"

    def form_reference(self, step_id: str, form: str) -> str:
        return f"{self.process}.form.{form}.{step_id}"

    def archive(self, step_id: str) -> str:
        return f"{self.process}.archive.{step_id}"

    def store(self, step_id: str) -> str:
        return f"{self.process}.store.{step_id}"

    @staticmethod
    def resource(role: str) -> str:
        return f"resource.{_id_part(role)}"


def _sub(parent: Element, tag: str, text: str | None = None, namespace: str = BPMN, **attributes: str) -> Element:
    """A child element. Attribute values and text are escaped by the writer; author text must have
    passed through :func:`xml_text` (ids and numbers are ours and need not)."""
    return parent.add(f"{_PREFIXES[namespace]}:{tag}", text, **attributes)


def _lane_of(step: Step) -> str | None:
    return step.responsible[0] if step.kind != "end" and step.responsible else None


def _flows(process: Process, ids: Ids) -> list[Edge]:
    """Every sequence flow: from the start event, `next` and each branch, ids unique in the file."""
    known = {s.id for s in process.steps}
    edges = [Edge(f"{ids.process}.flow.start", ids.start, ids.step(process.steps[0].id))]
    taken = {edges[0].id}
    for step in process.steps:
        targets = [(b.next, b.when) for b in step.branches] + ([(step.next, None)] if step.next else [])
        for target, when in targets:
            if target not in known:
                continue  # an unknown step (already reported by the validator) has no shape to point to
            flow_id, n = f"{ids.process}.flow.{step.id}.{target}", 2
            while flow_id in taken:
                flow_id, n = f"{ids.process}.flow.{step.id}.{target}.{n}", n + 1
            taken.add(flow_id)
            edges.append(Edge(flow_id, ids.step(step.id), ids.step(target), when))
    return edges


def _nodes(process: Process, ids: Ids) -> list[Node]:
    first_lane = next((_lane_of(s) for s in process.steps if _lane_of(s)), None)
    nodes = [Node(ids.start, "event", _lane_of(process.steps[0]) or first_lane)]
    for step in process.steps:
        shape = {"decision": "gateway", "end": "event"}.get(step.kind, "task")
        artifacts = [(ids.form_reference(step.id, f), "data") for f in dict.fromkeys(step.forms)]
        if step.kind == "archive":
            artifacts.append((ids.archive(step.id), "store"))
        nodes.append(Node(ids.step(step.id), shape, _lane_of(step), artifacts))
    return nodes


def _roles_in_order(process: Process) -> list[str]:
    """The lanes: roles in the order they first act."""
    return list(dict.fromkeys(r for s in process.steps if (r := _lane_of(s))))


def _step_element(parent: Element, step: Step, ids: Ids, edges: list[Edge]) -> Element:
    tag = {"decision": "exclusiveGateway", "subprocess": "callActivity", "end": "endEvent"}.get(step.kind, "userTask")
    element = _sub(parent, tag, id=ids.step(step.id), name=xml_text(step.title))
    if step.kind == "subprocess" and step.process:
        element.attributes["calledElement"] = step.process
    if step.details:
        _sub(element, "documentation", xml_text(step.details), textFormat="text/markdown")
    # A gateway has no performers: a decision taken by several roles names them here.
    several = " ".join(step.responsible) if step.kind == "decision" and len(step.responsible) > 1 else ""
    extension = {
        k: v
        for k, v in (
            ("responsible", several),
            ("accountable", step.accountable or ""),
            ("consulted", " ".join(step.consulted)),
            ("informed", " ".join(step.informed)),
            ("within", step.within or ""),
        )
        if v
    }
    if extension:
        _sub(_sub(element, "extensionElements"), "step", namespace=PM, **{k: xml_text(v) for k, v in extension.items()})
    me = ids.step(step.id)
    for edge in edges:
        if edge.target == me:
            _sub(element, "incoming", edge.id)
    for edge in edges:
        if edge.source == me:
            _sub(element, "outgoing", edge.id)
    if tag in ("userTask", "callActivity"):
        for form in dict.fromkeys(step.forms):
            output = _sub(element, "dataOutputAssociation", id=f"{ids.form_reference(step.id, form)}.link")
            _sub(output, "targetRef", ids.form_reference(step.id, form))
        if step.kind == "archive":
            output = _sub(element, "dataOutputAssociation", id=f"{ids.archive(step.id)}.link")
            _sub(output, "targetRef", ids.archive(step.id))
        for role in step.responsible:
            _sub(_sub(element, "humanPerformer"), "resourceRef", Ids.resource(role))
    return element


def process_xml(
    process: Process, *, role_names: Mapping[str, str], form_names: Mapping[str, str], start_label: str
) -> str:
    """The BPMN 2.0 XML of one process (UTF-8 text with its XML declaration)."""
    ids = Ids(process.id)
    edges = _flows(process, ids)
    roles = _roles_in_order(process)
    placed = layout(_nodes(process, ids), edges, lane_order=roles)
    root = Element(
        "bpmn:definitions",
        {
            **{f"xmlns:{prefix}": uri for uri, prefix in _PREFIXES.items()},
            "id": f"{process.id}.definitions",
            "targetNamespace": f"urn:process-manual:process:{xml_text(process.id)}",
            "exporter": EXPORTER,
            "exporterVersion": __version__,
        },
    )
    for role in dict.fromkeys(r for s in process.steps for r in s.responsible):
        _sub(root, "resource", id=Ids.resource(role), name=xml_text(role_names.get(role, role)))
    for step in process.steps:
        if step.kind == "archive":
            _sub(root, "dataStore", id=ids.store(step.id), name=xml_text(step.title))
    collaboration = _sub(root, "collaboration", id=ids.collaboration)
    _sub(collaboration, "participant", id=ids.participant, name=xml_text(process.title), processRef=ids.process)
    element = _sub(root, "process", id=ids.process, name=xml_text(process.title), isExecutable="false")
    if process.purpose:
        _sub(element, "documentation", xml_text(process.purpose), textFormat="text/markdown")
    lane_set = _sub(element, "laneSet", id=ids.lanes)
    for role in placed.lane_order:
        lane = _sub(lane_set, "lane", id=ids.lane(role), name=xml_text(role_names.get(role, role)))
        for node_id, node_lane in placed.node_lane.items():
            if node_lane == role:
                _sub(lane, "flowNodeRef", node_id)
    start = _sub(element, "startEvent", id=ids.start, name=xml_text(start_label))
    if process.triggers:
        _sub(start, "documentation", xml_text("\n".join(process.triggers)))
    _sub(start, "outgoing", edges[0].id)
    for step in process.steps:
        _step_element(element, step, ids, edges)
    for edge in edges:
        attributes = {"id": edge.id, "sourceRef": edge.source, "targetRef": edge.target}
        if edge.label:
            attributes["name"] = xml_text(edge.label)
        flow = _sub(element, "sequenceFlow", **attributes)
        if edge.label:  # the outcome, as a natural-language condition (tExpression): tools that check
            _sub(flow, "conditionExpression", xml_text(edge.label))  # that every exclusive branch has one are satisfied
    for step in process.steps:
        for form in dict.fromkeys(step.forms):
            if step.kind in ("decision", "end"):
                continue  # a gateway or event writes nothing: its forms are linked by an association below
            _sub(
                element,
                "dataObjectReference",
                id=ids.form_reference(step.id, form),
                name=xml_text(form_names.get(form, form)),
                dataObjectRef=ids.form_object(form),
            )
        if step.kind == "archive":
            _sub(
                element,
                "dataStoreReference",
                id=ids.archive(step.id),
                name=xml_text(step.title),
                dataStoreRef=ids.store(step.id),
            )
    for form in dict.fromkeys(f for s in process.steps for f in s.forms):
        _sub(element, "dataObject", id=ids.form_object(form), name=xml_text(form_names.get(form, form)))
    for step in process.steps:
        if step.kind in ("decision", "end"):
            for form in dict.fromkeys(step.forms):
                _sub(
                    element,
                    "dataObjectReference",
                    id=ids.form_reference(step.id, form),
                    name=xml_text(form_names.get(form, form)),
                    dataObjectRef=ids.form_object(form),
                )
    for step in process.steps:  # artifacts come after every flow element (the schema's order)
        if step.kind in ("decision", "end"):
            for form in dict.fromkeys(step.forms):
                _sub(
                    element,
                    "association",
                    id=f"{ids.form_reference(step.id, form)}.link",
                    sourceRef=ids.step(step.id),
                    targetRef=ids.form_reference(step.id, form),
                )
    _diagram(root, ids, placed, edges)
    return document(root)


def _bounds(parent: Element, box: Box) -> None:
    _sub(parent, "Bounds", namespace=DC, x=_n(box.x), y=_n(box.y), width=_n(box.width), height=_n(box.height))


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _diagram(root: Element, ids: Ids, placed: Layout, edges: list[Edge]) -> None:
    diagram = _sub(root, "BPMNDiagram", namespace=BPMNDI, id=ids.diagram)
    plane = _sub(diagram, "BPMNPlane", namespace=BPMNDI, id=ids.plane, bpmnElement=ids.collaboration)
    pool = _sub(
        plane,
        "BPMNShape",
        namespace=BPMNDI,
        id=f"{ids.participant}.di",
        bpmnElement=ids.participant,
        isHorizontal="true",
    )
    _bounds(pool, placed.pool)
    for role, box in placed.lanes.items():
        lane = _sub(
            plane,
            "BPMNShape",
            namespace=BPMNDI,
            id=f"{ids.lane(role)}.di",
            bpmnElement=ids.lane(role),
            isHorizontal="true",
        )
        _bounds(lane, box)
    for element_id, box in placed.shapes.items():
        shape = _sub(plane, "BPMNShape", namespace=BPMNDI, id=f"{element_id}.di", bpmnElement=element_id)
        _bounds(shape, box)
        if element_id in placed.labels:
            _bounds(_sub(shape, "BPMNLabel", namespace=BPMNDI), placed.labels[element_id])
    for edge_id, points in placed.edges.items():
        edge = _sub(plane, "BPMNEdge", namespace=BPMNDI, id=f"{edge_id}.di", bpmnElement=edge_id)
        for x, y in points:
            _sub(edge, "waypoint", namespace=DI, x=_n(x), y=_n(y))
        if edge_id in placed.labels:
            _bounds(_sub(edge, "BPMNLabel", namespace=BPMNDI), placed.labels[edge_id])


class ExportCache:
    """Files exported before, by what they were made from: `mkdocs serve` re-exports only the
    processes that changed (a file takes a few milliseconds; a large handbook has a thousand)."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[tuple[str, int, str], str]] = {}
        self.exports = 0
        """How many files were made (not taken from the cache)."""

    def get(self, process: Process, names: int, start_label: str, make: Callable[[], str]) -> str:
        key = (process.model_dump_json(), names, start_label)
        made = self._made.get(process.id)
        if made is None or made[0] != key:
            made = (key, make())
            self.exports += 1
            self._made[process.id] = made
        return made[1]


def handbook_files(
    sources: list[ProcessSource], handbook: Handbook, *, start_label: str, cache: ExportCache | None = None
) -> dict[str, str]:
    """`<ID>.bpmn` -> its XML, for each process given (names from the handbook's catalogs)."""
    role_names = {r: role.name for r, role in handbook.roles.items()}
    form_names = {f: form.name for f, form in handbook.forms.items()}
    cache = cache or ExportCache()
    names = hash((tuple(role_names.items()), tuple(form_names.items())))
    files = {}
    for source in sources:
        process = source.process
        files[f"{process.id}.bpmn"] = cache.get(
            process,
            names,
            start_label,
            functools.partial(
                process_xml, process, role_names=role_names, form_names=form_names, start_label=start_label
            ),
        )
    return files
