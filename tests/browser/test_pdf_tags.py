"""The book keeps the tags of its parts (formats/pdftags.py): small pages printed by Chromium, tagged, put
together as `process-manual pdf` does, and read back with pypdf.

Two parts that Chromium numbered alike — the same marked-content ids, table-header IDs and anchor names —
must still lead each to its own elements and places in the book."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from pdf_structure import structure_problems, structure_types, untagged_paint
from process_manual.formats.pdfcompose import merge, page_numbers_html

pytestmark = pytest.mark.browser

PRINTING_SERVER = "http://127.0.0.1:45555/"
PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title><style>
@page {{ size: A4; margin: 18mm; @top-left {{ content: "{title} · running header"; }} }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #888; background: #eef; }}
</style></head><body><h1>{title}</h1>
<p>See <a href="#steps">the steps</a>, the <a href="{server}roles/clerk/">clerk</a> and
<a href="https://www.iso.org/standard/62085.html">ISO 9001</a>.</p>
<table><tr><th>Role</th><th>Task</th></tr><tr><td>Clerk</td><td>{task}</td></tr></table>
<svg role="img" aria-label="Flowchart of {title}" width="200" height="60"><rect x="5" y="5" width="120" height="40"
 fill="#ccf"/><text x="12" y="30">{task}</text></svg>
<h2 id="steps" style="break-before: page">Steps</h2><p>{task}, then archive.</p></body></html>"""


def printed(browser, markup: str, *, tagged: bool = True) -> bytes:
    page = browser.new_page()
    try:
        page.set_content(markup, wait_until="load")
        return page.pdf(prefer_css_page_size=True, print_background=True, tagged=tagged)
    finally:
        page.close()


def part(browser, title: str, task: str, lang: str = "en") -> bytes:
    return printed(browser, PAGE.format(lang=lang, title=title, task=task, server=PRINTING_SERVER))


class Printed:
    def __init__(self, process: str, pdf: bytes) -> None:
        from process_manual.core.model import Process  # only the id and title are read by merge

        self.process = Process.model_construct(id=process, title=f"{process} title")
        self.trail = ("Area",)
        self.pdf = pdf


def book(browser, *, published: str | None) -> PdfReader:
    sections = [Printed("A-001", part(browser, "Order intake", "Register the order")),
                Printed("A-002", part(browser, "Complaints", "Register the complaint"))]
    total = 2 + 2 + 2 + 2  # each part has a page for its steps
    numbers = printed(browser, page_numbers_html(total), tagged=False)

    def rewrite(uri: str) -> str | None:
        if not uri.startswith(PRINTING_SERVER):
            return uri
        return None if published is None else published + uri[len(PRINTING_SERVER):]

    pdf = merge(part(browser, "Handbook", "Title page"), part(browser, "Contents", "The processes"), sections,
                numbers, title="Handbook — Sales", contents_title="Contents", language="en", rewrite_uri=rewrite)
    return PdfReader(io.BytesIO(pdf))


def links(reader: PdfReader) -> list[tuple[int, str]]:
    """(page index, where it leads: a URI, or "page N") of every link annotation."""
    found = []
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if "/Dest" in annotation:
                found.append((index, f"page {reader.get_page_number(annotation['/Dest'][0].get_object())}"))
            elif "/A" in annotation:
                found.append((index, str(annotation["/A"]["/URI"])))
    return found


def test_the_parts_keep_their_structure_in_one_tree(browser) -> None:
    reader = book(browser, published="https://handbook.example.com/")
    assert structure_problems(reader) == []
    catalog = reader.root_object
    assert catalog["/Lang"] == "en"
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == "Handbook — Sales"
    assert reader.xmp_metadata.dc_title == {"x-default": "Handbook — Sales"}
    assert reader.xmp_metadata.dc_language == ["en"]
    document = catalog["/StructTreeRoot"]["/K"].get_object()
    assert document["/S"] == "/Document" and document["/Lang"] == "en"
    parts = [kid.get_object() for kid in document["/K"]]
    assert [(p["/S"], p["/T"]) for p in parts] == [("/Part", "Handbook — Sales"), ("/Part", "Contents"),
                                                  ("/Part", "A-001 A-001 title"), ("/Part", "A-002 A-002 title")]
    types = structure_types(reader)
    assert types.count("/H1") == 4 and types.count("/Table") == 4 and types.count("/Figure") == 4
    assert types.count("/TH") == 8, "every header cell of every part"
    # The overlay's page numbers and Chromium's running headers, table rules and backgrounds are artifacts.
    assert untagged_paint(reader) == [0] * len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    assert "3 / 8" in texts[2] and "running header" in texts[2]
    assert all(f"{n} / 8" in text for n, text in enumerate(texts[1:], 2)) and "/ 8" not in texts[0]


def test_links_lead_to_their_own_part_and_to_the_published_site(browser) -> None:
    reader = book(browser, published="https://handbook.example.com/")
    found = links(reader)
    # Every part has a link to its own "#steps" (the same name in each): it leads to that part's second page.
    inside = [(index, target) for index, target in found if target.startswith("page ")]
    assert inside == [(0, "page 1"), (2, "page 3"), (4, "page 5"), (6, "page 7")]
    outside = sorted({target for _, target in found if not target.startswith("page ")})
    assert outside == ["https://handbook.example.com/roles/clerk/", "https://www.iso.org/standard/62085.html"]
    unpublished = book(browser, published=None)
    assert structure_problems(unpublished) == [], "a dropped link leaves no reference behind in the tree"
    assert sorted({t for _, t in links(unpublished) if not t.startswith("page ")}) == [
        "https://www.iso.org/standard/62085.html"]


def test_a_part_in_another_language_keeps_its_language(browser) -> None:
    title = part(browser, "Handbook", "Title page")
    contents = part(browser, "目录", "流程", lang="zh-Hans")
    numbers = printed(browser, page_numbers_html(4), tagged=False)
    pdf = merge(title, contents, [], numbers, title="Handbook", contents_title="目录", language="en",
                rewrite_uri=lambda uri: uri)
    reader = PdfReader(io.BytesIO(pdf))
    parts = [kid.get_object() for kid in reader.root_object["/StructTreeRoot"]["/K"].get_object()["/K"]]
    assert "/Lang" not in parts[0] and parts[1]["/Lang"] == "zh-Hans"


def test_an_untagged_part_is_refused(browser) -> None:
    untagged = printed(browser, PAGE.format(lang="en", title="T", task="x", server=PRINTING_SERVER), tagged=False)
    with pytest.raises(ValueError, match="printed without tags"):
        merge(untagged, untagged, [], untagged, title="T", contents_title="C", language="en", rewrite_uri=str)
