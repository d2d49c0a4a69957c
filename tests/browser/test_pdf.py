"""`process-manual pdf`: the handbook printed by headless Chromium into one PDF, read back with pypdf.

The PDF must have a title page, a table of contents whose page numbers are right, one section per
process under its running header, page numbers "n / total", every step name, drawn flowcharts and no
Mermaid source text; it is a tagged PDF in the handbook's language (pdf_structure.py checks the tags)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser_harness import CHROMIUM, ROOT, Handbooks
from pdf_structure import structure_problems, structure_types, untagged_paint
from process_manual.load.handbook import load_handbook
from process_manual.core.model import Process

pytestmark = pytest.mark.browser

CLI = Path(sys.executable).parent / "process-manual"
MERMAID_SOURCE = ("flowchart TB", "flowchart LR", "-->", "classDef", "subgraph", ":::", "click n0")


def print_pdf(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PROCESS_MANUAL_CHROMIUM": str(CHROMIUM)}
    return subprocess.run([str(CLI), "pdf", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as one space (labels wrap inside diagram boxes)."""
    return " ".join(text.split())


def loose(text: str) -> str:
    """A pattern for `text` as extracted from the PDF: Chromium writes some CJK characters of Noto CJK into
    the PDF's text layer as their look-alike radicals (门 as U+2EE8 ⻔), which NFKC does not map back."""
    return "".join(f"(?:{re.escape(c)}|[\u2e80-\u2fdf])" if "\u4e00" <= c <= "\u9fff" else re.escape(c) for c in text)


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for entry in items:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry)))

    walk(reader.outline, 0)
    return found


def published(processes_dir: Path) -> dict[str, Process]:
    return {s.process.id: s.process for s in load_handbook(processes_dir).processes if s.process.status == "effective"}


def check_tags(reader: PdfReader, language: str, figures: int) -> None:
    """A tagged PDF in `language` whose tags hold together, with nothing on a page outside them but artifacts,
    and a figure (with its alternative text) for each of `figures` flowcharts."""
    catalog = reader.root_object
    assert catalog["/Lang"] == language
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert "/StructTreeRoot" in catalog
    assert structure_problems(reader) == []
    assert untagged_paint(reader) == [0] * len(reader.pages), "content neither tagged nor an artifact"
    types = structure_types(reader)
    assert types[0] == "/Document" and types.count("/Figure") == figures
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/Link", "/P"} <= set(types)


def check_book(pdf: Path, processes: dict[str, Process], expected_ids: list[str], *, language: str) -> list[str]:
    """Every property the book must have; returns the text of its sheets."""
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    check_tags(reader, language, figures=len(expected_ids))
    # NFKC: text extracted from Noto CJK comes partly as Kangxi radicals (U+2F63 for 生), which look the same.
    sheets = [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]
    total = len(sheets)
    marks = outline(reader)
    sections = [(title.split(" ", 1)[0], page) for depth, title, page in marks if title.split(" ", 1)[0] in processes]
    assert [pid for pid, _ in sections] == expected_ids, "one section per process, in landscape order"
    assert marks[0][2] == 0 and marks[1][2] == 1, "title page, then the contents"
    starts = [page for _, page in sections] + [total]
    assert starts[0] == 2 and starts == sorted(starts)
    contents = flat(" ".join(sheets[1:starts[0]]))
    for (pid, first), end in zip(sections, starts[1:]):
        process = processes[pid]
        assert re.search(rf"{pid} .*? {re.escape(process.version)} {first + 1}\b", contents), f"{pid} in the contents"
        header = f"{pid} {flat(process.title)} · "
        section = [flat(text) for text in sheets[first:end]]
        assert all(text.startswith(header) for text in section), f"{pid}: running header on every sheet"
        blank = [first + 1 + n for n, text in enumerate(sheets[first:end]) if len(text.strip().split("\n")) <= 2]
        assert not blank, f"{pid}: sheets with nothing but the running header and page number: {blank}"
        assert all(f"Effective {process.effective}" in text or f"生效日期 {process.effective}" in text
                   for text in section)
        body = " ".join(section)
        missing = [step.title for step in process.steps if not re.search(loose(flat(step.title)), body)]
        assert not missing, f"{pid}: step names missing from the PDF: {missing}"
        # Before the step list, only the drawn flowchart names the steps (a tall one starts its own sheet,
        # without the "Flowchart" heading: the running header names the process).
        before_steps = re.split(r" (?:Steps|流程步骤|流程步驟) 1\. ", body)[0]
        first_step = flat(process.steps[0].title)
        wrapped = r"\s?".join(loose(c) for c in first_step.replace(" ", ""))  # a label wraps inside its box
        assert re.search(wrapped, before_steps), f"{pid}: no flowchart"
    for number, text in enumerate(sheets[1:], 2):
        assert f"{number} / {total}" in text, f"sheet {number} has no page number"
    everything = "\n".join(sheets)
    leaked = [source for source in MERMAID_SOURCE if source in everything]
    assert not leaked, f"Mermaid source text in the PDF: {leaked}"
    return sheets


def test_the_whole_handbook_prints_to_one_pdf_with_contents_and_drawn_diagrams(handbooks: Handbooks,
                                                                               tmp_path: Path) -> None:
    handbook = handbooks.get("en")
    output = tmp_path / "handbook.pdf"
    result = print_pdf("--config", str(handbook.config), "--site", str(handbook.site_dir), "--output", str(output))
    assert result.returncode == 0, result.stderr
    processes = published(handbook.processes_dir)
    match = re.fullmatch(rf"wrote {re.escape(str(output))}: (\d+) pages, 7 process\(es\)\n", result.stdout)
    assert match, result.stdout
    order = ["QM-001", "ADM-001", "ADM-004", "PRJ-001", "SAL-001", "CUS-001", "HR-003"]
    assert sorted(order) == sorted(processes)
    sheets = check_book(output, processes, order, language="en")
    assert len(sheets) == int(match[1])
    assert flat(sheets[0]).startswith("Company Process Handbook Printed ")


def test_one_area_of_the_chinese_handbook_prints(handbooks: Handbooks, tmp_path: Path) -> None:
    config = ROOT / "mkdocs.yml"
    output = tmp_path / "administration.pdf"
    result = print_pdf("--config", str(config), "--site", str(handbooks.get("zh").site_dir), "--area", "administration",
                       "--output", str(output))
    assert result.returncode == 0, result.stderr
    processes = published(config.parent / "processes")
    sheets = check_book(output, processes, ["ADM-001", "ADM-004"], language="zh-Hans")
    assert "行政管理" in flat(sheets[0]) and "目录" in sheets[1]
    assert "会议管理流程" in flat(sheets[1]), "the source language's (Chinese) titles"


def test_the_traditional_handbook_prints_with_its_labels_and_joined_lines(handbooks: Handbooks, tmp_path: Path) -> None:
    config = ROOT / "examples" / "zh-hant" / "mkdocs.yml"
    output = tmp_path / "expenses.pdf"
    result = print_pdf("--config", str(config), "--site", str(handbooks.get("zh-hant").site_dir), "--area", "expenses",
                       "--output", str(output))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    check_tags(reader, "zh-Hant", figures=1)
    sheets = [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]
    assert "費用管理" in flat(sheets[0]) and "目錄" in sheets[1]
    process = published(config.parent / "processes")["FIN-001"]
    header = f"FIN-001 {process.title} · 第 {process.version} 版 · 生效日期 {process.effective}"
    assert all(flat(sheet).startswith(header) for sheet in sheets[2:]), "the running header, in traditional Chinese"
    # Sentences the YAML file wraps after "，" are printed without a space there (the PDF's own line
    # ends may fall anywhere: a line break is allowed between any two characters, a space is not).
    text = "\n".join(sheets[2:])
    for phrase in ("申請人都看得到，卡住時可以直接聯繫", "寫明費用類別、金額與事由，上傳發票", "黏貼單》上，註明報銷單號"):
        pattern = "\n?".join(loose(char) for char in unicodedata.normalize("NFKC", phrase))  # as the sheets were read
        assert re.search(pattern, text), f"'{phrase}' is not printed as one sentence"


def test_an_unknown_area_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    result = print_pdf("--area", "administraton", "--output", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert "unknown area 'administraton' — did you mean 'administration'?" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_traditional_handbook_prints_in_german_when_asked(tmp_path: Path) -> None:
    """Without `--site` the command builds the site itself (the other tests print the shared builds).
    `--language de`: the site is built in German (the catalogs' words; the handbook's own texts stay) and
    the title page, contents and running headers say German."""
    config = ROOT / "examples" / "zh-hant" / "mkdocs.yml"
    output = tmp_path / "expenses-de.pdf"
    result = print_pdf("--config", str(config), "--area", "expenses", "--language", "de", "--output", str(output))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    sheets = [flat(unicodedata.normalize("NFKC", page.extract_text())) for page in reader.pages]
    assert "Gedruckt am" in sheets[0] and "Inhalt" in sheets[1] and "Seite" in sheets[1]
    process = published(config.parent / "processes")["FIN-001"]
    header = f"FIN-001 {process.title} · Version {process.version} · Gültig ab {process.effective}"
    assert all(sheet.startswith(header) for sheet in sheets[2:]), "the running header, in German"
    body = " ".join(sheets[2:])
    assert "Verantwortungsmatrix (RACI)" in body and "Änderungshistorie" in body and "權責矩陣" not in body
