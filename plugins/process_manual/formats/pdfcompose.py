"""The parts of the printed handbook that are not site pages: title page, table of contents and page
numbers, and the merge of everything into one PDF (pypdf).

Each process page is printed on its own by Chromium (pdf.py), so its running header names that
process; the page numbers of the whole book are laid over the merged pages afterwards, because a
page printed on its own would count from 1.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from process_manual.core.labels import Labels
from process_manual.core.model import Process

PAGE_CSS = """
@page { size: A4; margin: 18mm 14mm 16mm; }
body { font-family: "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif; color: #222; font-size: 10pt; }
"""
"""The paper of the book: the same A4 and margins as process-manual.css's @page rule."""

if TYPE_CHECKING:  # only printing imports pypdf, lazily
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, IndirectObject


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


def title_page_html(title: str, subtitle: str, labels: Labels, today: dt.date, count: int) -> str:
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>{PAGE_CSS}
.title {{ margin-top: 70mm; text-align: center; }}
h1 {{ font-size: 28pt; margin: 0 0 6mm; }} .subtitle {{ font-size: 14pt; color: #555; }}
.facts {{ margin-top: 20mm; font-size: 11pt; color: #555; }}
</style></head><body><div class="title"><h1>{_e(title)}</h1><div class="subtitle">{_e(subtitle)}</div>
<div class="facts">{_e(labels.printed.format(date=today.isoformat()))} · {count} × {_e(labels.process)}</div>
</div></body></html>"""


def contents_html(sections: Sequence[Section], first_pages: Sequence[int], labels: Labels) -> str:
    """The table of contents: processes under their area headings, each with its first page."""
    rows: list[str] = []
    last_trail: tuple[str, ...] = ()
    for section, first in zip(sections, first_pages, strict=False):
        if section.trail != last_trail:
            rows.append(f'<tr class="area"><td colspan="4">{_e(" › ".join(section.trail))}</td></tr>')
            last_trail = section.trail
        process = section.process
        rows.append(
            f"<tr><td>{_e(process.id)}</td><td>{_e(process.title)}</td><td>{_e(process.version)}</td>"
            f'<td class="n">{first}</td></tr>'
        )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>{PAGE_CSS}
h1 {{ font-size: 18pt; }} table {{ width: 100%; border-collapse: collapse; }}
td, th {{ padding: 1.5mm 2mm; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }}
tr {{ break-inside: avoid; }} thead {{ display: table-header-group; }}
tr.area td {{ font-weight: 700; padding-top: 4mm; border-bottom: 1px solid #888; }}
.n {{ text-align: right; white-space: nowrap; }}
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


@dataclass(frozen=True)
class PrintedLinks:
    """Where the links of the printed pages point: the pages were printed from `base_url`; a link to a
    printed process (`site paths` -> its section) goes inside the book, any other page of the site to
    `site_url` (the intranet), or nowhere when the site has no address."""

    base_url: str
    sections: dict[str, int] = field(default_factory=dict)
    """The site path of each printed process page (`processes/adm-004/`) -> its section's index."""
    site_url: str | None = None


def merge(
    title_pdf: bytes,
    contents_pdf: bytes,
    sections: Sequence[Section],
    numbers_pdf: bytes,
    *,
    title: str,
    contents_title: str,
    links: PrintedLinks | None = None,
) -> bytes:
    """One PDF: title page, contents, every section; page numbers laid over all but the title page; an
    outline (bookmarks) by area and process; with `links`, the links of the printed pages pointed inside
    the book (:func:`_point_links`)."""
    from pypdf import PdfReader, PdfWriter  # only printing needs it: every other command starts 40 ms sooner

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(title_pdf)))
    contents_start = len(writer.pages)
    writer.append(PdfReader(io.BytesIO(contents_pdf)))
    starts: list[int] = []
    readers: list[PdfReader] = []
    for section in sections:
        starts.append(len(writer.pages))
        readers.append(PdfReader(io.BytesIO(section.pdf)))
        writer.append(readers[-1])
    if links is not None:
        _point_links(writer, readers, starts, links)
    numbers = PdfReader(io.BytesIO(numbers_pdf))
    for index, page in enumerate(writer.pages):
        if index > 0 and index < len(numbers.pages):
            page.merge_page(numbers.pages[index])
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
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


Place = tuple[int, float, float]
"""A place in the book: page index, left, top."""
KEEP, DROP = "keep", "drop"


def _destinations(reader: PdfReader, start: int) -> dict[str, Place]:
    """The anchors Chromium printed into one section (`/step-submit`, headings): name -> (page of the book,
    left, top)."""
    found: dict[str, Place] = {}
    for name, destination in reader.named_destinations.items():
        page = reader.get_destination_page_number(destination)
        if page is not None and page >= 0:
            found[str(name).lstrip("/")] = (start + page, float(destination.left or 0), float(destination.top or 0))
    return found


def _point_links(writer: PdfWriter, readers: Sequence[PdfReader], starts: Sequence[int], links: PrintedLinks) -> None:
    """Each section's links, made right for a book. Chromium names each anchor by its id, and every process
    has a `#step-archive`: merged, the names collide, so every link to an anchor becomes an explicit place
    (page and height) in its own section. A link to another printed process (a reference, a sub-process)
    goes to that section, at the anchor named; a link to any other page of the site goes to the site's
    address, or is dropped — the address printing used (127.0.0.1) is gone once the book is written."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NullObject, TextStringObject

    places = [_destinations(reader, start) for reader, start in zip(readers, starts, strict=True)]
    tops = [(start, 0.0, float(writer.pages[start].mediabox.top)) for start in starts]
    ends = [*starts[1:], len(writer.pages)]
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        for page in writer.pages[start:end]:
            annotations = page.get("/Annots")
            if not annotations:
                continue
            kept = ArrayObject()
            for item in annotations:
                annotation: DictionaryObject = item.get_object()
                target = _link_target(annotation, index, places, tops, links)
                if target == DROP:
                    continue
                if isinstance(target, tuple):
                    reference = writer.pages[target[0]].indirect_reference
                    annotation.pop("/A", None)
                    annotation[NameObject("/Dest")] = ArrayObject(
                        [reference, NameObject("/XYZ"), FloatObject(target[1]), FloatObject(target[2]), NullObject()]
                    )
                elif target != KEEP:
                    action = annotation["/A"].get_object()
                    if isinstance(action, DictionaryObject):
                        action[NameObject("/URI")] = TextStringObject(target)
                kept.append(item)
            page[NameObject("/Annots")] = kept
    names = writer.root_object.get("/Names")
    if names is not None:
        names.get_object().pop("/Dests", None)  # the merged names collided: every link now says its place


def _link_target(
    annotation: DictionaryObject,
    section: int,
    places: Sequence[dict[str, Place]],
    tops: Sequence[Place],
    links: PrintedLinks,
) -> Place | str:
    """Where one link of section `section` should go: a place in the book, a URL, KEEP or DROP. `tops`: the
    top of each section's first page."""
    if annotation.get("/Subtype") != "/Link":
        return KEEP
    destination = annotation.get("/Dest")
    if destination is not None:
        if isinstance(destination, list):
            return KEEP
        return places[section].get(str(destination).lstrip("/"), DROP)
    action = annotation.get("/A")
    uri = str(action.get_object().get("/URI", "")) if action is not None else ""
    if not uri.startswith(links.base_url):
        return KEEP
    path = uri[len(links.base_url) :]
    parts = urlsplit(path)
    target = links.sections.get(parts.path)
    if target is not None:
        anchor = places[target].get(parts.fragment) if parts.fragment else None
        return anchor or tops[target]
    return links.site_url.rstrip("/") + "/" + path if links.site_url else DROP
