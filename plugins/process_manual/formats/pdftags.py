"""One tagged PDF from the tagged PDFs Chromium printed: pages, links and the structure tree of each part.

Chromium prints each part of the book (title page, contents, one process page) as a tagged PDF: a
structure tree of headings, paragraphs, lists, tables and links (`/StructTreeRoot`), whose leaves point
into the page content by marked-content ids, and a parent tree leading back from the page to the tree.
A plain page-by-page merge keeps the pages and drops all of that. :class:`TaggedBook` copies the pages
and builds one tree for the book: a `Document` in the book's language, one `Part` per printed part
holding that part's tree, and a parent tree, ID tree and link annotations renumbered to match.
Everything on a page outside the tree is marked as an artifact (:mod:`.pdfcontent`).

Links are moved by :mod:`.pdfpages`: those to other pages of the site pointed at the local server the
pages were printed from and lead to the published site; those inside a page go to the place in the book.

References: ISO 32000-1, 14.7 (logical structure), 14.8 (tagged PDF); ISO 14289-1 (PDF/UA-1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from process_manual.formats.pdfpages import (
    RewriteUri,
    artifacts_marked,
    as_array,
    as_dictionary,
    content_of,
    moved_link,
    named_destinations,
    new_stream,
    reference_of,
)

_PAGE_NUMBER_FORM = NameObject("/PmPageNumber")
_PAGE_NUMBER_CONTENT = b"q /Artifact <</Type /Pagination /Subtype /Footer>> BDC /PmPageNumber Do EMC Q\n"


def _name(value: str) -> NameObject:
    return NameObject(value)


@dataclass
class _Part:
    """What one printed part's objects became in the book."""

    number: int
    pages: dict[int, IndirectObject] = field(default_factory=dict)
    """Source page object number -> the book's page."""
    annotations: dict[int, DictionaryObject] = field(default_factory=dict)
    """Source annotation object number -> the book's annotation."""


class TaggedBook:
    """A PDF put together from tagged parts, keeping their structure; `pdf()` writes it."""

    def __init__(self, *, language: str, rewrite_uri: RewriteUri) -> None:
        self.writer = PdfWriter()
        self.language = language
        self._rewrite_uri = rewrite_uri
        self._document = DictionaryObject(
            {
                _name("/Type"): _name("/StructElem"),
                _name("/S"): _name("/Document"),
                _name("/Lang"): TextStringObject(language),
            }
        )
        self._parts_kids = ArrayObject()
        self._document[_name("/K")] = self._parts_kids
        self._document_ref = self.writer._add_object(self._document)  # pypdf's way to add an object
        self._marked: dict[int, dict[int, IndirectObject]] = {}
        """Book page object number -> marked-content id -> the structure element it belongs to."""
        self._forms: dict[int, tuple[StreamObject, dict[int, IndirectObject]]] = {}
        """Form XObjects with marked content of their own: the book's form, and its marked content likewise."""
        self._objects: list[tuple[DictionaryObject, IndirectObject]] = []
        """Annotations the tree points to (links), with their structure element."""
        self._ids: dict[str, IndirectObject] = {}
        self._role_map = DictionaryObject()
        self._parts = 0
        self._readers: list[PdfReader] = []
        """Kept while the book is made: pypdf knows what it copied from a reader by the reader's id()."""

    @property
    def page_count(self) -> int:
        return len(self.writer.pages)

    def append(self, pdf: bytes, *, title: str = "") -> None:
        """Add every page of a tagged PDF and its structure tree, as a `Part` titled `title`."""
        reader = PdfReader(io.BytesIO(pdf))
        self._readers.append(reader)
        catalog = as_dictionary(reader.trailer["/Root"])
        tree = as_dictionary(catalog.get("/StructTreeRoot"))
        if not tree:
            raise ValueError("a part of the book was printed without tags")
        part = _Part(self._parts)
        self._parts += 1
        added: list[PageObject] = []
        for page in reader.pages:
            copy = self.writer.add_page(page, excluded_keys=("/Contents", "/Annots"))
            part.pages[reference_of(page).idnum] = reference_of(copy)
            added.append(copy)
        destinations = named_destinations(catalog)
        for page, copy in zip(reader.pages, added, strict=True):
            self._copy_annotations(page, copy, part, destinations)
            copy[_name("/Contents")] = self.writer._add_object(new_stream(b"q\n" + artifacts_marked(page) + b"\nQ\n"))
            for form in as_dictionary(as_dictionary(copy.get("/Resources")).get("/XObject")).values():
                form = form.get_object()
                if isinstance(form, StreamObject) and "/StructParents" in form:
                    self._forms.setdefault(reference_of(form).idnum, (form, {}))
        for key, value in as_dictionary(tree.get("/RoleMap")).items():
            self._role_map.setdefault(_name(key), value.clone(self.writer))
        element = DictionaryObject({_name("/Type"): _name("/StructElem"), _name("/S"): _name("/Part")})
        if title:
            element[_name("/T")] = TextStringObject(title)
        element_ref = self.writer._add_object(element)
        element[_name("/P")] = self._document_ref
        kids = ArrayObject()
        for kid in _kids(tree):
            top = kid.get_object()
            if isinstance(top, DictionaryObject) and top.get("/S") == "/Document":
                if "/Lang" in top and str(top["/Lang"]) != self.language:
                    element[_name("/Lang")] = TextStringObject(str(top["/Lang"]))
                kids += self._clone_kids(top, element_ref, _page_of(top, part, None), part)
            else:
                kids += self._clone_kids(DictionaryObject({_name("/K"): kid}), element_ref, None, part)
        element[_name("/K")] = kids
        self._parts_kids.append(element_ref)

    def lay_over(self, index: int, sheet: PageObject) -> None:
        """Draw `sheet` (an untagged page of the same size: the page number) over page `index`, as an
        artifact."""
        page = self.writer.pages[index]
        form = new_stream(content_of(sheet))
        form.update(
            {
                _name("/Type"): _name("/XObject"),
                _name("/Subtype"): _name("/Form"),
                _name("/BBox"): ArrayObject(FloatObject(corner) for corner in sheet.mediabox),
                _name("/Resources"): sheet["/Resources"].clone(self.writer),
            }
        )
        resources = DictionaryObject(page.get("/Resources", DictionaryObject()).items())
        forms = DictionaryObject(resources.get("/XObject", DictionaryObject()).items())
        forms[_PAGE_NUMBER_FORM] = self.writer._add_object(form)
        resources[_name("/XObject")] = forms
        page[_name("/Resources")] = resources
        page[_name("/Contents")] = ArrayObject(
            [page.raw_get("/Contents"), self.writer._add_object(new_stream(_PAGE_NUMBER_CONTENT))]
        )

    def finish(self, *, title: str) -> PdfWriter:
        """The structure tree's root, parent tree and ID tree; the catalog's language, title and marks."""
        writer = self.writer
        numbers = ArrayObject()
        key = 0
        for page in writer.pages:
            marks = self._marked.get(reference_of(page).idnum)
            if not marks:
                continue
            parents = ArrayObject(marks.get(mcid, NullObject()) for mcid in range(max(marks) + 1))
            numbers += [NumberObject(key), writer._add_object(parents)]
            page[_name("/StructParents")] = NumberObject(key)
            key += 1
        for form, marks in self._forms.values():
            if not marks:
                del form["/StructParents"]  # its marked content is in no element of the book
                continue
            parents = ArrayObject(marks.get(mcid, NullObject()) for mcid in range(max(marks) + 1))
            numbers += [NumberObject(key), writer._add_object(parents)]
            form[_name("/StructParents")] = NumberObject(key)
            key += 1
        for annotation, element in self._objects:
            annotation[_name("/StructParent")] = NumberObject(key)
            numbers += [NumberObject(key), element]
            key += 1
        root = DictionaryObject(
            {
                _name("/Type"): _name("/StructTreeRoot"),
                _name("/K"): self._document_ref,
                _name("/ParentTree"): writer._add_object(DictionaryObject({_name("/Nums"): numbers})),
                _name("/ParentTreeNextKey"): NumberObject(key),
            }
        )
        root_ref = writer._add_object(root)
        self._document[_name("/P")] = root_ref
        if self._ids:
            names = ArrayObject()
            for name in sorted(self._ids):
                names += [TextStringObject(name), self._ids[name]]
            root[_name("/IDTree")] = writer._add_object(DictionaryObject({_name("/Names"): names}))
        if self._role_map:
            root[_name("/RoleMap")] = self._role_map
        catalog = writer.root_object
        catalog[_name("/StructTreeRoot")] = root_ref
        catalog[_name("/MarkInfo")] = DictionaryObject({_name("/Marked"): BooleanObject(True)})
        catalog[_name("/Lang")] = TextStringObject(self.language)
        catalog[_name("/ViewerPreferences")] = DictionaryObject({_name("/DisplayDocTitle"): BooleanObject(True)})
        writer.add_metadata({"/Title": title})
        return writer

    def _copy_annotations(
        self, page: PageObject, copy: PageObject, part: _Part, destinations: dict[str, ArrayObject]
    ) -> None:
        kept = ArrayObject()
        for reference in page.get("/Annots") or ArrayObject():
            moved = moved_link(self.writer, reference.get_object(), copy, part.pages, destinations, self._rewrite_uri)
            if moved is None:
                continue
            kept.append(self.writer._add_object(moved))
            if isinstance(reference, IndirectObject):
                part.annotations[reference.idnum] = moved
        if kept:
            copy[_name("/Annots")] = kept
            copy[_name("/Tabs")] = _name("/S")  # move between links in the order of the structure tree

    # -- the structure tree --------------------------------------------------------------------------

    def _clone_kids(
        self, element: DictionaryObject, parent: IndirectObject, page: IndirectObject | None, part: _Part
    ) -> list[PdfObject]:
        kids: list[PdfObject] = []
        for kid in _kids(element):
            cloned = self._clone_kid(kid, parent, page, part)
            if cloned is not None:
                kids.append(cloned)
        return kids

    def _clone_kid(
        self, kid: PdfObject, parent: IndirectObject, page: IndirectObject | None, part: _Part
    ) -> PdfObject | None:
        item = kid.get_object()
        if isinstance(item, NumberObject):  # marked content on the element's page
            if page is not None:
                self._marked.setdefault(page.idnum, {})[int(item)] = parent
            return NumberObject(int(item))
        if not isinstance(item, DictionaryObject):
            return None
        kind = item.get("/Type")
        if kind == "/MCR":
            on = _page_of(item, part, page)
            mcid = int(item.get("/MCID", -1))
            reference = DictionaryObject({_name("/Type"): _name("/MCR"), _name("/MCID"): NumberObject(mcid)})
            if on is not None:
                reference[_name("/Pg")] = on
                if "/Stm" not in item:
                    self._marked.setdefault(on.idnum, {})[mcid] = parent
            if "/Stm" in item:  # marked content inside a form XObject the page draws
                form = item.raw_get("/Stm").clone(self.writer)
                reference[_name("/Stm")] = form
                stream = form.get_object()
                if isinstance(stream, StreamObject):
                    self._forms.setdefault(reference_of(stream).idnum, (stream, {}))[1][mcid] = parent
            return reference
        if kind == "/OBJR":
            obj = item.raw_get("/Obj")
            annotation = part.annotations.get(obj.idnum) if isinstance(obj, IndirectObject) else None
            if annotation is None or annotation.indirect_reference is None:
                return None  # a link dropped from the book
            self._objects.append((annotation, parent))
            reference = DictionaryObject({_name("/Type"): _name("/OBJR"), _name("/Obj"): annotation.indirect_reference})
            on = _page_of(item, part, page)
            if on is not None:
                reference[_name("/Pg")] = on
            return reference
        return self._clone_element(item, parent, page, part)

    def _clone_element(
        self, element: DictionaryObject, parent: IndirectObject, page: IndirectObject | None, part: _Part
    ) -> IndirectObject:
        copy = DictionaryObject()
        reference = self.writer._add_object(copy)
        on = _page_of(element, part, page)
        for key, value in element.items():
            if key in ("/K", "/P", "/Pg"):
                continue
            if key == "/ID":
                identifier = f"p{part.number}-{value}"
                self._ids[identifier] = reference
                copy[_name(key)] = TextStringObject(identifier)
            elif key == "/A":
                copy[_name(key)] = self._attributes(element.raw_get("/A"), part)
            else:
                copy[_name(key)] = element.raw_get(key).clone(self.writer)
        copy[_name("/P")] = parent
        if on is not None:
            copy[_name("/Pg")] = on
        if "/K" in element:
            copy[_name("/K")] = ArrayObject(self._clone_kids(element, reference, on, part))
        return reference

    def _attributes(self, value: PdfObject, part: _Part) -> PdfObject:
        """Attribute objects, with the IDs a table cell names as its headers renamed like the IDs themselves."""
        item = value.get_object()
        if isinstance(item, ArrayObject):
            return ArrayObject(self._attributes(entry, part) for entry in item)
        if not isinstance(item, DictionaryObject):
            return value.clone(self.writer)
        copy = DictionaryObject()
        for key, entry in item.items():
            if key == "/Headers":
                headers = as_array(entry)
                copy[_name(key)] = ArrayObject(TextStringObject(f"p{part.number}-{header}") for header in headers)
            else:
                copy[_name(key)] = item.raw_get(key).clone(self.writer)
        return copy


def _kids(element: DictionaryObject) -> list[PdfObject]:
    kids = element.get("/K")
    if kids is None:
        return []
    resolved = kids.get_object()
    return list(resolved) if isinstance(resolved, ArrayObject) else [kids]


def _page_of(item: DictionaryObject, part: _Part, inherited: IndirectObject | None) -> IndirectObject | None:
    """The book's page an element's content is on: its own `/Pg`, else its parent's."""
    page = item.raw_get("/Pg") if "/Pg" in item else None
    if isinstance(page, IndirectObject) and page.idnum in part.pages:
        return part.pages[page.idnum]
    return inherited
