"""Links between processes printed in one book (`[[ADM-001#draft-minutes]]`, a sub-process) lead inside the
book, to the anchor they name: the address the pages were printed from is gone once the book is written,
and the published site is not the paper."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser_harness import ROOT, Handbooks
from pdf_structure import structure_problems
from process_manual.formats.pdfcompose import merge, page_numbers_html
from process_manual.load.handbook import load_handbook
from test_pdf import loose, outline, print_pdf
from test_pdf_tags import PAGE, PRINTING_SERVER, Printed, links, printed

pytestmark = pytest.mark.browser

CROSS = PAGE.replace(
    "<p>See ",
    '<p>Then <a href="{server}processes/a-002/#steps">its steps</a> and <a href="{server}processes/a-002/">'
    "the process</a>; see ",
)


def test_a_link_to_another_printed_process_leads_to_its_anchor_in_the_book(browser) -> None:
    first = printed(browser, CROSS.format(lang="en", title="Order intake", task="Register", server=PRINTING_SERVER))
    second = printed(browser, CROSS.format(lang="en", title="Complaints", task="Answer", server=PRINTING_SERVER))
    numbers = printed(browser, page_numbers_html(8), tagged=False)
    in_book = {PRINTING_SERVER + "processes/a-002/": "A-002"}

    def rewrite(uri: str) -> str | tuple[str, str] | None:
        address, _, anchor = uri.partition("#")
        if address in in_book:
            return in_book[address], anchor
        return None if uri.startswith(PRINTING_SERVER) else uri

    title = printed(browser, PAGE.format(lang="en", title="Handbook", task="Title", server=PRINTING_SERVER))
    pdf = merge(title, title, [Printed("A-001", first), Printed("A-002", second)], numbers, title="Handbook",
                contents_title="Contents", language="en", rewrite_uri=rewrite)
    reader = PdfReader(io.BytesIO(pdf))
    found = links(reader)
    # A-001 (pages 4-5) links A-002's steps (page 7) and its start (page 6); A-002 links itself the same way.
    assert (4, "page 7") in found and (4, "page 6") in found
    assert (6, "page 7") in found and (6, "page 6") in found
    assert not [target for _, target in found if target.startswith(PRINTING_SERVER)]
    assert structure_problems(reader) == []


def test_the_example_handbook_links_its_processes_inside_the_book(handbooks: Handbooks, tmp_path: Path) -> None:
    """The printed PRJ-001 names the step of ADM-001 where minutes are drafted ([[ADM-001#draft-minutes]]):
    in the book the link opens the page that describes that step."""
    output = tmp_path / "handbook.pdf"
    result = print_pdf("--config", str(ROOT / "mkdocs.yml"), "--site", str(handbooks.get("zh").site_dir),
                       "--output", str(output))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    step = next(s.process for s in load_handbook(ROOT / "processes").processes
                if s.process.id == "ADM-001").step("draft-minutes")
    assert step is not None
    pages = [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]
    starts = sorted(page for depth, title, page in outline(reader) if re.match(r"[A-Z]+-\d+ ", title))
    prj = next(page for depth, title, page in outline(reader) if title.startswith("PRJ-001 "))
    end = next((start for start in starts if start > prj), len(pages))
    # Only PRJ-001's own links: ADM-001's pages link their own steps anyway.
    targets = [int(target.split()[1]) for index, target in links(reader) if prj <= index < end and
               target.startswith("page ")]
    assert any(not prj <= target < end and re.search(loose(step.title), pages[target]) for target in targets), \
        f"no link of PRJ-001 leads to the page of '{step.title}'"
    assert not [t for _, t in links(reader) if t.startswith("http://127.0.0.1")], "links to the printing server"
