"""No built page or stylesheet makes the browser load anything from another host.

The handbook is read on an intranet that may have no internet access, and must not leak page
views to third parties either: scripts, stylesheets, fonts, images, frames and the like all come
from the site itself. Plain links (`<a href>`, the edit button, canonical/alternate links) are
fine — nothing is loaded until a reader follows them. What pages load at run time (Material's
JavaScript) is checked in a real browser by tests/browser/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from shared_sites import EXAMPLES, built_example

# Attributes whose URL the browser fetches by itself, per element.
LOADING_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
    "feimage": ("href", "xlink:href"),  # SVG
}
# <link> loads its href unless every rel is one of these (navigation hints, not fetched).
NON_LOADING_RELS = {"canonical", "alternate", "author", "help", "license", "next", "prev", "me", "bookmark",
                    "external", "nofollow", "noopener", "noreferrer", "edit"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)


def is_other_host(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE)) and not url.lower().startswith("file:")


def srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def css_urls(css: str) -> list[str]:
    return [match.group(2) or match.group(4) or "" for match in CSS_URL.finditer(css)]


def loaded_urls_in_html(html: str) -> list[tuple[str, str]]:
    """(what, url) for every URL the page makes the browser load."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[tuple[str, str]] = []
    for tag in soup.find_all(True):
        name = tag.name.lower()
        for attribute in LOADING_ATTRIBUTES.get(name, ()):
            value = tag.get(attribute)
            if not value:
                continue
            urls = srcset_urls(value) if attribute == "srcset" else [value]
            found += [(f"<{name} {attribute}>", url) for url in urls]
        if name == "link" and tag.get("href"):
            rels = {r.lower() for r in (tag.get("rel") or [])}
            if not rels or not rels <= NON_LOADING_RELS:
                found.append((f"<link rel={' '.join(sorted(rels))}>", tag["href"]))
        if name == "style" and tag.string:
            found += [("<style>", url) for url in css_urls(tag.string)]
        if tag.get("style"):
            found += [(f"<{name} style>", url) for url in css_urls(tag["style"])]
    return found


def test_the_scanner_sees_what_it_must() -> None:
    page = """<html><head>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
      <link rel="preconnect" href="https://fonts.gstatic.com">
      <link rel="canonical" href="https://handbook.example.com/">
      <style>@import "https://cdn.example.org/x.css"; body { background: url(//cdn.example.org/b.png) }</style>
      <script src="https://unpkg.com/mermaid@11/dist/mermaid.min.js"></script>
      <script src="assets/javascripts/mermaid.min.js"></script>
    </head><body>
      <a href="https://git.example.com/edit">edit</a>
      <img srcset="a.png 1x, https://img.example.org/b.png 2x">
      <iframe src="https://video.example.org/embed"></iframe>
      <div style="background-image: url('https://img.example.org/c.png')"></div>
    </body></html>"""
    outside = sorted(url for _, url in loaded_urls_in_html(page) if is_other_host(url))
    assert outside == sorted([
        "https://fonts.googleapis.com/css?family=Roboto", "https://fonts.gstatic.com",
        "https://cdn.example.org/x.css", "//cdn.example.org/b.png",
        "https://unpkg.com/mermaid@11/dist/mermaid.min.js", "https://img.example.org/b.png",
        "https://video.example.org/embed", "https://img.example.org/c.png",
    ])


@pytest.fixture(scope="module", params=sorted(EXAMPLES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_example(request.param, tmp_path_factory).site_dir


def test_no_page_or_stylesheet_loads_from_another_host(site: Path) -> None:
    offenders: list[str] = []
    pages = sorted(site.rglob("*.html"))
    stylesheets = sorted(site.rglob("*.css"))
    assert pages and stylesheets
    for path in pages:
        for what, url in loaded_urls_in_html(path.read_text(encoding="utf-8")):
            if is_other_host(url):
                offenders.append(f"{path.relative_to(site)}: {what} {url}")
    for path in stylesheets:
        for url in css_urls(path.read_text(encoding="utf-8", errors="replace")):
            if is_other_host(url):
                offenders.append(f"{path.relative_to(site)}: url()/@import {url}")
    assert not offenders, "loaded from another host:\n  " + "\n  ".join(offenders)
