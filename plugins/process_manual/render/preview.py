"""What `mkdocs serve` shows while the handbook has errors: a banner on every page, and a stand-in
page for each process whose file is too broken to load (so the page being previewed stays there).

`mkdocs build` never uses this: it stops before writing anything (see plugin.py).
"""

from __future__ import annotations

from process_manual.core import paths
from process_manual.core.labels import Labels
from process_manual.core.problems import Problem
from process_manual.render.text import front_matter, plain

MAX_LISTED = 50
"""A banner longer than this helps no one: the terminal has the full list."""


def problem_banner(problems: list[Problem], labels: Labels) -> str:
    """A red admonition listing the problems, each shown literally (author text never becomes HTML)."""
    errors = sum(p.is_error for p in problems)
    title = labels.preview_errors.format(count=errors).replace('"', "&quot;")
    lines = [f'!!! failure "{title}"', "", f"    {labels.preview_fix}", ""]
    lines += [f"    - {plain(p.text())}" for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(f"    - {labels.preview_more.format(count=len(problems) - MAX_LISTED)}")
    return "\n".join(lines) + "\n\n"


def unavailable_page(process_id: str, path: str, labels: Labels) -> str:
    """The page of a process whose file could not be loaded: its id, its file, and why it is empty."""
    return front_matter(process_id) + f"# {plain(process_id)}\n\n{labels.preview_unavailable}\n\n{plain(path)}\n"


def stand_in_pages(unloaded: dict[str, str], pages: dict[str, str], labels: Labels) -> dict[str, str]:
    """A page for each process too broken to load ({id: file}), unless a page of that id exists."""
    stand_ins = {paths.process_page(pid): unavailable_page(pid, path, labels) for pid, path in unloaded.items()}
    return {page: text for page, text in stand_ins.items() if page not in pages}
