"""A small XML writer for the files we export: elements with fixed namespace prefixes, escaped
attributes and text, indented output.

xml.etree's serializer is general (it discovers namespaces and prefixes for every element) and
was half the time of exporting a large handbook; ours knows the prefixes up front. Escaping is
complete for what XML 1.0 requires: `& < >` in text, and `& < > "` plus tab, newline and carriage
return in attribute values (so they survive attribute-value normalization).
"""

from __future__ import annotations

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)


class Element:
    """One element: `tag` is `prefix:name`; children and text are exclusive in what we write."""

    __slots__ = ("attributes", "children", "tag", "text")

    def __init__(self, tag: str, attributes: dict[str, str], text: str | None = None):
        self.tag = tag
        self.attributes = attributes
        self.children: list[Element] = []
        self.text = text

    def add(self, tag: str, text: str | None = None, **attributes: str) -> Element:
        child = Element(tag, attributes, text)
        self.children.append(child)
        return child

    def write(self, out: list[str], depth: int = 0) -> None:
        pad = "  " * depth
        attributes = "".join(f' {name}="{str(value).translate(_ATTRIBUTE)}"' for name, value in self.attributes.items())
        if self.children:
            out.append(f"{pad}<{self.tag}{attributes}>\n")
            for child in self.children:
                child.write(out, depth + 1)
            out.append(f"{pad}</{self.tag}>\n")
        elif self.text is not None:
            out.append(f"{pad}<{self.tag}{attributes}>{self.text.translate(_TEXT)}</{self.tag}>\n")
        else:
            out.append(f"{pad}<{self.tag}{attributes} />\n")


def document(root: Element) -> str:
    """The whole file: XML declaration and the indented root element."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    root.write(out)
    return "".join(out)
