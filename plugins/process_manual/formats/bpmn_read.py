"""Read a BPMN 2.0 file safely into plain data: the processes with their flow nodes, flows, lanes,
data references and pools. No mapping to the handbook here (that is :mod:`.bpmn_import`).

A BPMN file comes from elsewhere and is not trusted: it is refused before parsing when larger than
:data:`MAX_BYTES`, and parsed with defusedxml with DTDs forbidden, so no entity is ever expanded
(billion laughs), no external entity or DTD is fetched (XXE, network) - real BPMN files never
carry a DTD. Every refusal is a :class:`BpmnReadError` with a one-line message.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from process_manual.formats.bpmn import BPMN, PM

MAX_BYTES = 10 * 1024 * 1024
"""The largest file read (10 MiB): models with hundreds of elements and their diagrams are far smaller."""

TASKS = frozenset(
    {"task", "userTask", "manualTask", "serviceTask", "scriptTask", "sendTask", "receiveTask", "businessRuleTask"}
)
SUBPROCESSES = frozenset({"subProcess", "transaction", "adHocSubProcess"})
GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway"})
EVENTS = frozenset({"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"})
FLOW_NODES = TASKS | SUBPROCESSES | GATEWAYS | EVENTS | {"callActivity"}
_PERFORMERS = ("performer", "humanPerformer", "potentialOwner")


class BpmnReadError(Exception):
    """The file cannot be read as BPMN; the message is one line that says why."""


@dataclass
class FlowNode:
    id: str
    tag: str
    """The element's local name: userTask, exclusiveGateway, boundaryEvent, ..."""
    name: str | None
    documentation: str | None = None
    events: list[str] = field(default_factory=list)
    """Local names of event definitions (timerEventDefinition, messageEventDefinition, ...)."""
    timer: str | None = None
    """A timer's timeDuration, timeDate or timeCycle text."""
    called_element: str | None = None
    attached_to: str | None = None
    default_flow: str | None = None
    writes: list[str] = field(default_factory=list)
    """Ids of the data references it writes to or reads from (data associations)."""
    performers: list[str] = field(default_factory=list)
    """Resource ids of its performers (humanPerformer, potentialOwner, performer)."""
    extension: dict[str, str] = field(default_factory=dict)
    """The attributes of our own `pm:step` extension, when the file came from our export."""
    children: int = 0
    """Flow nodes inside an embedded sub-process (not imported)."""


@dataclass
class Flow:
    id: str
    source: str
    target: str
    name: str | None
    condition: str | None


@dataclass
class BpmnProcess:
    id: str
    name: str | None
    documentation: str | None
    nodes: dict[str, FlowNode]
    """In document order."""
    flows: list[Flow]
    data: dict[str, tuple[str, str | None]]
    """Data object and data store references: id -> (tag, name)."""
    associations: list[tuple[str, str]]
    lanes: dict[str, str | None]
    """Flow node id -> the name of the innermost lane holding it."""
    lane_ids: dict[str, str]
    """Flow node id -> the id of that lane (for messages)."""


@dataclass
class Participant:
    id: str
    name: str | None
    process: str | None


@dataclass
class Definitions:
    exporter: str | None
    processes: list[BpmnProcess]
    participants: list[Participant]
    message_flows: list[str]
    resources: dict[str, str | None]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split()) if element is not None else ""
    return text or None


def _name(element: ET.Element) -> str | None:
    return " ".join(element.get("name", "").split()) or None


def _bpmn(element: ET.Element, name: str) -> list[ET.Element]:
    return element.findall(f"{{{BPMN}}}{name}")


def _documentation(element: ET.Element) -> str | None:
    parts = [(d.text or "").strip() for d in _bpmn(element, "documentation")]
    return "\n\n".join(p for p in parts if p) or None


def parse_bytes(data: bytes, shown: str) -> ET.Element:
    """The root element of a BPMN file's bytes, parsed safely; BpmnReadError when it cannot be."""
    if len(data) > MAX_BYTES:
        raise BpmnReadError(
            f"{shown} is {len(data) / 1048576:.1f} MiB, more than the {MAX_BYTES // 1048576} MiB "
            "a BPMN model may have — export the process alone, without other diagrams"
        )
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise BpmnReadError(
            f"{shown} declares a DTD (<!DOCTYPE>), which BPMN files never need and which can "
            "expand entities or fetch files: refused — remove the DOCTYPE"
        ) from None
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden, defusedxml.NotSupportedError):
        raise BpmnReadError(f"{shown} uses XML entities or external references: refused — remove them") from None
    except ET.ParseError as error:
        line, column = error.position
        raise BpmnReadError(f"{shown}:{line}:{column + 1}: not well-formed XML — is it a BPMN 2.0 file?") from None
    if root.tag != f"{{{BPMN}}}definitions":
        found = _local(root.tag)
        namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else "no namespace"
        raise BpmnReadError(
            f"{shown} is not a BPMN 2.0 model: its root element is <{found}> ({namespace}), not "
            f"<definitions> of {BPMN} — export BPMN 2.0 XML from the modeler"
        )
    return root


def read_file(path: Path) -> Definitions:
    """Read and parse a BPMN file (size checked before anything is read)."""
    shown = path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BpmnReadError(
                f"{shown} is {size / 1048576:.1f} MiB, more than the {MAX_BYTES // 1048576} MiB a "
                "BPMN model may have — export the process alone, without other diagrams"
            )
        data = path.read_bytes()
    except OSError as error:
        raise BpmnReadError(f"{shown}: cannot read the file ({error.strerror or error})") from None
    return definitions(parse_bytes(data, shown))


def definitions(root: ET.Element) -> Definitions:
    processes = [_process(element) for element in _bpmn(root, "process")]
    participants, message_flows = [], []
    for collaboration in _bpmn(root, "collaboration"):
        for participant in _bpmn(collaboration, "participant"):
            participants.append(
                Participant(participant.get("id", ""), _name(participant), _strip_prefix(participant.get("processRef")))
            )
        message_flows += [m.get("id", "") for m in _bpmn(collaboration, "messageFlow")]
    resources = {r.get("id", ""): _name(r) for r in _bpmn(root, "resource")}
    return Definitions(root.get("exporter"), processes, participants, message_flows, resources)


def _strip_prefix(qname: str | None) -> str | None:
    """`tns:Process_1` -> `Process_1` (references to elements of the same file)."""
    return qname.split(":", 1)[-1] if qname else None


def _lanes(lane_set: ET.Element, lanes: dict[str, str | None], lane_ids: dict[str, str]) -> None:
    for lane in _bpmn(lane_set, "lane"):
        for ref in _bpmn(lane, "flowNodeRef"):
            if ref.text:
                lanes[ref.text.strip()] = _name(lane)
                lane_ids[ref.text.strip()] = lane.get("id", "")
        for child in _bpmn(lane, "childLaneSet"):  # nested lanes: the innermost one names the role
            _lanes(child, lanes, lane_ids)


def _node(element: ET.Element, tag: str) -> FlowNode:
    node = FlowNode(element.get("id", ""), tag, _name(element), _documentation(element))
    for child in element:
        local = _local(child.tag)
        if local.endswith("EventDefinition"):
            node.events.append(local)
            if local == "timerEventDefinition":
                node.timer = next((_text(t) for t in child if _text(t)), None)
        elif local == "dataOutputAssociation":
            node.writes += [(_text(t) or "") for t in _bpmn(child, "targetRef")]
        elif local == "dataInputAssociation":
            node.writes += [(_text(s) or "") for s in _bpmn(child, "sourceRef")]
        elif local in _PERFORMERS:
            node.performers += [(_strip_prefix(_text(r)) or "") for r in _bpmn(child, "resourceRef")]
        elif local == "extensionElements":
            step = child.find(f"{{{PM}}}step")
            if step is not None:
                node.extension = {k: v for k, v in step.attrib.items() if "}" not in k}
    node.called_element = _strip_prefix(element.get("calledElement"))
    node.attached_to = element.get("attachedToRef")
    node.default_flow = element.get("default")
    if tag in SUBPROCESSES:
        node.children = sum(1 for child in element.iter() if _local(child.tag) in FLOW_NODES) - 1
    return node


def _process(element: ET.Element) -> BpmnProcess:
    nodes: dict[str, FlowNode] = {}
    flows: list[Flow] = []
    data: dict[str, tuple[str, str | None]] = {}
    objects = {o.get("id", ""): _name(o) for o in _bpmn(element, "dataObject")}
    associations: list[tuple[str, str]] = []
    lanes: dict[str, str | None] = {}
    lane_ids: dict[str, str] = {}
    for child in element:
        tag = _local(child.tag)
        if tag in FLOW_NODES:
            nodes[child.get("id", "")] = _node(child, tag)
        elif tag == "sequenceFlow":
            flows.append(
                Flow(
                    child.get("id", ""),
                    child.get("sourceRef", ""),
                    child.get("targetRef", ""),
                    _name(child),
                    _text(child.find(f"{{{BPMN}}}conditionExpression")),
                )
            )
        elif tag == "dataObjectReference":
            data[child.get("id", "")] = (tag, _name(child) or objects.get(child.get("dataObjectRef", "")))
        elif tag == "dataStoreReference":
            data[child.get("id", "")] = (tag, _name(child))
        elif tag == "association":
            associations.append((child.get("sourceRef", ""), child.get("targetRef", "")))
        elif tag == "laneSet":
            _lanes(child, lanes, lane_ids)
    return BpmnProcess(
        element.get("id", ""),
        _name(element),
        _documentation(element),
        nodes,
        flows,
        data,
        associations,
        lanes,
        lane_ids,
    )
