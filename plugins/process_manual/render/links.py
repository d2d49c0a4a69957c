"""References written as links: from a process's texts, a catalog's, or a hand-written page.

A reference becomes an ordinary relative Markdown link to the page (and anchor) that shows its target —
`[Order intake](../processes/sal-001.md#step-quote)` — so that MkDocs checks and rewrites it like any
link (`validation:`), the search index holds its text, the PDF can point it inside the book, and any
engine that reads Markdown follows it (`process-manual render`). Its text is the target's name in the
page's language unless the author gave one; either is escaped: author text never becomes markup.
"""

from __future__ import annotations

from process_manual.check.reftargets import Resolver, Target
from process_manual.core import paths
from process_manual.core.refsyntax import Found, Malformed, find_references
from process_manual.render.text import plain


class LinkWriter:
    """Writes the references of texts shown on one page."""

    def __init__(self, resolver: Resolver, page: str, here: str | None = None):
        """`page`: the source path of the page being written (links are relative to it); `here`: the process
        whose texts these are (`[[#quote]]` is a step of it), None elsewhere."""
        self.resolver = resolver
        self.page = page
        self.here = here

    def name(self, target: Target) -> str:
        """A target's default link text: a step or KPI of another process is named with that process."""
        if target.key.startswith(("step:", "kpi:")) and target.process != self.here:
            return f"{target.context} › {target.name}"
        return target.name

    def url(self, target: Target) -> str | None:
        if target.page is None:
            return None
        if target.page == self.page:
            return f"#{target.anchor}" if target.anchor else paths.link(self.page, self.page)
        return paths.link(self.page, target.page, target.anchor)

    def __call__(self, found: Found) -> str:
        """The Markdown for one reference: a link, or its name alone when its target has no page (a draft),
        or what was written when it names nothing (the checks have said so)."""
        if isinstance(found, Malformed):
            return plain(found.written)
        target = self.resolver.resolve(found, self.here).target
        if target is None:
            return plain(found.written)
        text = plain(found.text if found.text is not None else self.name(target))
        url = self.url(target)
        return f"[{text}]({url})" if url is not None else text


def rewrite_page(markdown: str, links: LinkWriter) -> str:
    """A hand-written page with its references written as links (code blocks and spans left as they are)."""
    found = find_references(markdown, page=True)
    if not found:
        return markdown
    pieces: list[str] = []
    last = 0
    for reference in found:
        pieces += [markdown[last : reference.start], links(reference)]
        last = reference.end
    return "".join(pieces) + markdown[last:]
