"""The committed JSON Schema (schema/process.schema.json): in sync, documented, and checked with an
independent validator (jsonschema) against every example process file, as an editor would."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from process_manual.cli import main
from process_manual.load.handbook import load_handbook
from process_manual.formats.schema import process_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "schema" / "process.schema.json"
EXAMPLES = sorted(p for folder in ("processes", "tests/fixtures/english/processes")
                  for p in (ROOT / folder).rglob("*.yml") if not p.name.startswith("_")
                  and len(p.name.split(".")) == 2)  # not a translation file (order-intake.en.yml)


class _EditorLoader(yaml.SafeLoader):
    """YAML as a language server reads it against a JSON Schema: dates stay text."""


_EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_committed_schema_is_what_the_command_prints(capsys):
    """Regenerate after a model change: `process-manual schema --output schema/process.schema.json`."""
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == COMMITTED.read_text(encoding="utf-8"), (
        "schema/process.schema.json is out of date: run `process-manual schema --output schema/process.schema.json`")


def test_every_field_has_a_description_and_examples(committed):
    jsonschema.Draft202012Validator.check_schema(committed)
    missing = []
    for name, part in [("process", committed), *committed["$defs"].items()]:
        for field, prop in part["properties"].items():
            missing += [f"{name}.{field}: {key}" for key in ("description", "examples") if not prop.get(key)]
    assert not missing, "\n".join(missing)


def test_every_example_of_a_field_is_valid_for_that_field(committed):
    wrong = []
    for name, part in [("process", committed), *committed["$defs"].items()]:
        for field, prop in part["properties"].items():
            check = validator({**prop, "$defs": committed["$defs"]})
            wrong += [f"{name}.{field}: {example!r}" for example in prop["examples"] if not check.is_valid(example)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_committed_schema_accepts_every_example_process(committed, path):
    validator(committed).validate(editor_view(path))


def test_there_are_example_processes_in_both_languages():
    assert {p.relative_to(ROOT).parts[0] for p in EXAMPLES} == {"processes", "tests"} and len(EXAMPLES) >= 14


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(owenr=d.pop("owner")), []),
    (lambda d: d["steps"][0].update(responsibel=d["steps"][0].pop("responsible")), ["steps", 0]),
    (lambda d: d["steps"][1].update(kind="decisoin"), ["steps", 1, "kind"]),
    (lambda d: d.update(version=2.1), ["version"]),
    (lambda d: d["changelog"][0].update(date="2026-13-01"), ["changelog", 0, "date"]),
    (lambda d: d["review"].update(every=None), ["review", "every"]),
])
def test_the_committed_schema_rejects_a_wrong_field(committed, change, where):
    data = editor_view(ROOT / "processes/administration/document-approval.yml")
    change(data)
    error = jsonschema.exceptions.best_match(validator(committed).iter_errors(data))
    assert error is not None and list(error.absolute_path) == where


def test_a_handbook_schema_suggests_the_catalog_ids(tmp_path, capsys):
    assert main(["schema", "--dir", str(ROOT / "tests/fixtures/english/processes"), "--output", str(tmp_path / "s.json")]) == 0
    schema = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    handbook = load_handbook(ROOT / "tests/fixtures/english/processes")
    roles = sorted(handbook.roles)
    step = schema["$defs"]["Step"]["properties"]
    assert schema["properties"]["owner"]["enum"] == roles
    assert schema["properties"]["owner"]["enumDescriptions"][roles.index("admin-manager")] == "Administration manager"
    one, several = step["responsible"]["anyOf"]
    assert one["enum"] == roles and several["items"]["enum"] == roles
    assert step["accountable"]["anyOf"][0]["enum"] == roles
    assert step["forms"]["items"]["enum"] == sorted(handbook.forms)
    assert schema["properties"]["area"]["enum"] == sorted(
        a for a, node in handbook.areas.items() if not node.area.children)
    assert "operations" not in schema["properties"]["area"]["enum"]  # a group, not a leaf
    ids = sorted(s.process.id for s in handbook.processes)
    assert schema["properties"]["related"]["items"]["examples"] == ids and "enum" not in schema["properties"][
        "related"]["items"]
    assert schema["$defs"]["Kpi"]["properties"]["owner"]["anyOf"][0]["enum"] == roles
    check = validator(schema)
    for path in (ROOT / "tests/fixtures/english/processes").rglob("*.yml"):
        if not path.name.startswith("_"):
            check.validate(editor_view(path))
    wrong = editor_view(ROOT / "processes/administration/document-approval.yml")
    wrong["steps"][0]["responsible"] = "admin-manger"
    assert [list(e.absolute_path) for e in check.iter_errors(wrong)] == [["steps", 0, "responsible"]]


def test_a_broken_catalog_suggests_nothing_rather_than_forbidding_everything(tmp_path):
    handbook = load_handbook(tmp_path)  # no catalogs at all
    assert process_schema(handbook) == process_schema()
    assert schema_text(process_schema()).endswith("}\n")


def test_catalog_suggestions_do_not_change_the_generic_schema():
    generic = process_schema()
    before = copy.deepcopy(generic)
    process_schema(load_handbook(ROOT / "tests/fixtures/english/processes"))
    assert process_schema() == before


def test_schema_of_a_folder_that_does_not_exist(tmp_path, capsys):
    assert main(["schema", "--dir", str(tmp_path / "nowhere")]) == 1
    assert "nowhere is not a folder" in capsys.readouterr().err
