"""`process-manual bpmn import`: our own exports come back as the same process; files written by
other tools import into a process that validates, with a warning per approximation; whatever
cannot be mapped writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from lxml import etree

from bpmn_support import EXAMPLES, FIXTURES, NS, export, tree_digest
from process_manual.cli import main
from process_manual.load.handbook import load_handbook
from process_manual.core.model import Process


def _example_ids() -> list[tuple[str, str]]:
    return [(language, s.process.id) for language in sorted(EXAMPLES)
            for s in load_handbook(EXAMPLES[language]).processes]



def _shape(process: Process, *, with_extensions: bool = True) -> list[tuple]:
    """What a round trip must keep, step by step."""
    rows = []
    for s in process.steps:
        row = (s.id, s.name, s.kind, s.responsible if with_extensions or s.kind != "decision" else s.responsible[:1],
               s.next, [(b.when, b.next) for b in s.branches], s.process, s.forms, " ".join((s.details or "").split()))
        if with_extensions:
            row += (s.accountable_role, s.consulted, s.informed, s.within)
        rows.append(row)
    return rows


def _import(bpmn: Path, handbook: Path, *args: str) -> int:
    return main(["bpmn", "import", str(bpmn), "--dir", str(handbook), *args])


def _valid(handbook: Path) -> bool:
    return main(["validate", str(handbook)]) == 0


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folders = {}
    for language, handbook in EXAMPLES.items():
        folders[language] = tmp_path_factory.mktemp(f"export-{language}")
        export(handbook, folders[language])
    return folders


def _without(language: str, process_id: str, dest: Path) -> tuple[Path, Process]:
    """A copy of the example handbook without the process (so that its id is free again)."""
    root = dest / "handbook"
    shutil.copytree(EXAMPLES[language], root)
    source = load_handbook(root).process(process_id)
    source.doc.path.unlink()
    return root, source.process


@pytest.mark.parametrize(("language", "process_id"), _example_ids())
def test_export_then_import_gives_back_the_same_process(language: str, process_id: str, exports, tmp_path: Path,
                                                        capsys) -> None:
    root, process = _without(language, process_id, tmp_path)
    assert _import(exports[language] / f"{process_id}.bpmn", root, "--area", process.area, "--owner",
                   process.owner) == 0, capsys.readouterr().err
    assert "warning" not in capsys.readouterr().err  # nothing of our own export needs approximating
    imported = load_handbook(root).process(process_id)
    assert imported.path.startswith(f"{root.as_posix()}/{process.area}/")
    assert _shape(imported.process) == _shape(process)
    assert _valid(root)


@pytest.mark.parametrize(("language", "process_id"), _example_ids())
def test_without_our_extension_the_standard_bpmn_alone_keeps_steps_roles_branches_and_kinds(
        language: str, process_id: str, exports, tmp_path: Path) -> None:
    """What another tool would keep if it dropped our `pm:step` elements (and saved the file as its own)."""
    tree = etree.parse(str(exports[language] / f"{process_id}.bpmn"))
    for extension in tree.findall(".//bpmn:extensionElements", NS):
        extension.getparent().remove(extension)
    tree.getroot().set("exporter", "Camunda Modeler")
    bpmn = tmp_path / f"{process_id}.bpmn"
    tree.write(str(bpmn), xml_declaration=True, encoding="UTF-8")
    root, process = _without(language, process_id, tmp_path)
    assert _import(bpmn, root, "--area", process.area, "--owner", process.owner) == 0
    imported = load_handbook(root).process(process_id).process
    assert _shape(imported, with_extensions=False) == _shape(process, with_extensions=False)


def _copy(language: str, dest: Path) -> Path:
    root = dest / "handbook"
    shutil.copytree(EXAMPLES[language], root)
    return root


def _written(root: Path, before: dict[str, str]) -> list[str]:
    return sorted(set(tree_digest(root)) - set(before))


def test_a_camunda_collaboration_imports_once_its_new_lane_is_a_role(tmp_path: Path, capsys) -> None:
    root = _copy("en", tmp_path)
    before = tree_digest(root)
    bpmn = FIXTURES / "camunda-purchase-collaboration.bpmn"
    assert _import(bpmn, root, "--area", "administration", "--owner", "admin-manager") == 1
    err = capsys.readouterr().err
    assert "1 lane(s) match no role" in err and '  - {id: purchasing-agent, name: "Purchasing agent"}' in err
    assert tree_digest(root) == before  # nothing written

    assert _import(bpmn, root, "--area", "administration", "--owner", "admin-manager",
                   "--role", "Purchasing agent=admin-office") == 0
    err = capsys.readouterr().err
    for element, words in (("Participant_1supp", "pool of another participant ('Supplier')"),
                           ("Flow_msg_order", "2 message flow(s)"), ("Event_GoodsReceived", "intermediate message event"),
                           ("Event_Reminder", "boundary timer event"), ("Activity_SendOrder", "sendTask"),
                           ("DataObjectReference_Request", "'Purchase request form' is not a form")):
        assert f"warning: {element}: " in err and words in err, element
    [path] = _written(root, before)
    process = load_handbook(root).process("ADM-005").process
    assert process.title == "Purchase request" and process.steps[0].responsible == ["applicant"]
    approve = process.step("approve-purchase-request")
    assert approve.within == "2 days" and approve.next == "approve-purchase-request-outcome"
    outcome = process.step("approve-purchase-request-outcome")
    assert [(b.when, b.next) for b in outcome.branches] == [("completed", "approved"),
                                                           ("2 days passed", "remind-the-approver")]
    assert [(b.when, b.next) for b in process.step("approved").branches] == [
        ("${approved}", "send-order-to-supplier"), ("no", "request-rejected")]
    assert process.step("send-order-to-supplier").next == "book-the-goods-receipt"  # the message event passed
    assert process.step("send-order-to-supplier").responsible == ["admin-office"]
    assert _valid(root)


def test_add_roles_appends_the_new_roles_to_the_catalog_keeping_its_text(tmp_path: Path) -> None:
    root = _copy("en", tmp_path)
    catalog = (root / "_roles.yml").read_text(encoding="utf-8")
    assert _import(FIXTURES / "camunda-purchase-collaboration.bpmn", root, "--area", "administration",
                   "--owner", "admin-manager", "--add-roles") == 0
    assert (root / "_roles.yml").read_text(encoding="utf-8") == catalog + '  - {id: purchasing-agent, name: "Purchasing agent"}\n'
    assert load_handbook(root).roles["purchasing-agent"].name == "Purchasing agent"
    assert _valid(root)


def test_a_signavio_model_with_parallel_and_inclusive_gateways_imports_as_a_sequence(tmp_path: Path, capsys) -> None:
    root = _copy("en", tmp_path)
    assert _import(FIXTURES / "signavio-order-parallel.bpmn", root, "--area", "sales", "--owner", "sales-manager",
                   "--id", "SAL-002") == 0
    err = capsys.readouterr().err
    for element in ("sid-split", "sid-options", "sid-wait", "sid-capacity", "sid-close", "sid-start"):
        assert f"warning: {element}: " in err, element
    process = load_handbook(root).process("SAL-002").process
    assert [s.id for s in process.steps] == [
        "register-the-order", "check-the-customer-s-credit", "check-production-capacity", "special-terms",
        "approve-a-discount", "send-the-order-confirmation", "call-the-customer", "close-the-order", "end"]
    assert process.step("register-the-order").kind == "archive"  # writes to a data store
    assert process.step("check-production-capacity").responsible == ["production-planner"]  # nested lanes
    assert process.step("special-terms").responsible == ["sales-manager"]
    assert process.triggers == ["Order received"] and process.step("end").kind == "end"
    assert _valid(root)


def test_a_chinese_model_without_lanes_imports_into_the_chinese_handbook(tmp_path: Path, capsys) -> None:
    root = _copy("zh", tmp_path)
    assert _import(FIXTURES / "zh-leave-request.bpmn", root, "--area", "training", "--owner", "hr-manager") == 0
    err = capsys.readouterr().err
    assert "warning: Id_leave: the process has no lanes" in err
    assert "warning: Id_payroll: call activity '工资核算' calls 'HR-999'" in err
    assert "warning: Id_check: userTask '核对剩余假期' has 2 outgoing flows" in err
    [source] = [s for s in load_handbook(root).processes if s.process.title == "请假审批流程"]
    process = source.process
    assert process.step("id-approval").kind == "subprocess" and process.step("id-approval").process == "ADM-004"
    assert process.step("id-payroll").kind == "task"
    assert [(b.when, b.next) for b in process.step("id-check-outcome").branches] == [("假期足够", "id-gw"),
                                                                                     ("假期不足", "id-no")]
    assert process.step("id-check-outcome").name == "核对剩余假期：下一步"
    assert process.changelog[0].change == "从 zh-leave-request.bpmn 导入（BPMN 2.0）"
    assert yaml.safe_load(Path(source.doc.path).read_text(encoding="utf-8"))["review"]["every"] == "12个月"
    assert _valid(root)


@pytest.mark.parametrize("args", [("--area", "nowhere", "--owner", "admin-manager"),
                                  ("--area", "administration", "--owner", "nobody"),
                                  ("--area", "administration", "--owner", "admin-manager", "--id", "ADM-004"),
                                  ("--area", "administration", "--owner", "admin-manager", "--role", "Supplier=x"),
                                  ("--area", "administration", "--owner", "admin-manager", "--process", "Nope")])
def test_wrong_options_write_nothing(args: tuple[str, ...], tmp_path: Path, capsys) -> None:
    root = _copy("en", tmp_path)
    before = tree_digest(root)
    assert _import(FIXTURES / "camunda-purchase-collaboration.bpmn", root, *args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("process-manual bpmn: ") and err[0].endswith("nothing written")
    assert tree_digest(root) == before


def test_an_import_that_would_not_validate_is_taken_back_with_the_roles_it_added(tmp_path: Path, capsys) -> None:
    """A lane named "Relevant departments" is a vague owner: the file and the added role both go again."""
    root = _copy("en", tmp_path)
    before = tree_digest(root)
    bpmn = tmp_path / "vague.bpmn"
    bpmn.write_text(f"""<definitions xmlns="{NS['bpmn']}" id="d"><process id="p" name="Vague handling">
  <laneSet id="ls"><lane id="l" name="Relevant departments"><flowNodeRef>s</flowNodeRef><flowNodeRef>t</flowNodeRef>
  <flowNodeRef>e</flowNodeRef></lane></laneSet>
  <startEvent id="s"/><task id="t" name="Handle it"/><endEvent id="e" name="Handled"/>
  <sequenceFlow id="f1" sourceRef="s" targetRef="t"/><sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
</process></definitions>""", encoding="utf-8")
    assert _import(bpmn, root, "--area", "administration", "--owner", "admin-manager", "--add-roles") == 1
    err = capsys.readouterr().err
    assert "vague owner" in err and err.strip().endswith("the imported process does not validate (see above); nothing written")
    assert tree_digest(root) == before


def test_the_miwg_reference_model_a_2_0_written_by_another_tool_imports_and_validates(tmp_path: Path, capsys) -> None:
    """MIWG reference A.2.0 (tests/fixtures/bpmn/miwg/NOTICE.md): a split gateway with unnamed flows, a
    merge gateway, no lanes, ISO-8859-1 — as a modeler of another vendor wrote it."""
    root = _copy("en", tmp_path)
    assert _import(FIXTURES / "miwg" / "A.2.0.bpmn", root, "--area", "administration", "--owner", "admin-manager",
                   "--id", "ADM-099") == 0
    assert "warning: WFP-6-: the process has no lanes" in capsys.readouterr().err
    process = load_handbook(root).process("ADM-099").process
    decision = process.step("gateway-split-flow")
    assert decision.kind == "decision"
    assert [(b.when, b.next) for b in decision.branches] == [("Task 2", "task-2"), ("Task 3", "task-3"),
                                                             ("Task 4", "task-4")]
    # the merging gateway is passed through: each branch goes on to the end
    assert [process.step(t).next for t in ("task-2", "task-3", "task-4")] == ["end-event"] * 3
    assert all(s.responsible == ["admin-manager"] for s in process.steps if s.kind != "end")
    assert _valid(root)
