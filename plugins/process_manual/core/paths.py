"""Where each generated page lives, and links between them."""

from __future__ import annotations

import posixpath

LANDSCAPE = "landscape.md"
ROLES_INDEX = "roles/index.md"
FORMS = "forms.md"
KPIS = "kpis.md"
GLOSSARY = "glossary.md"
WHATS_NEW = "whats-new.md"
REVIEW_STATUS = "review-status.md"
CHECKS = "checks.md"
"""The rules reference, with what this handbook's _handbook.yml sets."""
FEED = "feed.xml"
"""The Atom feed of change-log entries (not a page: written by the plugin beside the pages)."""


def language_folder(language: str, source_language: str) -> str:
    """Where a language's site lives inside the source language's site: "" for the source, else "en/"."""
    return "" if language == source_language else f"{language}/"


def process_page(process_id: str) -> str:
    return f"processes/{process_id.lower()}.md"


def history_page(process_id: str) -> str:
    """Beside the process page: `processes/adm-004.md` is read at `processes/adm-004/`, its history at
    `processes/adm-004/history/`."""
    return f"processes/{process_id.lower()}/history.md"


def bpmn_file(process_id: str) -> str:
    """The process as a BPMN 2.0 file, published with the site (`bpmn/ADM-004.bpmn`)."""
    return f"bpmn/{process_id}.bpmn"


def role_page(role_id: str) -> str:
    return f"roles/{role_id}.md"


ONBOARDING_INDEX = "onboarding/index.md"
"""The index of the onboarding reading paths."""


def reading_path_page(path_id: str) -> str:
    return f"onboarding/{path_id}.md"


def site_root(page: str, directory_urls: bool) -> str:
    """The top of the site as a relative URL from where `page` is served (`../../` or `./`)."""
    depth = site_path(page, directory_urls).count("/")
    return "../" * depth or "./"


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one source page to another (MkDocs checks and rewrites it)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def site_path(page: str, directory_urls: bool) -> str:
    """Where a page is served, relative to the top of the site (`processes/adm-004/` or `processes/adm-004.html`)."""
    stem = page[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def built_url(from_page: str, to_page: str, directory_urls: bool) -> str:
    """A link as it must appear in built HTML (Mermaid `click` targets are not rewritten by MkDocs)."""
    source = site_path(from_page, directory_urls)
    base = source if source.endswith("/") else posixpath.dirname(source) + "/"
    target = site_path(to_page, directory_urls)
    relative = posixpath.relpath(target, base.rstrip("/") or ".")
    return relative + "/" if target.endswith("/") and not relative.endswith("/") else relative
