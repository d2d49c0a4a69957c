"""The package's folders are the pipeline's stages, and every import points down the pipeline.

core → load → check → render → formats → build → mkdocs_plugin | cli (ARCHITECTURE.md): a module may
import from its own stage and from stages before it, never from a later one; the two entry points
(the MkDocs plugin and the command line) do not import each other; nothing before `mkdocs_plugin`
imports MkDocs, so the handbook can move to another engine.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "process_manual"
STAGES = ["core", "load", "check", "render", "formats", "build", "mkdocs_plugin", "cli"]
ENTRY_POINTS = {"mkdocs_plugin", "cli"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


def _stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, lazy ones inside functions included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the file's package
                base = path.relative_to(PACKAGE.parent).with_suffix("").parts[: -node.level]
                found.append((node.lineno, ".".join([*base, node.module or ""]).rstrip(".")))
            else:
                found.append((node.lineno, node.module or ""))
    return sorted(found)


def test_every_module_lives_in_a_stage_folder() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py"], f"modules outside the stage folders: {top}"
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert folders == sorted(STAGES)


MKDOCS_READERS = {
    "formats/pdf.py": "prints the site `mkdocs build` wrote, and reads mkdocs.yml with MkDocs' own loader "
    "(!ENV tags, defaults) lazily, inside the one function that needs it",
}
"""Modules before the plugin stage that may import MkDocs, and why."""


def _violations(path: Path, stage: str, relative: str) -> list[str]:
    wrong = []
    for line, module in _imports(path):
        parts = module.split(".")
        if parts[0] == "mkdocs" and STAGES.index(stage) < STAGES.index("mkdocs_plugin") and relative not in MKDOCS_READERS:
            wrong.append(f"line {line}: {module} (MkDocs, before the plugin stage)")
        if parts[0] != "process_manual" or len(parts) < 2 or parts[1] not in STAGES:
            continue
        target = parts[1]
        later = STAGES.index(target) > STAGES.index(stage)
        crossing = stage in ENTRY_POINTS and target in ENTRY_POINTS and target != stage
        if later or crossing:
            wrong.append(f"line {line}: {module} ({stage} → {target})")
    return wrong


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_point_down_the_pipeline(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    wrong = _violations(path, _stage(path), relative)
    assert not wrong, f"{relative} imports up the pipeline: " + "; ".join(wrong)


def test_the_check_finds_imports_that_point_up(tmp_path: Path) -> None:
    source = tmp_path / "example.py"
    source.write_text(
        "from process_manual.render.site import x\n"
        "def f():\n    import process_manual.cli.commands\n"
        "from process_manual.core.model import Process\n"
        "import mkdocs.plugins\n"
    )
    wrong = _violations(source, "check", "check/example.py")
    assert wrong == [
        "line 1: process_manual.render.site (check → render)",
        "line 3: process_manual.cli.commands (check → cli)",
        "line 5: mkdocs.plugins (MkDocs, before the plugin stage)",
    ]
    assert _violations(source, "cli", "cli/example.py") == []
    assert _violations(source, "mkdocs_plugin", "mkdocs_plugin/example.py") == [
        "line 3: process_manual.cli.commands (mkdocs_plugin → cli)"
    ]
