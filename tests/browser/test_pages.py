"""Every built page of every example handbook, opened as a reader opens it: nothing fails, nothing is
fetched from another host, every Mermaid block becomes a diagram, axe finds nothing serious in either
palette, Chinese text has no stray space, and no Markdown syntax is left over as text."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from axe_check import axe_installed, describe
from browser_harness import HANDBOOKS, Handbook, Handbooks, process_page, process_titles
from page_walk import walk_every_page

pytestmark = pytest.mark.browser

SCHEMES = {"default", "slate"}
# The language of every page, as screen readers and fonts need it: Chinese says which script.
PAGE_LANGUAGES = {"en": "en", "zh": "zh-Hans", "zh-hant": "zh-Hant"}
CHINESE = {"zh", "zh-hant"}


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_every_page_loads_cleanly_draws_every_diagram_and_passes_axe(handbooks: Handbooks, page, name: str) -> None:
    """One walk through every page of each example (page_walk.py): the load checks, WCAG 2.1 AA by axe-core
    in the light and the dark palette (Material's own parts included: any serious or critical finding
    fails, with its rule, element and contrast values), each page's language, and in the Chinese
    handbooks no space inside Chinese in the text Chromium lays out."""
    axe_installed()
    handbook = handbooks.get(name)
    assert "index.html" in handbook.html_pages(), f"{handbook.site_dir} has no index.html"
    walk = walk_every_page(handbook, page, chinese=name in CHINESE)
    problems = []
    if walk.load_problems:
        problems.append("pages that did not load cleanly:\n" + "\n".join(
            f"{html}:\n  " + "\n  ".join(found) for html, found in walk.load_problems.items()))
    processes = process_titles(handbook)
    assert processes, f"no process files found in {handbook.processes_dir}"
    without = [pid for pid in processes if walk.diagrams.get(process_page(pid) + "index.html", 0) < 1]
    if without:
        problems.append(f"process pages without a flowchart: {without}")
    if walk.findings:
        problems.append(f"{len(walk.findings)} serious/critical axe finding(s):\n" + describe(walk.findings))
    unseen = {html: seen for html, seen in walk.schemes.items() if seen != SCHEMES}
    if unseen:
        problems.append(f"not seen in both palettes: {unseen}")
    wrong = {html: lang for html, lang in walk.languages.items() if lang != PAGE_LANGUAGES[name]}
    if wrong:
        problems.append(f"pages whose <html lang> is not {PAGE_LANGUAGES[name]!r}: {wrong}")
    if walk.chinese_spaces:
        problems.append(f"spaces inside Chinese text: {walk.chinese_spaces}")
    assert not problems, "\n".join(problems)


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
