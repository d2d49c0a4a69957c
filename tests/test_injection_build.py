"""Every author string is an attack; the built HTML must contain none of it as markup or script."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from injection import PAYLOADS, write_injection_handbook
from sitebuild import MERMAID_BUNDLE, mkdocs_build, write_site_config

pytestmark = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")

# Mermaid `click` lines we write: a step anchor or a sibling process page, nothing else.
OUR_CLICK = re.compile(r'^click [np]\d+ href "(#step-[a-z0-9_-]+|(\.\./)+([a-z0-9-]+/)+)"$')


class Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.script_links: list[str] = []
        self.inline_scripts: list[str] = []
        self.scripts_with_src: list[str] = []
        self.images: list[str] = []
        self._in_script = False
        self.mermaid: list[str] = []
        self._in_mermaid = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value}>")
            if name in ("href", "src", "action", "formaction") and value and \
                    value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                self.script_links.append(f"<{tag} {name}={value}>")
        if tag == "script":
            src = dict(attrs).get("src")
            if src:
                self.scripts_with_src.append(src)
            else:
                self._in_script = True
        if tag == "img":
            self.images.append(str(dict(attrs).get("src")))
        flowchart = dict(attrs).get("data-pm-mermaid")
        if flowchart is not None:  # a process flowchart: its Mermaid text travels in this attribute
            self.mermaid.append(flowchart)
        if tag == "pre" and "mermaid" in (dict(attrs).get("class") or ""):
            self._in_mermaid = True
            self.mermaid.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag == "pre":
            self._in_mermaid = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data)
        if self._in_mermaid:
            self.mermaid[-1] += data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection")
    write_injection_handbook(root / "handbook")
    write_site_config(root)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if p.name != "404.html"]


def test_no_payload_becomes_markup(built: Path) -> None:
    for page in pages(built):
        scan = Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(built)
        assert scan.handlers == [], where
        assert scan.script_links == [], where
        assert [i for i in scan.images if i == "x"] == [], where
        assert all(src.startswith(("../", "assets/")) or "/assets/" in src or src.startswith("search/")
                   for src in scan.scripts_with_src), (where, scan.scripts_with_src)
        assert not any("alert(1)" in script for script in scan.inline_scripts), where


def test_diagrams_carry_only_our_clicks_and_no_directive(built: Path) -> None:
    seen = 0
    for page in pages(built):
        scan = Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        for diagram in scan.mermaid:
            seen += 1
            for line in (raw.strip() for raw in diagram.splitlines()):
                assert "%%" not in line
                if line.startswith("click"):
                    assert OUR_CLICK.match(line), line
                assert "call alert" not in line or line.count('"') % 2 == 0
    assert seen == len(PAYLOADS)  # one flowchart per hostile process (the landscape map is HTML)


def test_payload_text_is_shown_literally(built: Path) -> None:
    html = (built / "processes/inj-000/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    from html import unescape

    assert "Title <script>alert(1)</script>" in unescape(text)
    assert "Details <script>alert(1)</script>" in unescape(text)
    jinja = (built / "processes/inj-006/index.html").read_text(encoding="utf-8")
    assert "{{ config.site_name }}" in unescape(re.sub(r"<[^>]+>", "", jinja))
