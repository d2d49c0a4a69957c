"""Content outside the structure of a tagged PDF is marked as an artifact (formats/pdfcontent.py).

The results are read back with pypdf's own content-stream parser, not with the tokenizer under test."""

from __future__ import annotations

import pytest
from pypdf import PdfWriter
from pypdf.generic import ContentStream, DecodedStreamObject

from process_manual.formats.pdfcontent import UnreadableContent, mark_artifacts, operators

# What Chromium writes for a page with a running header (unmarked) and one tagged paragraph.
CHROMIUM_PAGE = b"""0.24 0 0 -0.24 0 841.92 cm
q
0 0 0 rg
BT
/F4 16 Tf
1 0 0 -1 68 39 Tm
<0035005800510051> Tj
ET
Q
q
/NonStruct <</MCID 0 >>BDC
BT
/F5 32 Tf
<002b0048> Tj
ET
0 0 .9333 rg
EMC
10 10 5 5 re
f
/X7 Do
Q
"""


def parsed(data: bytes) -> list[tuple[list, bytes]]:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return ContentStream(stream, PdfWriter()).operations


def painted_outside_marked_content(data: bytes) -> list[bytes]:
    depth, found = 0, []
    for operands, operator in parsed(data):
        if operator in (b"BDC", b"BMC"):
            depth += 1
        elif operator == b"EMC":
            depth -= 1
        elif depth == 0 and operator in (b"Tj", b"TJ", b"f", b"S", b"Do"):
            found.append(operator if operator != b"Do" else operands[0].encode())
    return found


def without_artifacts(operations: list[tuple[list, bytes]]) -> list[tuple[list, bytes]]:
    """The operations without the BMC and EMC of artifact sequences."""
    kept, opened = [], []
    for operands, operator in operations:
        if operator in (b"BMC", b"BDC"):
            opened.append(operator == b"BMC" and operands == ["/Artifact"])
            if opened[-1]:
                continue
        elif operator == b"EMC" and opened.pop():
            continue
        kept.append((operands, operator))
    return kept


def test_the_tokenizer_finds_every_operator_with_its_operands() -> None:
    data = b"/P <</MCID 3 /ActualText (a \\) b (nested) c)>> BDC [(x) -250 <0041>] TJ %comment Tj\n1.5 -.5 Td EMC"
    found = [(data[start:end], operator) for start, end, operator in operators(data)]
    assert found == [
        (b"/P <</MCID 3 /ActualText (a \\) b (nested) c)>> BDC", b"BDC"),
        (b"[(x) -250 <0041>] TJ", b"TJ"),
        (b"1.5 -.5 Td", b"Td"),
        (b"EMC", b"EMC"),
    ]
    assert [op for _, op in parsed(data)] == [b"BDC", b"TJ", b"Td", b"EMC"], "pypdf reads the same operators"


def test_what_is_drawn_outside_marked_content_becomes_an_artifact() -> None:
    assert painted_outside_marked_content(CHROMIUM_PAGE) == [b"Tj", b"f", b"/X7"]
    marked = mark_artifacts(CHROMIUM_PAGE)
    assert painted_outside_marked_content(marked) == []
    operations = [op for _, op in parsed(marked)]
    # The header's text object, and the rectangle and form after the paragraph, each in an artifact of its own;
    # the tagged paragraph is left as it was.
    assert operations.count(b"BMC") == 2 and operations.count(b"BDC") == 1
    assert b"/NonStruct <</MCID 0 >>BDC\nBT\n/F5 32 Tf\n<002b0048> Tj\nET\n0 0 .9333 rg\nEMC" in marked
    header = marked.index(b"/Artifact BMC")
    assert marked.index(b"BT") < header < marked.index(b"<0035005800510051> Tj") < marked.index(b"EMC", header)
    assert marked.index(b"EMC", header) < marked.index(b"ET", header), "inside the header's text object"
    assert without_artifacts(parsed(marked)) == parsed(CHROMIUM_PAGE), "nothing else changes"


def test_an_artifact_never_crosses_the_start_or_end_of_a_text_object() -> None:
    data = b"BT /F1 8 Tf (a) Tj /Span <</MCID 0>> BDC (b) Tj EMC (c) Tj ET (d) Tj"
    marked = mark_artifacts(data)
    assert painted_outside_marked_content(marked) == []
    depth = 0
    for _, operator in parsed(marked):
        depth += {b"BMC": 1, b"BDC": 1, b"EMC": -1}.get(operator, 0)
        if operator in (b"BT", b"ET"):
            assert depth == 0, "BT and ET stand outside every marked-content sequence"


def test_forms_with_tags_of_their_own_and_stretches_that_paint_nothing_are_left_alone() -> None:
    data = b"q 1 0 0 1 5 5 cm /Fm1 Do Q q /X2 Do Q 0 g"
    marked = mark_artifacts(data, frozenset({b"/Fm1"}))
    assert painted_outside_marked_content(marked) == [b"/Fm1"]
    assert marked.count(b"/Artifact BMC") == 1
    assert marked.index(b"/Fm1 Do") < marked.index(b"/Artifact BMC") < marked.index(b"/X2 Do")
    assert mark_artifacts(b"q 1 0 0 1 5 5 cm Q 0 g") == b"q 1 0 0 1 5 5 cm Q 0 g"


@pytest.mark.parametrize("data", [b"BI /W 1 /H 1 ID \x00\xff EI", b"(not closed Tj", b"1 0 0 rg ) f"])
def test_content_this_reader_cannot_take_apart_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableContent):
        mark_artifacts(data)
