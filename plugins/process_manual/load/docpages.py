"""The hand-written pages of a site (MkDocs' docs_dir): their Markdown, for the references they hold."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from process_manual.core.problems import relative_path


@dataclass(frozen=True)
class DocPage:
    uri: str
    """The page's path under docs/ (`how-to-edit.md`), as MkDocs names it."""
    text: str
    shown_path: str
    """The file as messages name it (relative to the working directory)."""

    @property
    def title(self) -> str:
        return page_title(self.text, PurePosixPath(self.uri))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def page_title(text: str, path: PurePosixPath | Path) -> str:
    """The title MkDocs gives a hand-written page: front matter `title:`, else its first `# heading`, else its
    file name as words ("how-to-edit.md" -> "How to edit")."""
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


def read_pages(docs_dir: Path | None, shown_base: Path | None = None) -> list[DocPage]:
    """Every Markdown page under `docs_dir` (none when it is unknown or missing), by path."""
    if docs_dir is None or not docs_dir.is_dir():
        return []
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        pages.append(DocPage(relative.as_posix(), text, relative_path(path, shown_base)))
    return pages


def source_pages(pages: list[DocPage], languages: list[str]) -> list[DocPage]:
    """The pages in the source language: without the translations of pages (`index.en.md`), which each
    language's site shows in the place of their source page (`index.md`)."""
    suffixes = tuple(f".{tag}.md" for tag in languages[1:])
    return [page for page in pages if not suffixes or not page.uri.endswith(suffixes)]
