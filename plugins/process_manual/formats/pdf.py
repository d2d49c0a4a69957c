"""`process-manual pdf`: the handbook (or one area of it) as one PDF, printed by headless Chromium.

The site is built with the real `mkdocs build` (so the paper shows exactly what the intranet shows),
served on 127.0.0.1, and each process page is opened in Chromium, which draws its Mermaid flowchart.
Only when every diagram on the page is an SVG is the page printed, with the print stylesheet of
process-manual.css (its running header names the process, version and effective date). A title page,
a table of contents and the page numbers of the whole book are added by :mod:`.pdfcompose`. Every part is
printed as a tagged PDF, and the book keeps the tags (:mod:`.pdftags`): a screen reader reads it in order,
in its language.

A handbook in several languages (`languages:` in `_handbook.yml`) has a site per language: `--language`
prints one of them, the source language by default.

Needs Playwright (Python) and a Chromium: `pip install 'process-manual[pdf]'`, Debian's `chromium`
(the default `/usr/bin/chromium`; `--chromium PATH` or PROCESS_MANUAL_CHROMIUM for another), and
for Chinese text a CJK font (Debian: `fonts-noto-cjk`).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from process_manual.core import paths
from process_manual.core.catalog import LANGUAGE_VARIABLE, REFERENCE, language_help, language_override, negotiate
from process_manual.core.clock import today
from process_manual.core.labels import Labels
from process_manual.core.language_tags import tag_argument
from process_manual.core.model import Area
from process_manual.core.suggest import did_you_mean
from process_manual.formats import pdfcompose
from process_manual.formats.pdfbrowser import DEFAULT_CHROMIUM, PdfError, chromium_context, serve
from process_manual.formats.pdfcompose import Section
from process_manual.load.handbook import Handbook, load_handbook
from process_manual.load.localize import localize, site_name_in

if TYPE_CHECKING:  # pypdf is imported only when a book is put together
    from process_manual.formats.pdfpages import InBook, RewriteUri

DIAGRAM_TIMEOUT = 30.0
"""Seconds a page may take to draw its diagrams before the command gives up on it."""
# Process flowcharts are drawn by process-manual-flowchart.js into the page; diagrams of hand-written
# pages by Material, into closed shadow roots (pdfbrowser.py opens them, so that we can see they are drawn).
_DRAWN = """() => [...document.querySelectorAll("div.mermaid")].filter(
  (host) => host.shadowRoot && host.shadowRoot.querySelector("svg")).length
  + document.querySelectorAll('.pm-flowchart-canvas[data-pm-state="drawn"] > svg').length"""
_DIAGRAM_ERRORS = """() => [...document.querySelectorAll("div.mermaid")].filter(
  (host) => host.shadowRoot && host.shadowRoot.querySelector('svg[aria-roledescription="error"]')).length
  + document.querySelectorAll('.pm-flowchart-canvas[data-pm-state="failed"]').length"""
# The book's page numbers are laid over the merged pages: a page printed alone would count from 1.
_NO_PAGE_NUMBER = "@page { @bottom-right { content: none; } }"
# On paper a flowchart is one picture: a figure whose alternative text is the diagram's title and description
# (Mermaid's accTitle and accDescr, which say that the steps follow as a list), not a scatter of box labels.
# Chromium names the figure after aria-labelledby when there is one, so the label replaces it.
_FLOWCHARTS_AS_FIGURES = """(stop) => document.querySelectorAll(".pm-flowchart-canvas > svg").forEach((svg) => {
  const [title, description] = [":scope > title", ":scope > desc"].map(
    (selector) => (svg.querySelector(selector)?.textContent || "").trim());
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title && description ? title + stop + description : title || description);
  svg.removeAttribute("aria-labelledby");
  svg.removeAttribute("aria-describedby");
})"""
_MERMAID_BLOCK = re.compile(r"""<pre\b[^>]*\bclass=["'][^"']*\bmermaid\b|\bdata-pm-mermaid=""", re.IGNORECASE)


def add_parser(commands: Any) -> None:
    """Register `process-manual pdf` with the CLI's sub-commands."""
    pdf = commands.add_parser("pdf", help="print the handbook (or one area) to one PDF with headless Chromium")
    pdf.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: mkdocs.yml)")
    pdf.add_argument("--area", help="print only this area (an id from _areas.yml) and the areas under it")
    pdf.add_argument("--output", required=True, metavar="FILE", help="the PDF to write")
    pdf.add_argument("--site", metavar="DIR", help="print this already built site instead of building one")
    pdf.add_argument(
        "--language",
        type=tag_argument,
        help=language_help("the language of the printed handbook")
        + " — for a handbook with `languages:` one of them (default: the source language); with --site: of the"
        " title page and contents",
    )
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
            language=args.language,
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
    language: str | None = None,
) -> tuple[int, int]:
    """Print the handbook of `config_file` to `output`; returns (pages, processes). `language`: for a handbook
    with `languages:`, one of them (default: the source language); for a handbook of one language, a tag over
    the site's own (the site is built in it; a site given with `site` is printed as it was built)."""
    settings = _site_settings(config_file)
    source = load_handbook(settings["processes"])
    if any(p.is_error for p in source.problems):
        raise PdfError(f"the handbook at {settings['processes']} has errors: run `process-manual validate`")
    if source.languages:
        tag = choose_language(source, language, site_language=settings["language"])
        handbook = localize(source, tag)
        folder = paths.language_folder(tag, source.languages[0])
        site_name = site_name_in(
            tag,
            settings["site_name"],
            source_language=source.languages[0],
            names=settings["site_names"],
            derived=dict(source.policy.derived) if source.policy is not None else {},
        )
        build_language = None  # one build writes every language
    else:
        negotiated = negotiate(
            language or language_override() or settings["language"], source.interface_catalogs or None
        )
        if negotiated.warning:
            print(f"process-manual pdf: warning: {negotiated.warning}", file=sys.stderr)
        tag, handbook, folder, site_name = negotiated.catalog.tag, source, "", settings["site_name"]
        build_language = language
    labels = Labels(negotiate(tag, source.interface_catalogs or None).catalog)  # with the handbook's own words
    sections = select(handbook, area, publish_drafts=settings["publish_drafts"])
    if not sections:
        raise PdfError("there is no published process to print" + (f" in area '{area}'" if area else ""))
    with contextlib.ExitStack() as stack:
        if site is None:
            site = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="process-manual-pdf-")))
            build_site(config_file, site, language=build_language)
        if not (site / folder).is_dir():
            raise PdfError(
                f"the site at {site} has no {folder} folder: build the site again (one build writes every language)"
            )
        server_url = stack.enter_context(serve(site))
        browser = stack.enter_context(chromium_context(chromium))
        # One tab for every page: Chromium keeps the compiled scripts (Mermaid is 3 MB) between them.
        tab = browser.new_page()
        printed = [
            _print_process(
                tab,
                site / folder,
                server_url + folder,
                section,
                settings["directory_urls"],
                labels.typography.sentence_end,
            )
            for section in sections
        ]
        tab.close()
        title = site_name + (f"{labels.typography.dash}{handbook.areas[area].area.name}" if area else "")
        book = _compose(
            browser,
            printed,
            labels,
            title=site_name,
            subtitle=handbook.areas[area].area.name if area else "",
            full_title=title,
            language=pdfcompose.document_language(printed[0].pdf) or tag,
            rewrite_uri=published_address(
                server_url,
                settings["site_url"],
                printed={
                    server_url
                    + folder
                    + paths.site_path(paths.process_page(s.process.id), settings["directory_urls"]): s.process.id
                    for s in printed
                },
            ),
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(book)
    return pdfcompose.page_count(book), len(printed)


def choose_language(handbook: Handbook, requested: str | None, *, site_language: str) -> str:
    """The language to print of a handbook with `languages:`: one of them (any case, or a tag that finds the
    same catalog: zh-TW for zh-Hant), the source language when none is asked for."""
    declared = handbook.languages
    if requested is None:
        return declared[0]
    for tag in declared:
        if tag.lower() == requested.lower():
            return tag
    asked = negotiate(requested)
    for tag in declared:
        given = negotiate(tag)
        if asked.warning is None and given.warning is None and asked.catalog is given.catalog:
            return tag
    raise PdfError(
        f"the handbook has no language '{requested}' — its languages (languages: in _handbook.yml) are "
        + ", ".join(declared)
    )


def published_address(server_url: str, site_url: str | None, printed: Mapping[str, str] | None = None) -> RewriteUri:
    """A printed link to a page of the site leads to the published site (`site_url` in mkdocs.yml), not to
    the local server the pages were printed from; without a `site_url` there is no address to lead to. A
    link to a process printed in the book (`printed`: its page's address -> its id) leads inside the book,
    to the anchor it names."""

    def rewrite(uri: str) -> str | InBook | None:
        if not uri.startswith(server_url):
            return uri
        address, _, anchor = uri.partition("#")
        if printed and address in printed:
            return printed[address], anchor
        if not site_url:
            return None
        return site_url.rstrip("/") + "/" + uri[len(server_url) :]

    return rewrite


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
        "language": options.language or config.theme.get("language") or REFERENCE,
        "site_name": config.site_name,
        "site_names": dict(options.site_names or {}),
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


def build_site(config_file: Path, site_dir: Path, *, language: str | None = None) -> None:
    """`mkdocs build` into `site_dir`, as a user runs it (the plugin validates first); `language` over the
    handbook's own, through the plugin's environment variable."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({LANGUAGE_VARIABLE: language} if language else {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file), "-d", str(site_dir)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise PdfError(f"`mkdocs build -f {config_file}` failed:\n{result.stdout}{result.stderr}")


def _print_process(
    page: Any, site: Path, base_url: str, section: Section, directory_urls: bool, sentence_end: str
) -> Section:
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
    page.evaluate(_FLOWCHARTS_AS_FIGURES, sentence_end)
    page.evaluate("document.fonts.ready.then(() => true)")
    printed = page.pdf(prefer_css_page_size=True, print_background=True, tagged=True)
    return Section(section.process, section.trail, printed)


def _print_html(context: Any, markup: str, *, tagged: bool = True) -> bytes:
    page = context.new_page()
    try:
        page.set_content(markup, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        printed: bytes = page.pdf(prefer_css_page_size=True, print_background=True, tagged=tagged)
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
    language: str,
    rewrite_uri: RewriteUri,
) -> bytes:
    title_pdf = _print_html(
        context, pdfcompose.title_page_html(title, subtitle, labels, today(), len(sections), language=language)
    )
    contents_pages = 1
    while True:  # the contents' own length decides where the processes start: settle it
        first = 2 + contents_pages
        starts = []
        for section in sections:
            starts.append(first)
            first += section.pages
        contents_pdf = _print_html(context, pdfcompose.contents_html(sections, starts, labels, language=language))
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
    # Untagged: the numbers are laid over the pages as artifacts, outside the structure.
    numbers_pdf = _print_html(context, pdfcompose.page_numbers_html(total, frozenset(wide)), tagged=False)
    if pdfcompose.page_count(numbers_pdf) != total:
        raise PdfError(f"the page numbers came out on {pdfcompose.page_count(numbers_pdf)} sheets, not {total}")
    return pdfcompose.merge(
        title_pdf,
        contents_pdf,
        sections,
        numbers_pdf,
        title=full_title,
        contents_title=labels.contents,
        language=language,
        rewrite_uri=rewrite_uri,
    )
