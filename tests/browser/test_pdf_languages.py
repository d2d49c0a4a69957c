"""`process-manual pdf --language`: the example handbook (Chinese source, English translated, traditional
Chinese derived) printed in each of its languages from one build of its sites, read back with pypdf."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser_harness import ROOT, Handbook, Handbooks
from process_manual.core.model import Process
from process_manual.load.handbook import load_handbook
from process_manual.load.localize import localize
from test_pdf import check_book, flat, print_pdf

pytestmark = pytest.mark.browser

PUBLISHED = "https://handbook.example.com/"
"""mkdocs.yml's site_url when HANDBOOK_SITE_URL is not set (the command runs without it)."""
AREA = ["ADM-001", "ADM-004"]
"""The processes of the area `administration`, in the order of the landscape."""


def published_in(language: str) -> dict[str, Process]:
    handbook = localize(load_handbook(ROOT / "processes"), language)
    return {s.process.id: s.process for s in handbook.processes if s.process.status == "effective"}


def print_language(handbook: Handbook, language: str, output: Path) -> PdfReader:
    result = print_pdf("--config", str(ROOT / "mkdocs.yml"), "--site", str(handbook.site_dir), "--language", language,
                       "--area", "administration", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {output}: {len(PdfReader(output).pages)} pages, 2 process(es)\n"
    return PdfReader(io.BytesIO(output.read_bytes()))


def uris(reader: PdfReader) -> set[str]:
    return {str(a.get_object()["/A"]["/URI"]) for page in reader.pages for a in page.get("/Annots") or []
            if "/A" in a.get_object()}


def figure_texts(reader: PdfReader) -> list[str]:
    from pdf_structure import _walk

    return [str(element.get("/Alt")) for _, element, _, _ in _walk(reader) if element["/S"] == "/Figure"]


def test_the_english_handbook_prints_in_english(handbooks: Handbooks, tmp_path: Path) -> None:
    handbook = handbooks.get("zh")
    reader = print_language(handbook, "en", tmp_path / "administration-en.pdf")
    processes = published_in("en")
    sheets = check_book(tmp_path / "administration-en.pdf", processes, AREA, language="en")
    assert re.fullmatch(r"Company Process Handbook Administration Printed [-\d]{10} · 2 × Process", flat(sheets[0]))
    assert flat(sheets[1]).startswith("Contents ID Process Version Page")
    assert "ADM-001 Meeting management 2.2 3" in flat(sheets[1])
    assert not re.search(r"[\u4e00-\u9fff]", flat(sheets[1])), "no Chinese left in the English contents"
    assert reader.metadata.title.startswith("Company Process Handbook — ")
    assert reader.xmp_metadata.dc_language == ["en"]
    assert figure_texts(reader) == [
        f"Flowchart of {pid} {processes[pid].title}. " + figure.split(". ", 1)[1] for pid, figure in
        zip(AREA, figure_texts(reader))]
    assert all("the steps are listed below the diagram" in text for text in figure_texts(reader))
    # Links to other pages of the site lead to the English site where it is published (mkdocs.yml's site_url),
    # not to the local server the pages were printed from.
    assert not any(uri.startswith("http://127.0.0.1") for uri in uris(reader))
    site_links = {uri for uri in uris(reader) if uri.startswith(PUBLISHED)}
    assert site_links and all(uri.startswith(PUBLISHED + "en/") for uri in site_links), site_links


def test_the_traditional_handbook_prints_in_traditional_characters(handbooks: Handbooks, tmp_path: Path) -> None:
    handbook = handbooks.get("zh")
    reader = print_language(handbook, "zh-Hant", tmp_path / "administration-hant.pdf")
    processes = published_in("zh-Hant")
    sheets = check_book(tmp_path / "administration-hant.pdf", processes, AREA, language="zh-Hant")
    assert flat(sheets[0]).startswith("公司流程手冊")
    contents = unicodedata.normalize("NFKC", flat(sheets[1]))
    assert contents.startswith("目錄 編號 流程 版本 頁碼") and processes["ADM-001"].title in contents
    assert "會議" in processes["ADM-001"].title, "converted from 会议管理流程"
    assert all(text.startswith(f"{pid} {processes[pid].title} 流程圖。共 ")
               for pid, text in zip(AREA, figure_texts(reader)))
    assert not any(uri.startswith("http://127.0.0.1") for uri in uris(reader))
    site_links = {uri for uri in uris(reader) if uri.startswith(PUBLISHED)}
    assert site_links and all(uri.startswith(PUBLISHED + "zh-Hant/") for uri in site_links), site_links
