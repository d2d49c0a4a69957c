"""The documentation stays true and stands alone: every command and option documented, every relative link
resolving, the README a front page, and no file citing a document outside the repository."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from process_manual.build.options import PluginOptions, options_reference
from process_manual.cli.commands import build_parser
from process_manual.core.catalog import catalogs_reference

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "reference").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)|<img src=\"([^\"]+)\"")
CODE = re.compile(r"^```.*?^```|`[^`\n]+`", re.MULTILINE | re.DOTALL)
"""Fenced blocks and code spans: what they show is an example, not a link of the document."""


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(action.choices)  # type: ignore[union-attr]


def test_the_readme_is_a_front_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) < 20_000
    assert readme.splitlines()[3:5] == [
        "make site   # installs everything (.venv, pinned Mermaid from npm) and builds the example handbooks",
        "make test   # installs everything (incl. Debian's Chromium for browser tests) and runs the tests",
    ]


@pytest.mark.parametrize("command", _subcommands())
def test_every_command_is_documented(command: str) -> None:
    assert f"`process-manual {command}" in (ROOT / "reference" / "cli.md").read_text(encoding="utf-8")
    assert f"`process-manual {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


OPTIONS_START = "<!-- plugin options: generated from plugins/process_manual/build/options.py (tests/test_docs.py) -->\n"
OPTIONS_END = "<!-- end of the plugin options -->\n"


def test_the_plugin_options_reference_is_what_the_declaration_says() -> None:
    """reference/plugin.md's table is made from build/options.py; UPDATE_GOLDEN=1 rewrites it."""
    path = ROOT / "reference" / "plugin.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(OPTIONS_START) == 1 and text.count(OPTIONS_END) == 1, "plugin.md lacks the options markers"
    before, rest = text.split(OPTIONS_START)
    section, after = rest.split(OPTIONS_END)
    generated = options_reference()
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(before + OPTIONS_START + generated + OPTIONS_END + after, encoding="utf-8")
        section = generated
    assert section == generated, "reference/plugin.md's options are stale: UPDATE_GOLDEN=1 pytest tests/test_docs.py"
    for option in PluginOptions.fields():
        assert f"| `{option.name}` |" in section


CATALOGS_START = "<!-- catalogs: generated from plugins/process_manual/core/catalogs (tests/test_docs.py) -->\n"
CATALOGS_END = "<!-- end of the catalogs -->\n"


def test_the_catalogs_reference_is_what_the_catalogs_say() -> None:
    """reference/catalogs.md's tables are made from the catalog files; UPDATE_GOLDEN=1 rewrites them."""
    path = ROOT / "reference" / "catalogs.md"
    text = path.read_text(encoding="utf-8")
    assert text.count(CATALOGS_START) == 1 and text.count(CATALOGS_END) == 1, "catalogs.md lacks the markers"
    before, rest = text.split(CATALOGS_START)
    section, after = rest.split(CATALOGS_END)
    generated = catalogs_reference()
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(before + CATALOGS_START + generated + CATALOGS_END + after, encoding="utf-8")
        section = generated
    assert section == generated, "reference/catalogs.md is stale: UPDATE_GOLDEN=1 pytest tests/test_docs.py"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(doc: Path) -> None:
    text = CODE.sub("", doc.read_text(encoding="utf-8"))
    broken = []
    for match in LINK.finditer(text):
        target = (match.group(1) or match.group(2)).split("#")[0]
        if not target or "://" in target or target.startswith("mailto:"):
            continue
        if not (doc.parent / target).exists():
            broken.append(target)
    assert not broken, f"{doc.name} links to files that do not exist: {broken}"


def test_no_file_cites_a_document_outside_the_repository() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    outside = re.compile(r"\.\./shared|DESIGN\.md|notes/contract")
    found = []
    for name in tracked.splitlines():
        path = ROOT / name
        if path.suffix not in {".py", ".md", ".yml", ".yaml", ".js", ".css", ".toml", ".mjs"} or not path.is_file():
            continue
        if name == "tests/test_docs.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if outside.search(line):
                found.append(f"{name}:{number}")
    assert not found, f"citations of files outside the repository: {found}"
