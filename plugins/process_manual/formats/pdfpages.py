"""pypdf helpers for putting printed pages into a book: a page's content, new streams, and links moved to
the book (formats/pdftags.py).

Links of a page Chromium printed are of two kinds: to a place in the same page, by a named destination
(`/Dest /step-raise`: every part has its own names, the same in many parts), and to an address (`/URI`).
In the book the first lead to the place in that part, wherever it now is; the second are rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from process_manual.formats.pdfcontent import UnreadableContent, mark_artifacts

RewriteUri = Callable[[str], str | None]
"""A link's address in the printed page -> its address in the book, or None to drop the link."""


def moved_link(
    writer: PdfWriter,
    annotation: DictionaryObject,
    page: PageObject,
    pages: Mapping[int, IndirectObject],
    destinations: Mapping[str, ArrayObject],
    rewrite_uri: RewriteUri,
) -> DictionaryObject | None:
    """A copy of an annotation for `page` of the book, its target rewritten (`pages`: the part's source page
    object numbers -> the book's pages); None for a link that leads nowhere in the book."""
    action = annotation.get("/A")
    target: PdfObject | None = annotation.get("/Dest")
    if isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo":
        target = action.get("/D")
    new_target: dict[NameObject, PdfObject] = {}
    if target is not None:
        place = as_array(target) if isinstance(target.get_object(), ArrayObject) else destinations.get(_key(target))
        if not place or not isinstance(place[0], IndirectObject) or place[0].idnum not in pages:
            return None
        new_target[NameObject("/Dest")] = ArrayObject(
            [pages[place[0].idnum], *(value.clone(writer) for value in place[1:])]
        )
    elif isinstance(action, DictionaryObject) and action.get("/S") == "/URI":
        uri = rewrite_uri(str(action["/URI"]))
        if uri is None:
            return None
        new_target[NameObject("/A")] = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Action"),
                NameObject("/S"): NameObject("/URI"),
                NameObject("/URI"): TextStringObject(uri),
            }
        )
    elif action is not None:
        new_target[NameObject("/A")] = action.clone(writer)
    moved = annotation.clone(
        writer, force_duplicate=True, ignore_fields=("/P", "/Parent", "/Dest", "/A", "/StructParent")
    )
    moved.update(new_target)
    moved[NameObject("/P")] = page.indirect_reference
    return moved


def as_dictionary(item: PdfObject | None) -> DictionaryObject:
    """`item` (resolved) when it is a dictionary, else an empty one."""
    resolved = item.get_object() if item is not None else None
    return resolved if isinstance(resolved, DictionaryObject) else DictionaryObject()


def as_array(item: PdfObject | None) -> ArrayObject:
    """`item` (resolved) when it is an array, else an empty one."""
    resolved = item.get_object() if item is not None else None
    return resolved if isinstance(resolved, ArrayObject) else ArrayObject()


def reference_of(item: PdfObject) -> IndirectObject:
    """The object number of a page read from a file or added to the book (every page has one)."""
    if item.indirect_reference is None:
        raise ValueError("a page that is not an indirect object")
    return item.indirect_reference


def named_destinations(catalog: DictionaryObject) -> dict[str, ArrayObject]:
    """Named destinations (links inside a page), from the catalog's `/Dests` and its `/Names` tree."""
    found: dict[str, ArrayObject] = {}

    def place(value: PdfObject) -> ArrayObject | None:
        resolved = value.get_object()
        if isinstance(resolved, DictionaryObject):
            resolved = resolved.get("/D", NullObject()).get_object()
        return resolved if isinstance(resolved, ArrayObject) else None

    for name, value in (catalog.get("/Dests") or DictionaryObject()).items():
        if (target := place(value)) is not None:
            found[_key(NameObject(name))] = target

    def walk(node: DictionaryObject) -> None:
        pairs = node.get("/Names") or ArrayObject()
        for name, value in zip(pairs[::2], pairs[1::2], strict=False):
            if (target := place(value)) is not None:
                found[str(name)] = target
        for kid in node.get("/Kids") or ArrayObject():
            walk(kid.get_object())

    names = (catalog.get("/Names") or DictionaryObject()).get("/Dests")
    if names is not None:
        walk(names.get_object())
    return found


def _key(name: PdfObject) -> str:
    """A destination's name, whether written as a name (`/step-raise`) or as a string."""
    resolved = name.get_object()
    return str(resolved)[1:] if isinstance(resolved, NameObject) else str(resolved)


def content_of(page: PageObject) -> bytes:
    """A page's content streams, decoded and joined (a page's streams are read as one)."""
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    streams = list(contents) if isinstance(contents, ArrayObject) else [contents]
    return b"\n".join(stream.get_object().get_data() for stream in streams)


def artifacts_marked(page: PageObject) -> bytes:
    """A page's content with what it draws outside its tags marked as artifacts (:mod:`.pdfcontent`); forms
    with tags of their own (`/StructParents`) are tagged content, not artifacts."""
    content = content_of(page)
    forms = as_dictionary(as_dictionary(page.get("/Resources")).get("/XObject"))
    tagged = frozenset(
        name.encode() for name, form in forms.items() if "/StructParents" in as_dictionary(form.get_object())
    )
    try:
        return mark_artifacts(content, tagged)
    except UnreadableContent:  # left unmarked rather than broken
        return content


def new_stream(data: bytes) -> StreamObject:
    """A content stream holding `data`, compressed."""
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream.flate_encode()
