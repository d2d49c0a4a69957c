"""No Python or JavaScript module of the package holds interface text: it is in the catalogs.

What counts (ARCHITECTURE.md, "Interface text is data"): a string in code may not hold a CJK character,
nor a phrase of the English catalog. Exempt are what documents the code and the file format, which are
written in English with Chinese examples, for contributors and editors, never shown on a page:
comments, docstrings (a string standing alone as a statement), the JSON Schema's `description=` and
`examples=`, the plugin options' `_doc(...)`, argparse's `help=`, and the rule table's `_r(...)` entries
(ids and process-file snippets; what a rule finds is in the catalogs). Messages of the command line and
of the checks are English by design (reference/languages.md) and hold no catalog phrase.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from process_manual.core.catalog import CATALOG_FOLDER, read_catalog
from process_manual.core.catalog_file import Plural
from process_manual.core.cjk import has_cjk

PACKAGE = Path(__file__).parents[1] / "plugins" / "process_manual"
PYTHON = sorted(PACKAGE.rglob("*.py"))
ASSETS = sorted(p for p in (PACKAGE / "build" / "assets").iterdir() if p.suffix in (".js", ".css"))
DOCUMENTING_KEYWORDS = {"description", "examples", "help"}
DOCUMENTING_CALLS = {"_doc", "_r"}
"""The options' docs, and the rule table's entries (core/rules.py: id, severity, principle and the bad and good
process-file snippets, which are author data shown the same in every language)."""


def code_strings(path: Path, *, as_written: bool = False) -> list[tuple[int, str]]:
    """Every string of a module that is not documentation, with its line: its value, or `as_written` in the
    source (a character range written "\\u4e00-\\u9fff" is no Chinese text)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            exempt.add(id(node.value))  # a docstring, of a module, class, function or attribute
        elif isinstance(node, ast.keyword) and node.arg in DOCUMENTING_KEYWORDS:
            exempt.update(id(inner) for inner in ast.walk(node.value))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in DOCUMENTING_CALLS:
            exempt.update(id(inner) for arg in node.args for inner in ast.walk(arg))
    return [
        (node.lineno, (ast.get_source_segment(source, node) or "") if as_written else node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in exempt
    ]


def js_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a script or stylesheet, comments left out."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), path.read_text(encoding="utf-8"), flags=re.S)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        code = re.sub(r"(?<![:\"'])//.*$", "", line)
        found += [(number, literal[1:-1]) for literal in re.findall(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', code)]
    return found


def normal(text: str) -> str:
    return " ".join(text.split()).strip(" :;,.—-")


def english_phrases() -> tuple[set[str], set[str]]:
    """What a string in code must not be or hold: a whole English label of two words or more ("Process
    owner", "Open full screen"), and any run of four words or more of a longer English text (split at
    placeholders, punctuation and code). Shorter runs ("working days", "always an error") are words the
    English messages of the command line share with the catalog, and stay allowed inside them."""
    labels, runs = set(), set()
    for message in read_catalog(CATALOG_FOLDER / "en.yml").messages().values():
        texts = message.forms.values() if isinstance(message, Plural) else [message]
        for text in texts:
            if "`" not in text and len(re.findall(r"[A-Za-z]+", re.sub(r"\{\w*\}", "", text))) >= 2:
                labels.add(normal(re.sub(r"\{\w*\}", "", text)))
            prose = re.sub(r"`[^`]*`|\S*[_\[\]/]\S*", " ", text)  # code, ids and file names are not phrases
            for part in re.split(r"\{\w*\}|[.;:,!?()\"“”—–·*\n]|\s-\s", prose):
                words = part.split()
                if len(words) >= 4 and all(re.fullmatch(r"[A-Za-z][A-Za-z'-]*", word) for word in words):
                    runs.add(" ".join(words))
    return labels, runs


LABELS, RUNS = english_phrases()
RUN = re.compile("(?<![A-Za-z])(?:" + "|".join(map(re.escape, sorted(RUNS, key=len, reverse=True))) + ")(?![A-Za-z])")


@pytest.mark.parametrize("path", PYTHON + ASSETS, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_cjk_text_in_code(path: Path) -> None:
    strings = code_strings(path, as_written=True) if path.suffix == ".py" else js_strings(path)
    found = [(line, text) for line, text in strings if has_cjk(text)]
    assert found == [], "interface text belongs in a catalog (core/catalogs/<tag>.yml)"


@pytest.mark.parametrize("path", PYTHON + ASSETS, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_phrase_of_the_english_catalog_in_code(path: Path) -> None:
    strings = code_strings(path) if path.suffix == ".py" else js_strings(path)
    found = [(line, text) for line, text in strings if normal(text) in LABELS]
    found += [(line, run.group()) for line, text in strings if (run := RUN.search(" ".join(text.split())))]
    assert found == [], "interface text belongs in the catalogs (core/catalogs/en.yml and the others)"


def test_the_scan_sees_what_it_looks_for(tmp_path: Path) -> None:
    """The two scans fail on text in code and pass documentation: they can fail."""
    module = tmp_path / "module.py"
    module.write_text(
        '"""文件审批: a docstring."""\n'
        'LABEL = "流程图"  # 流程图 in a comment\n'
        'TITLE = f"{x}: Responsibility matrix (RACI)"\n'
        'Field(description="开始", examples=["3个工作日"])\n',
        encoding="utf-8",
    )
    assert [line for line, text in code_strings(module, as_written=True) if has_cjk(text)] == [2]
    assert [normal(text) for _, text in code_strings(module) if normal(text) in LABELS] == [
        "Responsibility matrix (RACI)"
    ]
    assert "The flowchart could not be drawn" in RUNS
    script = tmp_path / "script.js"
    script.write_text('/* "流程图" */\nvar failed = "The flowchart could not be drawn";  // 注释\n', encoding="utf-8")
    assert js_strings(script) == [(2, "The flowchart could not be drawn")]


def test_adding_german_needed_no_code() -> None:
    """German is one file, core/catalogs/de.yml: no module names it."""
    for path in PYTHON:
        strings = [text for _, text in code_strings(path)]
        assert not [text for text in strings if re.fullmatch(r"de(?:[-_][A-Za-z]+)*", text)], path
