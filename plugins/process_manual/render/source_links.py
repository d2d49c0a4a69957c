"""From a process page back to its source: "Edit this process" and "Suggest a change".

Both are plain links to the repository's web interface (nothing is loaded from it). The edit link
opens the process's YAML file in the repository's editor; the suggestion link opens a new issue
with the process id, version and file already filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from process_manual.core import paths
from process_manual.core.labels import Labels
from process_manual.load.handbook import ProcessSource
from process_manual.load.repository import repository_path, repository_root

# Characters a URL may keep as they are; everything else (spaces, quotes, brackets, parentheses that
# would end a Markdown link, non-ASCII) is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"
_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)


def _url(text: str) -> str:
    return quote(text, safe=_URL_SAFE)


def edit_template(repo_url: str | None, edit_uri: str | None, docs_dir: Path, repo_root: Path) -> str | None:
    """`<repo_url>/edit/main/{path}` derived from MkDocs' `repo_url` and `edit_uri` (`edit/main/docs/`).

    `edit_uri` ends with the docs folder's path in the repository (`docs/`, `examples/zh/docs/`); what
    comes before it (`edit/main/`) leads to any other file of the same branch. None when the pattern
    differs (e.g. `?path=` styles): then the plugin's `edit_url` option says it.
    """
    if not repo_url or not edit_uri:
        return None
    base = edit_uri if _WEB_URL.match(edit_uri) else repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
    docs = repository_path(docs_dir, repo_root)
    base = base.rstrip("/")
    if not docs or not base.endswith("/" + docs):
        return None
    return base[: -len(docs)] + "{path}"


def issue_template(repo_url: str | None) -> str | None:
    """A new issue: `<repo_url>/issues/new?title={title}&body={body}` (GitHub, Gitea, Forgejo), or GitLab's
    form when the host's name says GitLab (like MkDocs, which guesses `edit_uri` the same way)."""
    if not repo_url:
        return None
    if "gitlab" in urlsplit(repo_url).netloc.lower():
        return repo_url.rstrip("/") + "/-/issues/new?issue[title]={title}&issue[description]={body}"
    return repo_url.rstrip("/") + "/issues/new?title={title}&body={body}"


@dataclass(frozen=True)
class SourceLinks:
    """URL templates: `{path}` is a file's path in the repository; `{title}` and `{body}` an issue's text."""

    repo_root: Path
    edit_url: str | None = None
    issue_url: str | None = None

    def file_path(self, source: ProcessSource) -> str | None:
        return repository_path(source.doc.path, self.repo_root)

    def edit(self, source: ProcessSource) -> str | None:
        """The URL that opens the process's YAML file in the repository's editor."""
        path = self.file_path(source)
        if not self.edit_url or not _WEB_URL.match(self.edit_url) or path is None:
            return None
        return _url(self.edit_url.replace("{path}", quote(path, safe="/")))

    def suggest(self, source: ProcessSource, labels: Labels) -> str | None:
        """A new issue, its title and body prefilled with the process id, title, version and file."""
        if not self.issue_url or not _WEB_URL.match(self.issue_url):
            return None
        process = source.process
        fields = {
            "id": process.id,
            "title": process.title,
            "version": process.version,
            "path": self.file_path(source) or source.path,
        }
        title = labels.suggest_title.format(**fields)
        body = labels.suggest_body.format(**fields)
        url = self.issue_url.replace("{title}", quote(title, safe="")).replace("{body}", quote(body, safe=""))
        return _url(url)


def source_links(
    config_dir: Path,
    docs_dir: Path,
    repo_url: str | None,
    edit_uri: str | None,
    edit_url: str | None = None,
    issue_url: str | None = None,
) -> SourceLinks:
    """Where "Edit this process" and "Suggest a change" lead: the plugin's `edit_url`/`issue_url` options
    when set (an empty string turns a link off), else derived from the site's `repo_url` and `edit_uri`."""
    root = repository_root(config_dir)
    edit = edit_url if edit_url is not None else edit_template(repo_url, edit_uri, docs_dir, root)
    issue = issue_url if issue_url is not None else issue_template(repo_url)
    return SourceLinks(root, edit or None, issue or None)


def source_link_lines(links: SourceLinks | None, source: ProcessSource, labels: Labels) -> list[str]:
    """The Markdown line under a process page's header: `Edit this process · Suggest a change`."""
    if links is None:
        return []
    found = [
        (text, url, css)
        for text, url, css in (
            (labels.edit_process, links.edit(source), "pm-edit"),
            (labels.suggest_change, links.suggest(source, labels), "pm-suggest"),
        )
        if url
    ]
    if not found:
        return []
    return [" · ".join(f"[{text}]({url}){{ .{css} }}" for text, url, css in found), ""]


def edit_urls(links: SourceLinks | None, sources: list[ProcessSource]) -> dict[str, str]:
    """Generated page (source path) -> edit URL of its YAML file: MkDocs' own edit button points there."""
    if links is None:
        return {}
    found = {paths.process_page(s.process.id): links.edit(s) for s in sources}
    return {page: url for page, url in found.items() if url}
