"""The parts of the printed handbook that are not site pages: title page, table of contents and page
numbers, and the merge of everything into one tagged PDF (pypdf, :mod:`.pdftags`).

Each process page is printed on its own by Chromium (pdf.py), so its running header names that
process; the page numbers of the whole book are laid over the merged pages afterwards, because a
page printed on its own would count from 1.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from process_manual.core.labels import Labels
from process_manual.core.model import Process
from process_manual.formats.xmlwrite import Element
from process_manual.render.text import attribute, marked

PAGE_CSS = """
@page { size: A4; margin: 18mm 14mm 16mm; }
body { font-family: "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif; color: #222; font-size: 10pt; }
"""
"""The paper of the book: the same A4 and margins as process-manual.css's @page rule."""

if TYPE_CHECKING:  # only printing imports pypdf, lazily
    from pypdf import PdfWriter
    from pypdf.generic import IndirectObject

    from process_manual.formats.pdfpages import RewriteUri


@dataclass(frozen=True)
class Section:
    """One printed process: where it stands in the architecture, and its pages once printed."""

    process: Process
    trail: tuple[str, ...]
    """Names of its areas, domain first."""
    pdf: bytes = b""

    @property
    def pages(self) -> int:
        return page_count(self.pdf) if self.pdf else 0


def _e(text: object) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def title_page_html(title: str, subtitle: str, labels: Labels, today: dt.date, count: int, *, language: str) -> str:
    return f"""<!doctype html><html lang="{attribute(language)}"><head><meta charset="utf-8">
<title>{_e(title)}</title><style>{PAGE_CSS}
.title {{ margin-top: 70mm; text-align: center; }}
h1 {{ font-size: 28pt; margin: 0 0 6mm; }} .subtitle {{ font-size: 14pt; color: #555; }}
.facts {{ margin-top: 20mm; font-size: 11pt; color: #555; }}
</style></head><body><div class="title"><h1>{_e(title)}</h1><div class="subtitle">{_e(subtitle)}</div>
<div class="facts">{_e(labels.printed.format(date=today.isoformat()))} · {count} × {_e(labels.process)}</div>
</div></body></html>"""


def contents_html(sections: Sequence[Section], first_pages: Sequence[int], labels: Labels, *, language: str) -> str:
    """The table of contents: processes under their area headings, each with its first page. A title not
    translated yet is shown in its source language, marked as on the site."""
    rows: list[str] = []
    last_trail: tuple[str, ...] = ()
    for section, first in zip(sections, first_pages, strict=False):
        if section.trail != last_trail:
            rows.append(f'<tr class="area"><td colspan="4">{_e(" › ".join(section.trail))}</td></tr>')
            last_trail = section.trail
        process = section.process
        rows.append(
            f"<tr><td>{_e(process.id)}</td><td>{marked(_e(process.title), process.title)}</td>"
            f"<td>{_e(process.version)}</td>"
            f'<td class="n">{first}</td></tr>'
        )
    return f"""<!doctype html><html lang="{attribute(language)}"><head><meta charset="utf-8">
<title>{_e(labels.contents)}</title><style>{PAGE_CSS}
h1 {{ font-size: 18pt; }} table {{ width: 100%; border-collapse: collapse; }}
td, th {{ padding: 1.5mm 2mm; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }}
tr {{ break-inside: avoid; }} thead {{ display: table-header-group; }}
tr.area td {{ font-weight: 700; padding-top: 4mm; border-bottom: 1px solid #888; }}
.n {{ text-align: right; white-space: nowrap; }}
.pm-translation-note {{ font-size: .8em; color: #555; }}
</style></head><body><h1>{_e(labels.contents)}</h1><table>
<thead><tr><th>{_e(labels.id)}</th><th>{_e(labels.process)}</th><th>{_e(labels.version)}</th>
<th class="n">{_e(labels.page)}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></body></html>"""


def page_numbers_html(total: int, landscape: frozenset[int] = frozenset()) -> str:
    """`total` empty A4 sheets, each with "n / total" where the process pages' own number would stand;
    the sheets numbered in `landscape` lie on their side, like the wide flowcharts they go over."""
    sheets = "".join(
        f'<div class="sheet{" wide" if n in landscape else ""}"><span>{n} / {total}</span></div>'
        for n in range(1, total + 1)
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0; }} @page wide {{ size: A4 landscape; margin: 0; }} html, body {{ margin: 0; }}
.sheet {{ position: relative; width: 210mm; height: 296.5mm; overflow: hidden; break-after: page; }}
.sheet.wide {{ page: wide; width: 297mm; height: 209.5mm; }}
.sheet:last-child {{ break-after: auto; }}
.sheet span {{ position: absolute; right: 14mm; bottom: 7mm; font: 8pt sans-serif; color: #555; }}
</style></head><body>{sheets}</body></html>"""


def landscape_pages(pdf: bytes) -> list[bool]:
    """For each page of a PDF: is it wider than tall?"""
    from pypdf import PdfReader

    return [float(page.mediabox.width) > float(page.mediabox.height) for page in PdfReader(io.BytesIO(pdf)).pages]


def merge(
    title_pdf: bytes,
    contents_pdf: bytes,
    sections: Sequence[Section],
    numbers_pdf: bytes,
    *,
    title: str,
    contents_title: str,
    language: str,
    rewrite_uri: RewriteUri,
) -> bytes:
    """One tagged PDF in `language`: title page, contents, every section, each with its structure tree; page
    numbers laid over all but the title page; an outline (bookmarks) by area and process."""
    from pypdf import PdfReader  # only printing needs it: every other command starts 40 ms sooner

    from process_manual.formats.pdftags import TaggedBook

    book = TaggedBook(language=language, rewrite_uri=rewrite_uri)
    book.append(title_pdf, title=title)
    contents_start = book.page_count
    book.append(contents_pdf, title=contents_title)
    starts: list[int] = []
    for section in sections:
        starts.append(book.page_count)
        book.append(section.pdf, title=f"{section.process.id} {section.process.title}")
    numbers = PdfReader(io.BytesIO(numbers_pdf))
    for index in range(1, min(book.page_count, len(numbers.pages))):
        book.lay_over(index, numbers.pages[index])
    writer = book.finish(title=title)
    _add_outline(writer, sections, starts, title=title, contents_title=contents_title, contents_start=contents_start)
    _set_xmp(writer, title=title, language=language)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add_outline(
    writer: PdfWriter,
    sections: Sequence[Section],
    starts: Sequence[int],
    *,
    title: str,
    contents_title: str,
    contents_start: int,
) -> None:
    writer.add_outline_item(title=title, page_number=0)
    writer.add_outline_item(title=contents_title, page_number=contents_start)
    parents: dict[tuple[str, ...], IndirectObject] = {}
    for section, start in zip(sections, starts, strict=False):
        parent = None
        for depth in range(1, len(section.trail) + 1):
            trail = section.trail[:depth]
            if trail not in parents:
                parents[trail] = writer.add_outline_item(title=trail[-1], page_number=start, parent=parent)
            parent = parents[trail]
        writer.add_outline_item(title=f"{section.process.id} {section.process.title}", page_number=start, parent=parent)


def xmp_packet(*, title: str, language: str) -> bytes:
    """XMP metadata (ISO 16684-1) naming the document's title and language, as PDF/UA asks (dc:title)."""
    root = Element("x:xmpmeta", {"xmlns:x": "adobe:ns:meta/"})
    description = root.add("rdf:RDF", **{"xmlns:rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}).add(
        "rdf:Description", **{"rdf:about": "", "xmlns:dc": "http://purl.org/dc/elements/1.1/"}
    )
    description.add("dc:title").add("rdf:Alt").add("rdf:li", title, **{"xml:lang": "x-default"})
    description.add("dc:language").add("rdf:Bag").add("rdf:li", language)
    lines: list[str] = []
    root.write(lines)
    packet = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + "".join(lines) + '<?xpacket end="r"?>'
    return packet.encode("utf-8")


def _set_xmp(writer: PdfWriter, *, title: str, language: str) -> None:
    from pypdf.generic import DecodedStreamObject, NameObject

    stream = DecodedStreamObject()
    stream.set_data(xmp_packet(title=title, language=language))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)  # pypdf's way to add an object


def document_language(pdf: bytes) -> str | None:
    """The language a PDF's catalog declares (`/Lang`: Chromium writes the page's `lang` there)."""
    from pypdf import PdfReader

    language = PdfReader(io.BytesIO(pdf)).root_object.get("/Lang")
    return str(language) if language else None


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
