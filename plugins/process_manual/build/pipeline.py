"""load → check → render, wired once for every engine.

The MkDocs plugin and `process-manual render` (plain files for other engines) both call
:func:`check_handbook` and then :func:`render_handbook`; they differ only in what they do with the
result (hand it to MkDocs in memory, or write it out). Nothing here imports MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from process_manual.build.cjk_breaks import EXTENSION_NAME as CJK_LINE_BREAKS
from process_manual.build.options import PluginOptions
from process_manual.check.onboarding import page_titles
from process_manual.check.validate import Settings, validate
from process_manual.core import paths
from process_manual.core.clock import today
from process_manual.core.labels import Labels
from process_manual.core.problems import Problem
from process_manual.formats.bpmn import ExportCache, handbook_files
from process_manual.formats.schema import SITE_PATH as SCHEMA_SITE_PATH
from process_manual.formats.schema import process_schema, schema_text
from process_manual.load.githistory import history_or_reason
from process_manual.load.handbook import Handbook, load_handbook
from process_manual.load.parsecache import ParseCache
from process_manual.render.context import RenderContext
from process_manual.render.site import RenderedSite, render_site
from process_manual.render.source_links import source_links

# Our pages use tables, attribute lists ({ #step-id }), admonitions (banners), definition lists
# (glossary) and Markdown inside HTML (breadcrumb); a site switches them on whatever mkdocs.yml says.
# Line breaks inside Chinese text vanish instead of showing as spaces, on generated and hand-written pages.
MARKDOWN_EXTENSIONS = ("tables", "attr_list", "admonition", "def_list", "md_in_html", "toc", CJK_LINE_BREAKS)


@dataclass(frozen=True)
class SiteSettings:
    """What the engine's site configuration (mkdocs.yml) tells the handbook."""

    config_dir: Path
    """The folder of mkdocs.yml: the handbook folder and Mermaid's bundle are found from here."""
    docs_dir: Path
    options: PluginOptions
    site_name: str = ""
    site_url: str | None = None
    repo_url: str | None = None
    edit_uri: str | None = None
    theme_language: str | None = None
    directory_urls: bool = True
    preview: bool = False
    """`mkdocs serve`: drafts get their page, and a file that cannot be loaded keeps a page saying why."""
    shown_base: Path = field(default_factory=Path.cwd)
    """Paths in problems are shown relative to this folder."""

    @property
    def folder(self) -> Path:
        """The handbook folder (catalogs and process files)."""
        return (self.config_dir / self.options.processes).resolve()

    @property
    def language(self) -> str:
        return self.options.language or self.theme_language or "en"


@dataclass
class CheckedHandbook:
    """A loaded handbook and every problem in it."""

    handbook: Handbook
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def check_handbook(settings: SiteSettings, *, cache: ParseCache | None = None) -> CheckedHandbook:
    """Load the handbook folder and validate it (`cache`: parsed files kept across `mkdocs serve` rebuilds)."""
    handbook = load_handbook(settings.folder, shown_base=settings.shown_base, cache=cache)
    problems = validate(
        handbook,
        Settings(
            vague_owners=settings.options.vague_owners, docs_dir=settings.docs_dir, shown_base=settings.shown_base
        ),
    )
    return CheckedHandbook(handbook, problems)


@dataclass
class BuiltHandbook:
    """Everything the handbook adds to a site, ready for an engine."""

    site: RenderedSite
    labels: Labels
    files: dict[str, str]
    """Site path -> text of every generated file that is not a page: the feed and the BPMN downloads."""
    schema: str
    """The handbook's own JSON Schema of a process file, served at :data:`SCHEMA_PATH` unless docs/ has one."""
    warnings: list[str] = field(default_factory=list)
    """What the author should know but that does not stop the build (git history unavailable)."""


SCHEMA_PATH = SCHEMA_SITE_PATH


def render_handbook(
    checked: CheckedHandbook, settings: SiteSettings, *, bpmn_cache: ExportCache | None = None
) -> BuiltHandbook:
    """Every generated page and file of the site. With errors (only while previewing) the pages of files
    that could not be loaded are stand-ins that say why."""
    handbook, options = checked.handbook, settings.options
    labels = Labels(settings.language)
    links = source_links(
        settings.config_dir,
        settings.docs_dir,
        settings.repo_url,
        settings.edit_uri,
        options.edit_url,
        options.issue_url,
    )
    context = RenderContext(
        handbook,
        labels,
        today(),
        directory_urls=settings.directory_urls,
        # The preview shows drafts (the page an author is writing); a build only when asked.
        publish_drafts=options.publish_drafts or settings.preview,
        source_links=links,
        bpmn_downloads=options.bpmn,
        page_titles=page_titles(handbook, settings.docs_dir, settings.theme_language),
    )
    history, unavailable = history_or_reason(settings.folder, handbook, options.git_history)
    site = render_site(
        context,
        history,
        site_name=settings.site_name,
        site_url=settings.site_url,
        stand_ins=settings.preview and bool(checked.errors),
    )
    files = {paths.FEED: site.feed}
    if options.bpmn:
        exported = handbook_files(context.published, handbook, start_label=labels.start, cache=bpmn_cache)
        files.update({paths.bpmn_file(name.removesuffix(".bpmn")): xml for name, xml in exported.items()})
    return BuiltHandbook(
        site=site,
        labels=labels,
        files=files,
        schema=schema_text(process_schema(handbook)),
        warnings=[unavailable] if unavailable else [],
    )


def navigation(hand_written: list[Any], built: BuiltHandbook) -> list[Any]:
    """The site's navigation: the hand-written pages' (mkdocs.yml's `nav`, or every page) then the handbook's."""
    return hand_written + built.site.nav
