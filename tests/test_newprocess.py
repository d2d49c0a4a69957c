"""`process-manual new`: a file that validates as written, for both example handbooks; refusals."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from process_manual.cli import main
from process_manual.cli.newprocess import slug

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).parent / "process-manual"
HANDBOOKS = {"en": ROOT / "tests/fixtures/english/processes", "zh": ROOT / "processes"}


def copy_example(tmp_path: Path, language: str) -> Path:
    """The example handbook in tmp_path/processes, with the committed schema in tmp_path/schema."""
    shutil.copytree(HANDBOOKS[language], tmp_path / "processes")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    return tmp_path / "processes"


def run_script(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PROCESS_MANUAL_TODAY": os.environ["PROCESS_MANUAL_TODAY"]}
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          input=stdin if stdin is not None else "", timeout=120)


@pytest.mark.parametrize("language, title, area, owner, file", [
    ("en", "Meeting room booking", "administration", "admin-manager", "administration/meeting-room-booking.yml"),
    ("zh", "会议室预订流程", "administration", "admin-manager", "administration/adm-009.yml"),
])
def test_new_then_validate_passes_with_no_edit(tmp_path, language, title, area, owner, file):
    copy_example(tmp_path, language)
    created = run_script(tmp_path, "new", "--id", "ADM-009", "--title", title, "--area", area, "--owner", owner)
    assert created.returncode == 0, created.stderr
    assert created.stderr == ""
    path = tmp_path / "processes" / file
    assert f"Created processes/{file}" in created.stdout
    checked = run_script(tmp_path, "validate", "processes")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines()[-1] == "0 error(s), 0 warning(s)"

    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/process.schema.json"
    data = yaml.safe_load(text)
    assert data["id"] == "ADM-009" and data["title"] == title and data["status"] == "draft"
    assert data["version"] == "0.1" and data["owner"] == owner and data["area"] == area
    assert [s.get("kind", "task") for s in data["steps"]] == ["task", "end"]
    assert data["changelog"] == [{"version": "0.1", "date": data["review"]["last"], "author": data["changelog"][0]
                                  ["author"], "change": "初稿" if language == "zh" else "First draft"}]
    assert str(data["review"]["last"]) == os.environ["PROCESS_MANUAL_TODAY"]
    # The file is also valid for the schema it names, as an editor reads it (dates as text).
    schema = yaml.safe_load((tmp_path / "schema/process.schema.json").read_text(encoding="utf-8"))
    editor_view = yaml.load(text, Loader=_EditorLoader)
    jsonschema.Draft202012Validator(schema).validate(editor_view)


class _EditorLoader(yaml.SafeLoader):
    """YAML as a language server reads it: dates stay text."""


_EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_refuses_to_overwrite(tmp_path):
    copy_example(tmp_path, "en")
    args = ["new", "--id", "ADM-009", "--title", "Document approval", "--area", "administration",
            "--owner", "admin-manager"]
    before = (tmp_path / "processes/administration/document-approval.yml").read_bytes()
    refused = run_script(tmp_path, *args)
    assert refused.returncode == 1
    assert "processes/administration/document-approval.yml already exists" in refused.stderr
    assert (tmp_path / "processes/administration/document-approval.yml").read_bytes() == before


def test_wrong_values_are_all_reported_with_did_you_mean(tmp_path):
    copy_example(tmp_path, "en")
    result = run_script(tmp_path, "new", "--id", "ADM-004", "--title", "X", "--area", "administraton",
                        "--owner", "admin-manger")
    assert result.returncode == 1
    assert "process id 'ADM-004' is already used by processes/administration/document-approval.yml" in result.stderr
    assert "unknown area 'administraton'; did you mean 'administration'?" in result.stderr
    assert "unknown role 'admin-manger'; did you mean 'admin-manager'?" in result.stderr
    assert not (tmp_path / "processes/administration/x.yml").exists()


@pytest.mark.parametrize("args, message", [
    (["--id", "adm9"], "'adm9' is not a process id"),
    (["--id", "adm-004"], "process id 'adm-004' is already used"),  # same page as ADM-004
    (["--area", "operations"], "area 'operations' is a group of areas, not a leaf: use one of administration, projects"),
])
def test_id_format_uniqueness_and_leaf_area(tmp_path, args, message):
    copy_example(tmp_path, "en")
    values = {"--id": "ADM-009", "--title": "Booking", "--area": "administration", "--owner": "admin-manager"}
    values.update(dict(zip(args[::2], args[1::2])))
    result = run_script(tmp_path, "new", *[x for pair in values.items() for x in pair])
    assert result.returncode == 1 and message in result.stderr


def test_missing_values_without_a_terminal_are_refused_not_asked(tmp_path):
    copy_example(tmp_path, "en")
    result = run_script(tmp_path, "new", "--title", "Booking")
    assert result.returncode == 2
    assert ("missing --id, --area, --owner: standard input is not a terminal, so nothing can be asked; give them "
            "as options") in result.stderr
    assert list((tmp_path / "processes").rglob("booking.yml")) == []


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_missing_values_are_asked_with_suggestions(tmp_path, monkeypatch, capsys):
    folder = copy_example(tmp_path, "en")
    monkeypatch.chdir(tmp_path)
    # title; area (a typo first, asked again); owner: empty = the area's owner; id: empty = the suggestion
    monkeypatch.setattr(sys, "stdin", _Terminal("Room booking\nadministraton\nadministration\n\n\n"))
    assert main(["new", "--dir", "processes"]) == 0
    out, err = capsys.readouterr()
    assert "did you mean 'administration'?" in err
    assert "Owner (a role id) [admin-manager]" in out and "Process id [ADM-005]" in out
    data = yaml.safe_load((folder / "administration/room-booking.yml").read_text(encoding="utf-8"))
    assert (data["id"], data["owner"]) == ("ADM-005", "admin-manager")
    assert main(["validate", "processes"]) == 0


def test_end_of_input_while_asking_writes_nothing(tmp_path, monkeypatch, capsys):
    copy_example(tmp_path, "en")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", _Terminal("Room booking\n"))
    assert main(["new"]) == 1
    assert "cancelled, nothing written" in capsys.readouterr().err
    assert list((tmp_path / "processes").rglob("room-booking.yml")) == []


def test_titles_that_yaml_would_misread_are_quoted(tmp_path, monkeypatch, capsys):
    copy_example(tmp_path, "en")
    monkeypatch.chdir(tmp_path)
    for number, title in enumerate(["Yes", "Review: step #1", "2026-01-01", '"Quoted" \\ title', "a\x07 b", "Two\n lines"], 10):
        assert main(["new", "--id", f"ADM-0{number}", "--title", title, "--area", "administration",
                     "--owner", "admin-manager"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["validate", "processes"]) == 0, capsys.readouterr().out
    titles = {yaml.safe_load(p.read_text(encoding="utf-8"))["title"] for p in (tmp_path / "processes").rglob("*.yml")
              if not p.name.startswith("_")}
    assert {"Yes", "Review: step #1", "2026-01-01", '"Quoted" \\ title', "a\x07 b", "Two lines"} <= titles


def test_without_a_committed_schema_the_file_is_written_unbound_with_a_note(tmp_path):
    shutil.copytree(HANDBOOKS["en"], tmp_path / "processes")
    result = run_script(tmp_path, "new", "--id", "ADM-009", "--title", "Booking", "--area", "administration",
                        "--owner", "admin-manager")
    assert result.returncode == 0
    assert "no schema/process.schema.json found above processes" in result.stderr
    assert not (tmp_path / "processes/administration/booking.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server")


@pytest.mark.parametrize("title, expected", [
    ("Meeting room booking", "meeting-room-booking"),
    ("Café & Crème: order #2", "cafe-creme-order-2"),
    ("会议室预订", "adm-009"),
    ("ISO 9001 内审", "adm-009"),
    ("!!!", "adm-009"),
])
def test_slug(title, expected):
    assert slug(title, "ADM-009") == expected
