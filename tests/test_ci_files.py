"""The pull-request automation files run as written: every command of the GitHub workflow, the GitLab
CI job and the pre-commit hook is executed on the example handbook, in a clone with a pull request
that adds a process (only installing and uploading are left to the CI services)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from fixtures.util import TODAY

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
GITHUB = ROOT / ".github" / "workflows" / "handbook.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
PRE_COMMIT = ROOT / ".pre-commit-hooks.yaml"
# What a CI service must do itself, outside the project: install packages.
INSTALL = re.compile(r"^\s*(apt-get|pip install|npm ci)\b")
OUR_COMMAND = re.compile(r"(?:^|\s)(process-manual|mkdocs)\s+(\S+)")
NEEDS_MERMAID = pytest.mark.skipif(not (ROOT / "node_modules/mermaid/dist/mermaid.min.js").is_file(),
                                   reason="run `npm ci` first (make test does)")


def git_env() -> dict[str, str]:
    """No user or system git configuration; fixed identity (a CI machine has none either)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="CI Test",
               GIT_AUTHOR_EMAIL="ci@example.com", GIT_COMMITTER_NAME="CI Test", GIT_COMMITTER_EMAIL="ci@example.com")
    return env


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", *args], cwd=cwd,
                   env=git_env(), check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of a repository holding the example handbook, on a branch that adds a new process."""
    upstream = tmp_path_factory.mktemp("upstream")
    english = ROOT / "tests" / "fixtures" / "english"  # a handbook of one language, as most users have
    for name in ("mkdocs.yml", "docs", "processes", "schema", ".github", ".gitlab-ci.yml", ".pre-commit-hooks.yaml"):
        source = english / name if (english / name).exists() else ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, upstream / name)
    (upstream / ".gitignore").write_text("site/\nnode_modules\n", encoding="utf-8")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "The handbook")
    clone = tmp_path_factory.mktemp("clone") / "handbook"
    git(upstream.parent, "clone", "-q", str(upstream), str(clone))
    (clone / "node_modules").symlink_to(ROOT / "node_modules")  # what `npm ci` installs
    git(clone, "checkout", "-q", "-b", "new-process")
    subprocess.run([str(VENV_BIN / "process-manual"), "new", "--id", "ADM-009", "--title", "Meeting room booking",
                    "--area", "administration", "--owner", "admin-manager"], cwd=clone, check=True,
                   capture_output=True, timeout=120, stdin=subprocess.DEVNULL,
                   env={**os.environ, "PROCESS_MANUAL_TODAY": TODAY})  # runs before the autouse fixture pins it
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "New process: meeting room booking")
    return clone


def run_in(clone: Path, script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {**git_env(), **env, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=clone, env=full_env, capture_output=True,
                          text=True, timeout=600)


def our_commands(script: str) -> list[str]:
    """`process-manual validate`, `mkdocs build`, ...: the commands of ours that a script runs."""
    return [f"{tool} {sub}" for tool, sub in OUR_COMMAND.findall(script)]


def runnable(script: str) -> bool:
    """False for the install steps the CI service does (every line installs something)."""
    lines = [line for line in script.splitlines() if line.strip()]
    return not all(INSTALL.match(line) for line in lines)


# --- GitHub Actions -------------------------------------------------------------------------------

GITHUB_EXPRESSIONS = {"github.base_ref": "main"}


def github_steps() -> Iterator[tuple[dict, dict[str, str]]]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            env = {**job.get("env", {}), **step.get("env", {})}
            yield step, {k: _expand(str(v)) for k, v in env.items()}


def _expand(text: str) -> str:
    def value(match: re.Match[str]) -> str:
        assert match[1] in GITHUB_EXPRESSIONS, f"the test does not know the expression {match[0]}"
        return GITHUB_EXPRESSIONS[match[1]]

    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", value, text)


def test_the_github_workflow_is_triggered_by_pull_requests_and_keeps_the_history():
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    steps = [step for step, _ in github_steps()]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


@NEEDS_MERMAID
def test_every_command_of_the_github_workflow_succeeds_on_the_example_handbook(pull_request):
    ran: list[str] = []
    for step, env in github_steps():
        script = step.get("run")
        if script is None or not runnable(script):
            continue
        result = run_in(pull_request, _expand(script), env)
        assert result.returncode == 0, f"{step.get('name')}: {script}\n{result.stdout}\n{result.stderr}"
        assert "::error" not in result.stdout
        ran += our_commands(script)
    assert ran == ["process-manual validate", "process-manual check", "mkdocs build"]
    assert (pull_request / "site" / "index.html").is_file()  # what the artifact step uploads
    assert all((VENV_BIN / command.split()[0]).is_file() for command in ran)


# --- GitLab CI ------------------------------------------------------------------------------------

@NEEDS_MERMAID
def test_every_command_of_the_gitlab_job_succeeds_on_the_example_handbook(pull_request):
    config = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    job = config["handbook"]
    assert job["artifacts"]["paths"] == ["site/"]
    assert config["variables"]["GIT_DEPTH"] == "0"
    shutil.rmtree(pull_request / "site", ignore_errors=True)
    env = {**{k: str(v) for k, v in config["variables"].items()},
           "CI_PROJECT_DIR": str(pull_request), "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
    ran: list[str] = []
    for script in job["before_script"] + job["script"]:
        if not runnable(script):
            continue
        result = run_in(pull_request, script, env)
        assert result.returncode == 0, f"{script}\n{result.stdout}\n{result.stderr}"
        ran += our_commands(script)
    assert ran == ["process-manual validate", "process-manual check", "mkdocs build"]
    assert (pull_request / "site" / "index.html").is_file()


@NEEDS_MERMAID
def test_the_checks_of_the_workflows_fail_on_a_change_without_a_new_version(pull_request, tmp_path):
    """The same commands refuse a content change that forgot the version bump (a second branch)."""
    clone = tmp_path / "clone"
    shutil.copytree(pull_request, clone, symlinks=True)
    process = clone / "processes/administration/document-approval.yml"
    process.write_text(process.read_text(encoding="utf-8").replace("within: 1 working day", "within: 3 working days",
                                                                   1), encoding="utf-8")
    github = next(step["run"] for step, _ in github_steps() if "check --base" in (step.get("run") or ""))
    result = run_in(clone, github, {"BASE_REF": "main"})
    assert result.returncode == 1
    assert "::error file=processes/administration/document-approval.yml" in result.stdout
    gitlab = next(s for s in yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["handbook"]["script"]
                  if "check --base" in s)
    result = run_in(clone, gitlab, {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"})
    assert result.returncode == 1
    assert "processes/administration/document-approval.yml:" in result.stdout and ": error[version-not-raised]: " in result.stdout


# --- pre-commit -----------------------------------------------------------------------------------

def test_the_pre_commit_hook_runs_validate_on_the_handbook(pull_request):
    hooks = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "process-manual-validate")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("processes/administration/document-approval.yml")
    assert files.search("examples/zh-hant/processes/_roles.yml")
    assert not files.search("docs/index.md") and not files.search("mkdocs.yml")
    command = " ".join([hook["entry"], *hook.get("args", [])])
    result = run_in(pull_request, command, {})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "0 error(s), 0 warning(s)"
