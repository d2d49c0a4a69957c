"""What the BPMN tests share: the example handbooks, an export of them, and the real tools that
check a BPMN file (the OMG XSD with DI through lxml, SpiffWorkflow's parser)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import SpiffWorkflow
from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator
from SpiffWorkflow.bpmn.specs.data_spec import BpmnDataStoreSpecification

from process_manual.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = {"en": REPO / "tests/fixtures/english/processes", "zh": REPO / "processes"}
FIXTURES = Path(__file__).parent / "fixtures" / "bpmn"
XSD = Path(SpiffWorkflow.__file__).parent / "bpmn" / "parser" / "schema" / "BPMN20.xsd"
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "dc": "http://www.omg.org/spec/DD/20100524/DC", "di": "http://www.omg.org/spec/DD/20100524/DI",
      "pm": "urn:process-manual:bpmn:1"}


@cache
def bpmn_schema() -> etree.XMLSchema:
    """BPMN20.xsd imports Semantic.xsd and BPMNDI.xsd (with DC.xsd and DI.xsd) from its folder."""
    return etree.XMLSchema(etree.parse(str(XSD)))


def xsd_errors(path: Path) -> list[str]:
    schema = bpmn_schema()
    valid = schema.validate(etree.parse(str(path)))
    return [] if valid else [f"{e.line}: {e.message}" for e in schema.error_log]


class _AnyDataStore(dict):
    """SpiffWorkflow executes data stores through classes registered by name; for parsing, any
    archive of ours is a plain data store specification."""

    def __contains__(self, name: object) -> bool:
        return True

    def __getitem__(self, name: str) -> type:
        return BpmnDataStoreSpecification


class DocumentParser(BpmnParser):
    DATA_STORE_CLASSES = _AnyDataStore()


def spiff_spec(path: Path, process_id: str):
    """SpiffWorkflow's workflow spec of the process, parsed with its own XSD check on.

    SpiffWorkflow builds specs only of executable processes; ours are documentation
    (isExecutable="false", which is true of them), so the parser is told to treat it as executable
    after reading: the file itself is parsed as written."""
    parser = DocumentParser(validator=BpmnValidator())
    parser.add_bpmn_file(str(path))
    parser.process_parsers[process_id].process_executable = True
    return parser.get_spec(process_id)


def export(handbook: Path, out: Path) -> list[Path]:
    """`process-manual bpmn export HANDBOOK --out OUT`; the files written."""
    assert main(["bpmn", "export", str(handbook), "--out", str(out)]) == 0
    return sorted(out.glob("*.bpmn"))



def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` and its hash: what a refused import must leave unchanged."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
