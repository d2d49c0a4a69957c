"""Every built page of both handbooks, opened as a reader opens it: nothing fails, nothing is
fetched from another host, and every Mermaid block becomes a diagram."""

from __future__ import annotations

import pytest

from browser_harness import Handbook, process_page, process_titles, wait_for_diagrams, watch_of

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
        # Material loads the search index and worker after "load": let the network settle.
        page.wait_for_load_state("networkidle")
        problems.setdefault(html, []).extend(watch.problems())
    problems = {html: found for html, found in problems.items() if found}
    assert not problems, "\n".join(f"{html}:\n  " + "\n  ".join(found) for html, found in problems.items())

    processes = process_titles(handbook)
    assert processes, f"no process files found in {handbook.processes_dir}"
    without = [pid for pid in processes if diagrams.get(process_page(pid) + "index.html", 0) < 1]
    assert not without, f"process pages without a flowchart: {without}"
