"""`process-manual pdf`: the handbook (or one area of it) as one PDF, printed by headless Chromium.

The site is built with the real `mkdocs build` (so the paper shows exactly what the intranet shows),
served on 127.0.0.1, and each process page is opened in Chromium, which draws its Mermaid flowchart.
Only when every diagram on the page is an SVG is the page printed, with the print stylesheet of
process-manual.css (its running header names the process, version and effective date). A title page,
a table of contents and the page numbers of the whole book are added by :mod:`.pdfcompose`.

Needs Playwright (Python) and a Chromium: `pip install 'process-manual[pdf]'`, Debian's `chromium`
(the default `/usr/bin/chromium`; `--chromium PATH` or PROCESS_MANUAL_CHROMIUM for another), and
for Chinese text a CJK font (Debian: `fonts-noto-cjk`).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from process_manual.core import paths
from process_manual.core.clock import today
from process_manual.core.labels import Labels
from process_manual.core.model import Area
from process_manual.core.suggest import did_you_mean
from process_manual.formats import pdfcompose
from process_manual.formats.pdfcompose import Section
from process_manual.load.handbook import Handbook, load_handbook

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DIAGRAM_TIMEOUT = 30.0
"""Seconds a page may take to draw its diagrams before the command gives up on it."""
# Process flowcharts are drawn by process-manual-flowchart.js into the page; diagrams of hand-written
# pages by Material, into closed shadow roots (opened here so that we can see they are drawn).
_OPEN_SHADOW_ROOTS = """(() => { const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, {mode: "open"}));
  };
})();"""
_DRAWN = """() => [...document.querySelectorAll("div.mermaid")].filter(
  (host) => host.shadowRoot && host.shadowRoot.querySelector("svg")).length
  + document.querySelectorAll('.pm-flowchart-canvas[data-pm-state="drawn"] > svg').length"""
_DIAGRAM_ERRORS = """() => [...document.querySelectorAll("div.mermaid")].filter(
  (host) => host.shadowRoot && host.shadowRoot.querySelector('svg[aria-roledescription="error"]')).length
  + document.querySelectorAll('.pm-flowchart-canvas[data-pm-state="failed"]').length"""
# The book's page numbers are laid over the merged pages: a page printed alone would count from 1.
_NO_PAGE_NUMBER = "@page { @bottom-right { content: none; } }"
_MERMAID_BLOCK = re.compile(r"""<pre\b[^>]*\bclass=["'][^"']*\bmermaid\b|\bdata-pm-mermaid=""", re.IGNORECASE)


class PdfError(Exception):
    """Why the PDF could not be made, in words for the person who ran the command."""


def add_parser(commands: Any) -> None:
    """Register `process-manual pdf` with the CLI's sub-commands."""
    pdf = commands.add_parser("pdf", help="print the handbook (or one area) to one PDF with headless Chromium")
    pdf.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: mkdocs.yml)")
    pdf.add_argument("--area", help="print only this area (an id from _areas.yml) and the areas under it")
    pdf.add_argument("--output", required=True, metavar="FILE", help="the PDF to write")
    pdf.add_argument("--site", metavar="DIR", help="print this already built site instead of building one")
    pdf.add_argument(
        "--chromium",
        default=os.environ.get("PROCESS_MANUAL_CHROMIUM", DEFAULT_CHROMIUM),
        help=f"the Chromium to print with (default: {DEFAULT_CHROMIUM})",
    )
    pdf.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        pages, processes = make_pdf(
            Path(args.config),
            Path(args.output),
            area=args.area,
            site=Path(args.site) if args.site else None,
            chromium=args.chromium,
        )
    except PdfError as error:
        print(f"process-manual pdf: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {pages} pages, {processes} process(es)")
    return 0


def make_pdf(
    config_file: Path,
    output: Path,
    *,
    area: str | None = None,
    site: Path | None = None,
    chromium: str = DEFAULT_CHROMIUM,
) -> tuple[int, int]:
    """Print the handbook of `config_file` to `output`; returns (pages, processes)."""
    settings = _site_settings(config_file)
    handbook = load_handbook(settings["processes"])
    if any(p.is_error for p in handbook.problems):
        raise PdfError(f"the handbook at {settings['processes']} has errors: run `process-manual validate`")
    labels = Labels(settings["language"])
    sections = select(handbook, area, publish_drafts=settings["publish_drafts"])
    if not sections:
        raise PdfError("there is no published process to print" + (f" in area '{area}'" if area else ""))
    with contextlib.ExitStack() as stack:
        if site is None:
            site = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="process-manual-pdf-")))
            build_site(config_file, site)
        base_url = stack.enter_context(_serve(site))
        browser = stack.enter_context(_chromium(chromium))
        # One tab for every page: Chromium keeps the compiled scripts (Mermaid is 3 MB) between them.
        tab = browser.new_page()
        printed = [_print_process(tab, site, base_url, section, settings["directory_urls"]) for section in sections]
        tab.close()
        title = settings["site_name"] + (f" — {handbook.areas[area].area.name}" if area else "")
        # Links between printed processes (references, sub-processes) go inside the book (pdfcompose.py).
        links = pdfcompose.PrintedLinks(
            base_url,
            {
                paths.site_path(paths.process_page(s.process.id), settings["directory_urls"]): index
                for index, s in enumerate(printed)
            },
            settings["site_url"],
        )
        book = _compose(
            browser,
            printed,
            labels,
            title=settings["site_name"],
            subtitle=handbook.areas[area].area.name if area else "",
            full_title=title,
            links=links,
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(book)
    return pdfcompose.page_count(book), len(printed)


def _site_settings(config_file: Path) -> dict[str, Any]:
    """What the PDF needs from mkdocs.yml, read by MkDocs itself (so !ENV and defaults apply)."""
    if not config_file.is_file():
        raise PdfError(f"{config_file} does not exist: give the site's mkdocs.yml with --config")
    from mkdocs.config import load_config  # only this command needs MkDocs' configuration

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file))
    except Exception as error:  # MkDocs reports a broken mkdocs.yml with its own exception types
        raise PdfError(f"{config_file}: {error}") from error
    plugin = config.plugins.get("process-manual")
    if plugin is None:
        raise PdfError(f"{config_file} does not use the process-manual plugin")
    options = plugin.config
    return {
        "processes": (config_file.resolve().parent / options.processes),
        "publish_drafts": options.publish_drafts,
        "language": options.language or config.theme.get("language") or "en",
        "site_name": config.site_name,
        "site_url": config.site_url,
        "directory_urls": config.use_directory_urls,
    }


def select(handbook: Handbook, area: str | None, *, publish_drafts: bool = False) -> list[Section]:
    """The processes to print in the order of the process landscape: by area (depth first), then id.
    Retired processes and unpublished drafts are left out: the paper shows what applies."""
    if area is not None and area not in handbook.areas:
        hint = did_you_mean(area, handbook.areas, "areas are " + ", ".join(handbook.areas))
        raise PdfError(f"unknown area '{area}' — {hint}")
    printable = sorted(
        (
            s.process
            for s in handbook.processes
            if s.process.status == "effective" or (publish_drafts and s.process.status == "draft")
        ),
        key=lambda p: p.id,
    )
    sections: list[Section] = []

    def walk(node: Area, trail: tuple[str, ...], chosen: bool) -> None:
        chosen = chosen or node.id == area
        trail = (*trail, node.name)
        if chosen:
            sections.extend(Section(p, trail) for p in printable if p.area == node.id)
        for child in node.children:
            walk(child, trail, chosen)

    for top in handbook.top_areas:
        walk(top, (), area is None)
    return sections


def build_site(config_file: Path, site_dir: Path) -> None:
    """`mkdocs build` into `site_dir`, as a user runs it (the plugin validates first)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file), "-d", str(site_dir)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise PdfError(f"`mkdocs build -f {config_file}` failed:\n{result.stdout}{result.stderr}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serve(site_dir: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (a free port) while the pages are printed."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="process-manual pdf", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def _chromium(executable: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise PdfError("Playwright is not installed: pip install 'process-manual[pdf]'") from error
    if not Path(executable).is_file():
        raise PdfError(
            f"no Chromium at {executable}: install it (Debian: apt-get install chromium fonts-noto-cjk, "
            "or `make chromium`) or give --chromium PATH"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context()
        context.add_init_script(_OPEN_SHADOW_ROOTS)
        # The site loads nothing from other hosts; should a page try, it must not wait on the network.
        context.route(
            lambda url: not url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")),
            lambda route: route.abort("blockedbyclient"),
        )
        try:
            yield context
        finally:
            context.close()
            browser.close()


def _print_process(page: Any, site: Path, base_url: str, section: Section, directory_urls: bool) -> Section:
    """Open the process page, wait until its diagrams are drawn, print it (the print stylesheet fits a
    flowchart to the sheet's width, on a landscape sheet when it is wide)."""
    site_path = paths.site_path(paths.process_page(section.process.id), directory_urls)
    html_file = site / (site_path + "index.html" if site_path.endswith("/") else site_path)
    if not html_file.is_file():
        raise PdfError(f"the site has no page for {section.process.id} ({html_file})")
    expected = len(_MERMAID_BLOCK.findall(html_file.read_text(encoding="utf-8")))
    print(f"printing {section.process.id} {section.process.title}", file=sys.stderr)
    page.goto(base_url + site_path, wait_until="load")
    deadline = time.monotonic() + DIAGRAM_TIMEOUT
    while page.evaluate(_DRAWN) < expected:
        if page.evaluate(_DIAGRAM_ERRORS):
            raise PdfError(f"Mermaid could not draw the flowchart of {section.process.id}")
        if time.monotonic() > deadline:
            raise PdfError(f"the flowchart of {section.process.id} was not drawn within {DIAGRAM_TIMEOUT:.0f} s")
        page.wait_for_timeout(100)
    page.add_style_tag(content=_NO_PAGE_NUMBER)
    page.evaluate("document.fonts.ready.then(() => true)")
    return Section(section.process, section.trail, page.pdf(prefer_css_page_size=True, print_background=True))


def _print_html(context: Any, markup: str) -> bytes:
    page = context.new_page()
    try:
        page.set_content(markup, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        printed: bytes = page.pdf(prefer_css_page_size=True, print_background=True)
        return printed
    finally:
        page.close()


def _compose(
    context: Any,
    sections: list[Section],
    labels: Labels,
    *,
    title: str,
    subtitle: str,
    full_title: str,
    links: pdfcompose.PrintedLinks,
) -> bytes:
    title_pdf = _print_html(context, pdfcompose.title_page_html(title, subtitle, labels, today(), len(sections)))
    contents_pages = 1
    while True:  # the contents' own length decides where the processes start: settle it
        first = 2 + contents_pages
        starts = []
        for section in sections:
            starts.append(first)
            first += section.pages
        contents_pdf = _print_html(context, pdfcompose.contents_html(sections, starts, labels))
        if pdfcompose.page_count(contents_pdf) == contents_pages:
            break
        contents_pages = pdfcompose.page_count(contents_pdf)
    total = first - 1
    wide = [
        number
        for section, start in zip(sections, starts, strict=False)
        for number, landscape in enumerate(pdfcompose.landscape_pages(section.pdf), start)
        if landscape
    ]
    numbers_pdf = _print_html(context, pdfcompose.page_numbers_html(total, frozenset(wide)))
    if pdfcompose.page_count(numbers_pdf) != total:
        raise PdfError(f"the page numbers came out on {pdfcompose.page_count(numbers_pdf)} sheets, not {total}")
    return pdfcompose.merge(
        title_pdf, contents_pdf, sections, numbers_pdf, title=full_title, contents_title=labels.contents, links=links
    )
