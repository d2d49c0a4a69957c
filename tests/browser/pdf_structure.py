"""What a tagged PDF must hold together, read with pypdf's own content-stream parser (not ours).

    structure_problems(reader)  every way the structure tree, the parent tree, the page content and the
                                links disagree; [] for a sound tagged PDF
    structure_types(reader)     the structure types of the tree, depth first ("/Document", "/Part", ...)
    untagged_paint(reader)      per page, how many painting operators stand outside marked content

ISO 32000-1 14.7.4: every marked-content id on a page is a leaf of one structure element, which the page's
entry in the parent tree names at that id's index; every link in the tree is an object reference whose
annotation names its element through /StructParent. ISO 14289-1 7.1: content is tagged or an artifact.
"""

from __future__ import annotations

from collections import Counter

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject, NumberObject

PAINTING = {b"Tj", b"TJ", b"'", b'"', b"Do", b"sh", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*",
            b"INLINE IMAGE"}


def _kids(element: DictionaryObject) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids.get_object()
    return list(kids) if isinstance(kids, ArrayObject) else [element.raw_get("/K")]


def _walk(reader: PdfReader):
    """(element reference, element, parent reference, page idnum or None) for every structure element."""
    root = reader.root_object["/StructTreeRoot"]
    stack = [(kid, root.indirect_reference, None) for kid in reversed(_kids(root))]
    while stack:
        ref, parent, page = stack.pop()
        element = ref.get_object()
        if not isinstance(element, DictionaryObject) or element.get("/Type") in ("/MCR", "/OBJR"):
            continue
        if "/Pg" in element:
            page = element.raw_get("/Pg").idnum
        yield ref, element, parent, page
        stack += [(kid, ref, page) for kid in reversed(_kids(element)) if isinstance(kid, IndirectObject)]


def structure_types(reader: PdfReader) -> list[str]:
    return [str(element["/S"]) for _, element, _, _ in _walk(reader)]


def _marked_ids(content) -> set[int]:
    return {
        int(operands[1]["/MCID"])
        for operands, operator in content.operations
        if operator == b"BDC" and isinstance(operands[1], DictionaryObject) and "/MCID" in operands[1]
    }


def untagged_paint(reader: PdfReader) -> list[int]:
    """Per page, painting operators outside marked content (drawing a form whose content is tagged itself,
    with /StructParents, is not one)."""
    counts = []
    for page in reader.pages:
        forms = page.get("/Resources", {}).get("/XObject", {})
        tagged = {name for name, form in forms.items() if "/StructParents" in form.get_object()}
        depth = outside = 0
        for operands, operator in page.get_contents().operations:
            if operator in (b"BDC", b"BMC"):
                depth += 1
            elif operator == b"EMC":
                depth -= 1
            elif operator in PAINTING and depth == 0 and not (operator == b"Do" and operands[0] in tagged):
                outside += 1
        counts.append(outside)
    return counts


def _numbers(tree: DictionaryObject) -> dict[int, object]:
    found = {}
    pairs = tree.get("/Nums") or []
    for key, value in zip(pairs[::2], pairs[1::2]):
        found[int(key)] = value
    for kid in tree.get("/Kids") or []:
        found.update(_numbers(kid.get_object()))
    return found


def _names(tree: DictionaryObject) -> list[str]:
    pairs = tree.get("/Names") or []
    found = [str(name) for name in pairs[::2]]
    for kid in tree.get("/Kids") or []:
        found += _names(kid.get_object())
    return found


def structure_problems(reader: PdfReader) -> list[str]:
    problems: list[str] = []
    catalog = reader.root_object
    if getattr(catalog.get("/MarkInfo", {}).get("/Marked"), "value", None) is not True:
        problems.append("/MarkInfo /Marked is not true")
    root = catalog["/StructTreeRoot"]
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    owner: dict[tuple[int, int], int] = {}  # (page idnum, mcid) -> element idnum
    linked: dict[int, int] = {}  # annotation idnum -> element idnum
    forms: dict[int, object] = {}  # form XObjects with marked content in the tree
    form_owner: dict[tuple[int, int], int] = {}  # (form idnum, mcid) -> element idnum
    ids: Counter[str] = Counter()
    headers: list[str] = []
    for ref, element, parent, page in _walk(reader):
        if element.raw_get("/P").idnum != parent.idnum:
            problems.append(f"{element['/S']} {ref.idnum}: /P is not its parent")
        if "/ID" in element:
            ids[str(element["/ID"])] += 1
        attributes = element.get("/A")
        for entry in attributes if isinstance(attributes, ArrayObject) else [attributes]:
            entry = entry.get_object() if entry is not None else None
            if isinstance(entry, DictionaryObject) and "/Headers" in entry:
                headers += [str(header) for header in entry["/Headers"]]
        for kid in _kids(element):
            item = kid.get_object()
            if isinstance(item, NumberObject):
                if page not in pages:
                    problems.append(f"{element['/S']} {ref.idnum}: marked content {int(item)} on no page")
                    continue
                key = (page, int(item))
                if key in owner:
                    problems.append(f"marked content {key} belongs to two elements")
                owner[key] = ref.idnum
            elif isinstance(item, DictionaryObject) and item.get("/Type") == "/MCR" and "/Stm" in item:
                form = item.raw_get("/Stm")
                forms[form.idnum] = form.get_object()
                form_owner[(form.idnum, int(item["/MCID"]))] = ref.idnum
            elif isinstance(item, DictionaryObject) and item.get("/Type") == "/MCR":
                on = item.raw_get("/Pg").idnum if "/Pg" in item else page
                owner[(on, int(item["/MCID"]))] = ref.idnum
            elif isinstance(item, DictionaryObject) and item.get("/Type") == "/OBJR":
                linked[item.raw_get("/Obj").idnum] = ref.idnum
    problems += [f"ID {name} is used {n} times" for name, n in ids.items() if n > 1]
    problems += [f"a cell names header {name}, which no element has" for name in set(headers) - set(ids)]
    if ids:
        if sorted(_names(root["/IDTree"].get_object())) != sorted(ids):
            problems.append("the ID tree does not list the IDs of the elements")
    parent_tree = _numbers(root["/ParentTree"].get_object())
    for index, page in enumerate(reader.pages):
        idnum = page.indirect_reference.idnum
        in_content = _marked_ids(page.get_contents())
        in_tree = {mcid for (on, mcid) in owner if on == idnum}
        if in_content - in_tree:
            problems.append(f"page {index + 1}: marked content {sorted(in_content - in_tree)[:5]} not in the tree")
        if in_tree - in_content:
            problems.append(f"page {index + 1}: the tree names marked content {sorted(in_tree - in_content)[:5]} "
                            "the page does not have")
        if in_tree:
            key = page.get("/StructParents")
            parents = parent_tree.get(int(key)) if key is not None else None
            parents = parents.get_object() if parents is not None else None
            if not isinstance(parents, ArrayObject):
                problems.append(f"page {index + 1}: no entry in the parent tree")
                continue
            wrong = [mcid for mcid in in_tree
                     if mcid >= len(parents) or getattr(parents[mcid], "idnum", None) != owner[(idnum, mcid)]]
            if wrong:
                problems.append(f"page {index + 1}: the parent tree names other elements for {wrong[:5]}")
        for annotation in page.get("/Annots") or []:
            if annotation.idnum not in linked:
                if annotation.get_object().get("/Subtype") == "/Link":
                    problems.append(f"page {index + 1}: a link outside the structure tree")
                continue
            key = annotation.get_object().get("/StructParent")
            entry = parent_tree.get(int(key)) if key is not None else None
            if getattr(entry, "idnum", None) != linked[annotation.idnum]:
                problems.append(f"page {index + 1}: a link's /StructParent does not lead to its element")
    for idnum, form in forms.items():
        in_content = _marked_ids(ContentStream(form, reader))
        in_tree = {mcid for (on, mcid) in form_owner if on == idnum}
        if in_content != in_tree:
            problems.append(f"form {idnum}: marked content {sorted(in_content ^ in_tree)[:5]} in the form or the "
                            "tree only")
        key = form.get("/StructParents")
        parents = parent_tree.get(int(key)) if key is not None else None
        parents = parents.get_object() if parents is not None else None
        if not isinstance(parents, ArrayObject) or any(
                getattr(parents[mcid], "idnum", None) != form_owner[(idnum, mcid)] for mcid in in_tree):
            problems.append(f"form {idnum}: the parent tree does not lead to its elements")
    next_key = int(root["/ParentTreeNextKey"])
    if parent_tree and max(parent_tree) >= next_key:
        problems.append("/ParentTreeNextKey is not past every key of the parent tree")
    return problems

