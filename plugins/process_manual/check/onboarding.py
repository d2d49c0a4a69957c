"""Checks of the onboarding reading paths (`_onboarding.yml`): every problem with its position.

Processes, roles and departments are checked against the handbook. Hand-written pages are checked
against the docs folder only when it is known: the MkDocs plugin always knows it (`docs_dir`);
`process-manual validate` knows it when given `--docs DIR`. Without it, only the form of the path is
checked, so that validating a handbook folder alone never reports pages it cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from process_manual.check.duplicates import duplicate_ids
from process_manual.core import paths
from process_manual.core.model import ReadingItem
from process_manual.core.problems import Problem, ProblemAt, relative_path
from process_manual.core.suggest import did_you_mean
from process_manual.load.handbook import Handbook

CATALOG = "_onboarding.yml"
ANY_DEPARTMENT = "any"
"""`department: any` on a role means "found in every department": not a department a path can be for."""

_UNSAFE_PAGE = re.compile(r"[\s\\\"'<>{}|#?%*]")


def generated_pages(handbook: Handbook) -> set[str]:
    """Pages the plugin writes that a reading path may name like a hand-written page."""
    pages = {
        paths.LANDSCAPE,
        paths.ROLES_INDEX,
        paths.FORMS,
        paths.KPIS,
        paths.GLOSSARY,
        paths.WHATS_NEW,
        paths.REVIEW_STATUS,
        paths.ONBOARDING_INDEX,
        paths.CHECKS,
    }
    return pages | {paths.role_page(role_id) for role_id in handbook.roles}


def departments(handbook: Handbook) -> dict[str, str]:
    """Casefolded department -> the department as written in _roles.yml."""
    found: dict[str, str] = {}
    for role in handbook.roles.values():
        if role.department and role.department.casefold() != ANY_DEPARTMENT:
            found.setdefault(role.department.casefold(), role.department)
    return found


def page_form_problem(page: str) -> str | None:
    """Why `page` cannot name a page under docs/, or None when its form is fine."""
    if not page.endswith(".md"):
        return "a page must be a Markdown file ending in .md"
    if page.startswith("/") or re.match(r"^[A-Za-z]:", page) or "://" in page:
        return "a page must be a path relative to the docs folder, not an absolute path or a URL"
    if ".." in PurePosixPath(page).parts:
        return "a page must be inside the docs folder ('..' is not allowed)"
    if _UNSAFE_PAGE.search(page):
        return "a page path cannot contain spaces, quotes, backslashes or any of <>{}|#?%*"
    return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def docs_page_title(path: Path) -> str:
    """The title MkDocs gives a hand-written page: front matter `title:`, else its first `# heading`, else its
    file name as words ("how-to-edit.md" -> "How to edit")."""
    text = path.read_text(encoding="utf-8", errors="replace")
    front = _FRONT_MATTER.match(text)
    if front:
        title = re.search(r"^title:[ \t]*[\"']?(.+?)[\"']?[ \t]*$", front[1], re.MULTILINE)
        if title:
            return title[1]
        text = text[front.end() :]
    heading = _H1.search(re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL))
    if heading:
        return re.sub(r"\s*\{[^}]*\}$", "", heading[1]).replace("`", "").replace("**", "")
    stem = path.stem if path.stem != "index" else path.parent.name or "Home"
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


def page_titles(handbook: Handbook, docs_dir: Path, language: str | None = None) -> dict[str, str]:
    """Titles of the hand-written pages the reading paths name without a title of their own; in `language`
    when the page has a translation (`index.en.md` beside `index.md`)."""
    titles: dict[str, str] = {}
    for path in handbook.reading_paths:
        for item in path.items:
            if (
                item.page
                and not item.title
                and page_form_problem(item.page) is None
                and (docs_dir / item.page).is_file()
            ):
                own = docs_dir / (item.page.removesuffix(".md") + f".{language}.md")
                titles[item.page] = docs_page_title(own if language and own.is_file() else docs_dir / item.page)
    return titles


def check_onboarding(
    handbook: Handbook, known_process_ids: set[str], docs_dir: Path | None = None, shown_base: Path | None = None
) -> Iterator[Problem]:
    """Every problem of the reading paths. `docs_dir`: where hand-written pages live (None: not checked)."""
    doc = handbook.catalog_docs.get(CATALOG)
    if doc is None or not handbook.reading_paths:
        return
    p = doc.problem
    statuses = {s.process.id: s.process.status for s in handbook.processes}
    known_departments = departments(handbook)
    generated = generated_pages(handbook)
    paths = [(("paths", i), path.id) for i, path in enumerate(handbook.reading_paths)]
    yield from duplicate_ids(p, "reading path", paths, noun="path")
    for i, path in enumerate(handbook.reading_paths):
        at = ("paths", i)
        if path.role is not None and handbook.roles and path.role not in handbook.roles:
            yield p(
                (*at, "role"),
                f"unknown role '{path.role}'",
                did_you_mean(path.role, handbook.roles, "use a role id from _roles.yml"),
                rule="unknown-role",
            )
        # With _roles.yml broken (already reported) no department is known: nothing to compare with.
        if path.department is not None and handbook.roles and path.department.casefold() not in known_departments:
            listed = ", ".join(sorted(known_departments.values())) or "none yet"
            yield p(
                (*at, "department"),
                f"no role in _roles.yml belongs to the department '{path.department}'",
                did_you_mean(path.department, known_departments.values(), f"use a department of _roles.yml ({listed})"),
                rule="reading-path",
            )
        seen_items: set[str] = set()
        for j, item in enumerate(path.items):
            yield from _check_item(
                handbook,
                doc.problem,
                (*at, "items", j),
                item,
                statuses,
                known_process_ids,
                generated,
                docs_dir,
                shown_base,
            )
            if (item.process is None) != (item.page is None) and item.key in seen_items:
                yield p(
                    (*at, "items", j),
                    f"'{item.process or item.page}' is already on this path",
                    "list each process or page once",
                    rule="reading-path-redundant",
                )
            seen_items.add(item.key)


def _check_item(
    handbook: Handbook,
    p: ProblemAt,
    at: tuple[str | int, ...],
    item: ReadingItem,
    statuses: Mapping[str, str],
    known_process_ids: set[str],
    generated: set[str],
    docs_dir: Path | None,
    shown_base: Path | None,
) -> Iterator[Problem]:
    if item.process is None and item.page is None:
        yield p(
            at,
            "a reading-path item names neither a process nor a page",
            "write `process: <process id>` or `page: <path under docs/>`",
            rule="reading-path",
        )
        return
    if item.process is not None and item.page is not None:
        yield p(
            (*at, "page"),
            "a reading-path item names both a process and a page",
            "split it into two items, one `process:` and one `page:`",
            rule="reading-path",
        )
        return
    if item.title is not None and item.process is not None:
        yield p(
            (*at, "title"),
            "a process item takes the process's own title",
            "remove `title`",
            rule="reading-path-redundant",
        )
    if item.process is not None:
        if item.process not in known_process_ids:
            yield p(
                (*at, "process"),
                f"unknown process '{item.process}'",
                did_you_mean(item.process, known_process_ids, "use the id of a process in the handbook"),
                rule="unknown-process",
            )
        elif statuses.get(item.process) == "retired":
            # A draft is left out until it is released (it may be the next version being written);
            # a retired process would be left out for good.
            yield p(
                (*at, "process"),
                f"process '{item.process}' is retired: it no longer applies, and the path leaves it out",
                "remove it from the path, or read its successor instead",
                rule="reading-path-redundant",
            )
        return
    page = str(item.page)
    form = page_form_problem(page)
    if form is not None:
        yield p(
            (*at, "page"),
            f"'{page}': {form}",
            "give the path of a page under docs/, such as how-to-edit.md",
            rule="reading-path",
        )
        return
    if page in generated or page.startswith("onboarding/"):
        if page.startswith("onboarding/") and page != paths.ONBOARDING_INDEX:
            yield p(
                (*at, "page"),
                f"'{page}' is a reading path, not a page to read on one",
                "name the processes and pages of that path instead",
                rule="reading-path",
            )
        return
    if docs_dir is not None and not (docs_dir / page).is_file():
        shown = relative_path(docs_dir / page, shown_base)
        yield p(
            (*at, "page"),
            f"the page {shown} does not exist",
            f"create it, or give the path of an existing page relative to {relative_path(docs_dir, shown_base)}",
            rule="missing-page",
        )
