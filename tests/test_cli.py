"""`process-manual validate` and `process-manual schema`, in-process and as the installed console script."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from fixtures.util import ACCESS, ARCHIVE, HANDBOOK, PURCHASE, copy_handbook, edit
from process_manual.cli import main

VENV_BIN = Path(sys.executable).parent
GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "several-defects.txt"


def cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def broken(tmp_path, monkeypatch) -> Path:
    """A copy of the test handbook with one error and one warning; the working directory is its parent."""
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, "forms: [quote-comparison]", "forms: [quote-comparisons]")
    edit(root, ARCHIVE, "target: 20, ", "")
    monkeypatch.chdir(tmp_path)
    return root


def test_validate_clean_handbook_exits_0(capsys, monkeypatch):
    monkeypatch.chdir(HANDBOOK.parent)
    code, out = cli(capsys, "validate", "handbook")
    assert (code, out) == (0, "0 error(s), 0 warning(s)\n")


def test_validate_with_an_error_exits_1(capsys, broken):
    code, out = cli(capsys, "validate", "handbook")
    assert code == 1
    assert out.splitlines() == [
        "handbook/facilities/records-archiving.yml:33:5: warning[kpi-without-target]: KPI 'boxes' has no target — "
        "add `target:` (the level the process must reach)",
        "handbook/purchasing/purchase-request.yml:45:13: error[unknown-form]: unknown form 'quote-comparisons' — "
        "did you mean 'quote-comparison'?",
        "1 error(s), 1 warning(s)",
    ]


def test_warnings_alone_exit_0(capsys, tmp_path, monkeypatch):
    root = copy_handbook(tmp_path)
    edit(root, ARCHIVE, "target: 20, ", "")
    monkeypatch.chdir(tmp_path)
    code, out = cli(capsys, "validate", "handbook")
    assert code == 0 and out.endswith("0 error(s), 1 warning(s)\n")


def test_validate_a_folder_that_does_not_exist(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = cli(capsys, "validate", "nowhere")
    assert code == 1
    assert out.splitlines()[0] == ("nowhere:1:1: error[missing-catalog]: the handbook folder does not exist — "
                                   "give the folder that holds _roles.yml and the process files")


def test_format_json(capsys, broken):
    code, out = cli(capsys, "validate", "handbook", "--format", "json")
    rows = json.loads(out)
    assert code == 1
    assert rows == [
        {"path": "handbook/facilities/records-archiving.yml", "line": 33, "column": 5, "severity": "warning",
         "message": "KPI 'boxes' has no target", "fix": "add `target:` (the level the process must reach)",
         "rule": "kpi-without-target"},
        {"path": "handbook/purchasing/purchase-request.yml", "line": 45, "column": 13, "severity": "error",
         "message": "unknown form 'quote-comparisons'", "fix": "did you mean 'quote-comparison'?",
         "rule": "unknown-form"},
    ]


def test_format_json_keeps_chinese_readable(capsys, tmp_path, monkeypatch):
    root = copy_handbook(tmp_path)
    edit(root, PURCHASE, "    responsible: buyer\n    informed", "    responsible: 相关部门\n    informed")
    monkeypatch.chdir(tmp_path)
    code, out = cli(capsys, "validate", "handbook", "--format", "json")
    assert "相关部门" in out and json.loads(out)[0]["message"] == "'相关部门' is a vague owner, not a role"


def test_format_json_of_a_clean_handbook_is_an_empty_list(capsys, monkeypatch):
    monkeypatch.chdir(HANDBOOK.parent)
    code, out = cli(capsys, "validate", "handbook", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_format_github(capsys, broken):
    code, out = cli(capsys, "validate", "handbook", "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::warning file=handbook/facilities/records-archiving.yml,line=33,col=5,title=kpi-without-target::KPI 'boxes' has no target — "
        "add `target:` (the level the process must reach)",
        "::error file=handbook/purchasing/purchase-request.yml,line=45,col=13,title=unknown-form::unknown form 'quote-comparisons' — "
        "did you mean 'quote-comparison'?",
    ]


def test_format_github_escapes_what_would_break_the_annotation(capsys, tmp_path, monkeypatch):
    from process_manual.core.problems import Problem, Severity, format_github

    line = format_github([Problem("a,b:c.yml", 2, 3, Severity.ERROR, "100% wrong\nreally", "fix: it")])
    assert line == "::error file=a%2Cb%3Ac.yml,line=2,col=3::100%25 wrong%0Areally — fix: it"


def test_vague_owner_words_can_be_replaced(capsys, monkeypatch):
    monkeypatch.chdir(HANDBOOK.parent)
    code, out = cli(capsys, "validate", "handbook", "--vague-owner", "records clerk")
    assert code == 1
    assert out.splitlines()[0] == ("handbook/_roles.yml:13:11: error[vague-owner]: role 'records-clerk' is a vague owner "
                                   "(its name is 'Records clerk') — define one definite role or position that "
                                   "does the work")


def test_the_console_script_is_installed_and_runs(tmp_path):
    """The real `process-manual` entry point of the venv, in a separate process."""
    script = VENV_BIN / "process-manual"
    assert script.exists(), "install the project: pip install -e '.[test]'"
    env = {**os.environ, "PROCESS_MANUAL_TODAY": "2026-11-22"}
    clean = subprocess.run([str(script), "validate", str(HANDBOOK)], capture_output=True, text=True, env=env,
                           cwd=HANDBOOK.parent, timeout=120)
    assert (clean.returncode, clean.stderr) == (0, "")
    assert clean.stdout == "0 error(s), 0 warning(s)\n"

    root = copy_handbook(tmp_path)
    edit(root, ACCESS, "process: PUR-001", "process: PUR-009")
    broken = subprocess.run([str(script), "validate", "handbook", "--format", "github"], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=120)
    assert broken.returncode == 1
    assert re.fullmatch(r"::error file=handbook/it/access-request\.yml,line=\d+,col=\d+,title=unknown-process::unknown process "
                        r"'PUR-009' — did you mean 'PUR-001'\?\n", broken.stdout)


def test_the_console_script_on_a_date_long_after_the_reviews(tmp_path):
    """PROCESS_MANUAL_TODAY pins the date: in 2030 every review of the fixture is overdue (warnings only)."""
    env = {**os.environ, "PROCESS_MANUAL_TODAY": "2030-01-01"}
    run = subprocess.run([str(VENV_BIN / "process-manual"), "validate", "handbook"], capture_output=True,
                         text=True, env=env, cwd=HANDBOOK.parent, timeout=120)
    assert run.returncode == 0
    assert run.stdout.count(": warning[review-overdue]: review overdue since") == 3


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml"])
    assert exit_info.value.code == 2


# --- schema ---------------------------------------------------------------------------------------

class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it against a JSON Schema: dates stay text."""


_EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def schema() -> dict:
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["schema"]) == 0
    return json.loads(out.getvalue())


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert {"id", "title", "area", "version", "owner", "steps", "changelog"} <= set(schema["required"])


@pytest.mark.parametrize("file", [PURCHASE, ACCESS, ARCHIVE])
def test_schema_accepts_each_fixture_process(schema, file):
    data = yaml.load((HANDBOOK / file).read_text(encoding="utf-8"), Loader=_EditorLoader)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


@pytest.mark.parametrize("change, path", [
    (lambda d: d.update(owenr=d.pop("owner")), []),
    (lambda d: d["steps"][0].update(whithin="1 day"), ["steps", 0]),
    (lambda d: d.update(version=1.2), ["version"]),
    (lambda d: d.update(status="efective"), ["status"]),
])
def test_schema_rejects_what_the_validator_rejects(schema, change, path):
    data = yaml.load((HANDBOOK / ARCHIVE).read_text(encoding="utf-8"), Loader=_EditorLoader)
    change(data)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors and list(errors[0].absolute_path) == path


def test_schema_through_the_console_script():
    run = subprocess.run([str(VENV_BIN / "process-manual"), "schema"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(run.stdout))


# --- golden output ----------------------------------------------------------------------------------

SEVERAL_DEFECTS = [
    (PURCHASE, "owner: purchasing-manager\neffective", "owenr: purchasing-manager\neffective"),
    (ACCESS, "{when: refused, next: refused}", "{when: refused, next: refuse}"),
    (ACCESS, "informed: [requester, line-manager]", "informed: [requester, 相关部门]"),
    (ARCHIVE, "last: 2026-09-01}", "last: 2024-09-01}"),
    (ARCHIVE, '{version: "1.0", date: 2026-09-01', '{version: "1.0", date: 2026-12-01'),
    (ARCHIVE, "    next: archived", "    next: store"),
    ("_roles.yml", "  - {id: coo,", "  - {id: xiang-guan, name: 有关部门}\n  - {id: coo,"),
    ("_forms.yml", b"retention: permanent", b"retention: \xff"),
]


def test_golden_human_output_of_several_defects(capsys, tmp_path, monkeypatch):
    """Regenerate deliberately: PROCESS_MANUAL_REGENERATE_GOLDEN=1 pytest tests/test_cli.py, then read the diff."""
    root = copy_handbook(tmp_path)
    for file, old, new in SEVERAL_DEFECTS:
        edit(root, file, old, new)
    monkeypatch.chdir(tmp_path)
    code, out = cli(capsys, "validate", "handbook")
    assert code == 1
    if os.environ.get("PROCESS_MANUAL_REGENERATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(out, encoding="utf-8")
    assert out == GOLDEN.read_text(encoding="utf-8")
