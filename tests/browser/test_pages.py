"""Every built page of both handbooks, opened as a reader opens it: nothing fails, nothing is
fetched from another host, every Mermaid block becomes a diagram, and no Markdown syntax is left
over as text."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from browser_harness import Handbook, diagram_links, process_page, process_titles, wait_for_diagrams, watch_of

pytestmark = pytest.mark.browser


def test_every_page_loads_cleanly_and_draws_every_diagram(handbook: Handbook, page) -> None:
    watch = watch_of(page)
    pages = handbook.html_pages()
    assert "index.html" in pages, f"{handbook.site_dir} has no index.html"
    problems: dict[str, list[str]] = {}
    diagrams: dict[str, int] = {}
    for html in pages:
        url = handbook.page_url(html)
        watch.clear()
        page.goto(url, wait_until="load")
        try:
            diagrams[html] = wait_for_diagrams(page)
        except pytest.fail.Exception as failure:
            problems.setdefault(html, []).append(str(failure))
        else:
            for href in diagram_links(page):
                if href.startswith("#") and not page.locator(f'[id="{href[1:]}"]').count():
                    problems.setdefault(html, []).append(f"a diagram node links to {href}, which is not on the page")
        # Material loads the search index and worker after "load": let the network settle.
        page.wait_for_load_state("networkidle")
        problems.setdefault(html, []).extend(watch.problems())
    problems = {html: found for html, found in problems.items() if found}
    assert not problems, "\n".join(f"{html}:\n  " + "\n  ".join(found) for html, found in problems.items())

    processes = process_titles(handbook)
    assert processes, f"no process files found in {handbook.processes_dir}"
    without = [pid for pid in processes if diagrams.get(process_page(pid) + "index.html", 0) < 1]
    assert not without, f"process pages without a flowchart: {without}"


# What Markdown leaves behind when an extension did not apply: attribute lists ("{: .class }",
# "{ #id }") printed as text, and Mermaid fences shown as code instead of being drawn.
ATTR_LIST_LEFTOVER = re.compile(r"\{:?\s*[.#][\w-]+[^}\n]*\}")


def test_no_page_shows_markdown_syntax_as_text(handbook: Handbook) -> None:
    leftovers: list[str] = []
    for html in handbook.html_pages():
        soup = BeautifulSoup((handbook.site_dir / html).read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is None:
            continue
        if article.select("code.language-mermaid, pre > code.mermaid"):
            leftovers.append(f"{html}: a Mermaid fence is shown as code, not drawn")
        for code in article.find_all(["pre", "code"]):  # code may show such syntax on purpose
            code.decompose()
        text = article.get_text()
        leftovers += [f"{html}: {m.group(0)!r} shown as text" for m in ATTR_LIST_LEFTOVER.finditer(text)]
    assert not leftovers, "\n".join(leftovers)
