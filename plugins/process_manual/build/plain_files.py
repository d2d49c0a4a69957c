"""`process-manual render`: the whole handbook as plain Markdown files and a plugin-free mkdocs.yml.

What the MkDocs plugin hands to MkDocs while it builds — generated pages, the "mark as read" blocks of
hand-written pages, the feed, the schema, the scripts, styles and Mermaid bundle, the navigation — is
written out here instead, from the same engine-free function (:func:`..render.site.render_site`), so
that any engine that reads mkdocs.yml and Markdown (MkDocs or ProperDocs without our plugin, Zensical)
can build the handbook. Nothing here imports MkDocs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from process_manual.build.assets import (
    MermaidBundleMissing,
    find_mermaid_bundle,
    script_paths,
    site_assets,
    stylesheet_paths,
)
from process_manual.check.onboarding import page_titles
from process_manual.check.validate import DEFAULT_VAGUE_OWNERS, Settings, validate
from process_manual.core.clock import today
from process_manual.core.labels import Labels
from process_manual.core.paths import FEED, bpmn_file
from process_manual.core.problems import Problem, relative_path
from process_manual.formats.bpmn import handbook_files
from process_manual.formats.schema import SITE_PATH as SCHEMA_SITE_PATH
from process_manual.load.handbook import Handbook, load_handbook
from process_manual.render.context import RenderContext
from process_manual.render.site import MARKDOWN_EXTENSIONS, RenderedSite, docs_pages, history_or_reason, render_site
from process_manual.render.source_links import source_links

PLUGIN = "process-manual"
MERMAID2 = "mermaid2"
"""A MkDocs plugin: with Material its only work here is formatting ```mermaid fences, which superfences'
own formatter does (and escapes, which mermaid2's does not); other engines do not run it."""
PYTHON_NAME = "tag:yaml.org,2002:python/name:"
PLAIN_FENCE_FORMAT = "pymdownx.superfences.fence_code_format"
EDIT_FEATURES = ("content.action.edit", "content.action.view")
"""The theme's edit and view buttons: MkDocs derives them from `edit_uri` and the page's path under docs/,
which for a generated page is no file in the repository (the plugin points them at the YAML file; a
mkdocs.yml cannot say that per page). Process pages keep their own "Edit this process" link."""


class RenderRefused(Exception):
    """The handbook cannot be rendered: the message says why and how to fix it."""


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag mkdocs.yml gives meaning to (`!ENV`, `!!python/name:...`), kept as written."""

    tag: str
    value: Any


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data and keeps every tagged value for the engine to resolve."""


def _keep_tagged(loader: yaml.SafeLoader, tag: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return Tagged(tag, loader.construct_mapping(node, deep=True))
    return Tagged(tag, loader.construct_scalar(node))


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _keep_tagged(loader, "!" + suffix, node))
_ConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: _keep_tagged(loader, "tag:yaml.org,2002:python/" + suffix, node),
)


class _ConfigDumper(yaml.SafeDumper):
    """Writes mkdocs.yml with the tags it was read with."""


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_ConfigDumper.add_representer(Tagged, _represent_tagged)
_ConfigDumper.add_representer(str, _represent_text)


def read_site_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, tags kept (`INHERIT` is not followed: say so rather than render half a site)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader
    except OSError as error:
        raise RenderRefused(
            f"{path}: cannot read it ({error.strerror}) — give the site's mkdocs.yml with --config"
        ) from None
    except yaml.YAMLError as error:
        raise RenderRefused(f"{path}: not valid YAML — {error}") from None
    if not isinstance(data, dict):
        raise RenderRefused(f"{path}: not a site configuration (a mapping of settings) — give mkdocs.yml")
    if "INHERIT" in data:
        raise RenderRefused(
            f"{path}: INHERIT is not supported by `process-manual render` — merge the inherited settings into this file"
        )
    return data


@dataclass
class PluginOptions:
    """The `process-manual` plugin's options as mkdocs.yml sets them (config.py declares the same, with
    the same defaults, for MkDocs: tests/test_render_export.py keeps the two in step)."""

    enabled: bool = True
    processes: str = "processes"
    vague_owners: list[str] = field(default_factory=lambda: list(DEFAULT_VAGUE_OWNERS))
    language: str | None = None
    publish_drafts: bool = False
    edit_url: str | None = None
    issue_url: str | None = None
    mermaid_bundle: str | None = None
    mermaid2_page_pass: bool = False
    git_history: bool = True
    bpmn: bool = True

    @classmethod
    def from_config(cls, config: dict[str, Any], path: Path) -> PluginOptions:
        entries = config.get("plugins") or []
        entries = (
            list(entries.items())
            if isinstance(entries, dict)
            else [next(iter(e.items())) if isinstance(e, dict) else (e, None) for e in entries]
        )
        found = [options for name, options in entries if name == PLUGIN]
        if not found:
            raise RenderRefused(
                f"{path}: the `{PLUGIN}` plugin is not in `plugins` — render needs its options "
                "(at least `processes`, the handbook folder)"
            )
        options = found[0] or {}
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(options) - known)
        if unknown:
            raise RenderRefused(
                f"{path}: unknown option(s) of the {PLUGIN} plugin: {', '.join(unknown)} — "
                f"the options are {', '.join(sorted(known))}"
            )
        return cls(**options)


def _without_plugins(config: dict[str, Any]) -> Any:
    """`plugins` less ours and mermaid2, in the form it was written (a list or a mapping)."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name not in (PLUGIN, MERMAID2)}
    kept = []
    for entry in plugins or []:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name not in (PLUGIN, MERMAID2):
            kept.append(entry)
    return kept


def _plain_mermaid_fences(fences: list[Any]) -> list[Any]:
    """Custom fences with mermaid2's formatter switched to superfences' own (same `<pre class="mermaid">`)."""
    plain = []
    for fence in fences:
        format_ = fence.get("format") if isinstance(fence, dict) else None
        if isinstance(format_, Tagged) and format_.tag.startswith(PYTHON_NAME + MERMAID2 + "."):
            fence = {**fence, "format": Tagged(PYTHON_NAME + PLAIN_FENCE_FORMAT, "")}
        plain.append(fence)
    return plain


def _markdown_extensions(config: dict[str, Any]) -> list[Any]:
    """The site's Markdown extensions, with ours switched on and mermaid2's fence formatter replaced."""
    extensions = config.get("markdown_extensions") or []
    if isinstance(extensions, dict):
        extensions = [{name: options} if options else name for name, options in extensions.items()]
    result: list[Any] = []
    for entry in extensions:
        if isinstance(entry, dict) and "pymdownx.superfences" in entry:
            options = dict(entry["pymdownx.superfences"] or {})
            options["custom_fences"] = _plain_mermaid_fences(options.get("custom_fences") or [])
            entry = {"pymdownx.superfences": options}
        result.append(entry)
    named = {next(iter(e)) if isinstance(e, dict) else e for e in result}
    return result + [name for name in MARKDOWN_EXTENSIONS if name not in named]


def _theme_without_edit_buttons(theme: Any) -> Any:
    if not isinstance(theme, dict) or not theme.get("features"):
        return theme
    return {**theme, "features": [f for f in theme["features"] if f not in EDIT_FEATURES]}


def _appended(entries: list[Any] | None, wanted: list[str]) -> list[Any]:
    listed = list(entries or [])
    names = {e if isinstance(e, str) else (e.get("path") if isinstance(e, dict) else None) for e in listed}
    return listed + [path for path in wanted if path not in names]


def site_config(config: dict[str, Any], site: RenderedSite, hand_written: list[str]) -> dict[str, Any]:
    """The rendered mkdocs.yml: the site's own settings, the navigation spelled out, no process-manual plugin."""
    rendered = dict(config)
    rendered["docs_dir"] = "docs"
    rendered["site_dir"] = "site"
    nav = list(config["nav"]) if config.get("nav") else hand_written
    rendered["nav"] = nav + site.nav
    # Pages reached only by links (retired processes, version histories): MkDocs says so at INFO level.
    rendered["not_in_nav"] = "\n".join(f"/{page}" for page in sorted(site.hidden))
    rendered["plugins"] = _without_plugins(config)
    rendered["markdown_extensions"] = _markdown_extensions(config)
    rendered["extra_css"] = _appended(config.get("extra_css"), stylesheet_paths())
    rendered["extra_javascript"] = _appended(config.get("extra_javascript"), script_paths())
    if "theme" in config:
        rendered["theme"] = _theme_without_edit_buttons(config["theme"])
    return rendered


@dataclass
class RenderResult:
    """What `render` wrote, and what the author should know."""

    out: Path
    pages: int
    warnings: list[str]


def _checked_handbook(config_path: Path, options: PluginOptions, docs_dir: Path) -> tuple[Path, Handbook, list[str]]:
    """The handbook folder, the loaded handbook and its warnings; every problem, when it has an error."""
    folder = (config_path.parent / options.processes).resolve()
    handbook = load_handbook(folder, shown_base=Path.cwd())
    problems: list[Problem] = validate(
        handbook, Settings(vague_owners=tuple(options.vague_owners), docs_dir=docs_dir, shown_base=Path.cwd())
    )
    errors = [p for p in problems if p.is_error]
    if errors:
        raise RenderRefused(
            f"{len(errors)} error(s) in the handbook at {relative_path(folder, Path.cwd())}:\n"
            + "\n".join(p.text() for p in problems)
        )
    return folder, handbook, [p.text() for p in problems]


def _guard_out(out: Path, config_path: Path, docs_dir: Path, folder: Path) -> None:
    """Refuse an output folder that would overwrite the sources it is rendered from, or write into them."""
    out = out.resolve()
    clashes = [
        source
        for source in (docs_dir.resolve(), folder)
        if out.is_relative_to(source) or source.is_relative_to(out / "docs")
    ]
    if out == config_path.resolve().parent:
        clashes.append(config_path.resolve())
    if clashes:
        raise RenderRefused(
            f"--out {out}: it would overwrite or write into the handbook's own files ({clashes[0]}) — "
            "render into a folder of its own, e.g. --out build/handbook"
        )


def render_handbook(config_path: Path, out: Path) -> RenderResult:
    """Write `out/docs/` and `out/mkdocs.yml` for the site `config_path` describes; nothing is written
    when the handbook has errors."""
    config = read_site_config(config_path)
    options = PluginOptions.from_config(config, config_path)
    if not options.enabled:
        raise RenderRefused(
            f"{config_path}: the {PLUGIN} plugin is switched off (`enabled: false`) — there is no handbook to render"
        )
    docs_dir = (config_path.parent / str(config.get("docs_dir") or "docs")).resolve()
    if not docs_dir.is_dir():
        raise RenderRefused(f"{config_path}: docs_dir {docs_dir} is not a folder — create it or fix docs_dir")
    folder, handbook, warnings = _checked_handbook(config_path, options, docs_dir)
    _guard_out(out, config_path, docs_dir, folder)
    try:
        bundle = find_mermaid_bundle(config_path.parent.resolve(), options.mermaid_bundle)
    except MermaidBundleMissing as missing:
        raise RenderRefused(str(missing)) from None

    theme = config.get("theme")
    theme_language = theme.get("language") if isinstance(theme, dict) else None
    labels = Labels(options.language or theme_language or "en")
    repo_url, edit_uri = config.get("repo_url"), config.get("edit_uri")
    links = source_links(
        config_path.parent.resolve(), docs_dir, _plain(repo_url), _plain(edit_uri), options.edit_url, options.issue_url
    )
    context = RenderContext(
        handbook,
        labels,
        today(),
        directory_urls=config.get("use_directory_urls", True),
        publish_drafts=options.publish_drafts,
        source_links=links,
        bpmn_downloads=options.bpmn,
        page_titles=page_titles(handbook, docs_dir),
    )
    history, unavailable = history_or_reason(folder, handbook, options.git_history)
    if unavailable:
        warnings.append(unavailable)
    site = render_site(
        context, history, site_name=str(config.get("site_name") or ""), site_url=_plain(config.get("site_url"))
    )
    hand_written = docs_pages(docs_dir)
    _refuse_clashes(docs_dir, site)
    bpmn = (
        {
            bpmn_file(name.removesuffix(".bpmn")): xml
            for name, xml in handbook_files(context.published, handbook, start_label=labels.start).items()
        }
        if options.bpmn
        else {}
    )
    _write_docs(out / "docs", docs_dir, site, site_assets(bundle), bpmn)
    text = yaml.dump(
        site_config(config, site, hand_written), Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=120
    )
    (out / "mkdocs.yml").write_text(
        "# Written by `process-manual render`: the handbook as plain files, for any "
        "engine that reads mkdocs.yml.\n" + text,
        encoding="utf-8",
    )
    return RenderResult(out, len(site.pages) + len(hand_written), warnings)


def _plain(value: Any) -> str | None:
    """A setting's value for our own links: `!ENV [NAME, default]` is read as the engine would read it."""
    if isinstance(value, Tagged):
        if value.tag == "!ENV":
            names = value.value if isinstance(value.value, list) else [value.value]
            for name in names[:-1] if len(names) > 1 else names:
                if name in os.environ:
                    return os.environ[name]
            return str(names[-1]) if len(names) > 1 else None
        return None
    return None if value is None else str(value)


def _refuse_clashes(source_docs: Path, site: RenderedSite) -> None:
    """A hand-written file where the handbook generates one: refused before anything is written."""
    for page in site.pages:
        if (source_docs / page).exists():
            raise RenderRefused(
                f"{source_docs / page}: clashes with a page the handbook generates — rename or remove it"
            )
    if (source_docs / FEED).exists():
        raise RenderRefused(
            f"{source_docs / FEED}: clashes with the handbook's Atom feed of changes — rename or remove it"
        )


def _write_docs(
    docs: Path, source_docs: Path, site: RenderedSite, assets: dict[str, Path], bpmn: dict[str, str]
) -> None:
    """docs/: the hand-written pages, every generated page and file (BPMN included), and the reading blocks."""
    if docs.exists():
        shutil.rmtree(docs)  # a page of a removed process must not linger
    shutil.copytree(source_docs, docs)
    for page, markdown in site.pages.items():
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for page, block in site.reading_blocks.items():  # "mark as read" on pages of reading paths, of either kind
        target = docs / page
        target.write_text(target.read_text(encoding="utf-8") + block, encoding="utf-8")
    generated = {FEED: site.feed, **bpmn}
    if not (docs / SCHEMA_SITE_PATH).exists():  # the handbook's own schema, for editors
        generated[SCHEMA_SITE_PATH] = site.schema
    for path, text in generated.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    for path, source in assets.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / path)


def run(args: argparse.Namespace) -> int:
    """`process-manual render`: exit 1, with every problem, when the handbook cannot be rendered."""
    try:
        result = render_handbook(Path(args.config), Path(args.out))
    except RenderRefused as refused:
        print(f"process-manual render: {refused}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"Rendered {result.pages} pages to {result.out / 'docs'} and {result.out / 'mkdocs.yml'}; build them "
        f"with any engine that reads mkdocs.yml, e.g. `zensical build -f {result.out / 'mkdocs.yml'}`"
    )
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register `process-manual render` (called by :func:`..cli.build_parser`)."""
    render = commands.add_parser(
        "render",
        help="write the handbook as plain Markdown and a mkdocs.yml without "
        "this plugin, for any engine that reads mkdocs.yml (Zensical, ProperDocs, MkDocs)",
    )
    render.add_argument("--config", "-f", default="mkdocs.yml", help="the site's mkdocs.yml (default: mkdocs.yml)")
    render.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="write DIR/docs/ and DIR/mkdocs.yml (its site_dir is DIR/site); DIR/docs/ is replaced",
    )
    render.set_defaults(run=run)
