"""`process-manual render`: the whole handbook as plain Markdown files and a plugin-free mkdocs.yml.

What the MkDocs plugin hands to MkDocs while it builds — generated pages, the "mark as read" blocks of
hand-written pages, the feed, the schema, the scripts, styles and Mermaid bundle, the navigation — is
written out here instead, from the same pipeline (:mod:`process_manual.build.pipeline`), so
that any engine that reads mkdocs.yml and Markdown (MkDocs or ProperDocs without our plugin, Zensical)
can build the handbook. Nothing here imports MkDocs.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
from dataclasses import dataclass
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
from process_manual.build.languages import (
    Languages,
    alternates,
    hand_written_pages,
    site_base,
    site_name,
    source_pages,
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
)
from process_manual.build.pipeline import render_handbook as render_handbook_site
from process_manual.core.paths import FEED
from process_manual.core.problems import relative_path
from process_manual.load.localize import localize
from process_manual.render.site import docs_pages

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
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    raise yaml.constructor.ConstructorError(None, None, f"cannot read the value tagged {tag}", node.start_mark)


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


def plugin_options(config: dict[str, Any], path: Path) -> PluginOptions:
    """The `process-manual` plugin's options as mkdocs.yml sets them (declared in build/options.py)."""
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
    try:
        return PluginOptions.from_mapping(found[0] or {})
    except ValueError as error:
        raise RenderRefused(f"{path}: {error}") from None


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


def site_config(config: dict[str, Any], built: BuiltHandbook, hand_written: list[str]) -> dict[str, Any]:
    """The rendered mkdocs.yml: the site's own settings, the navigation spelled out, no process-manual plugin."""
    rendered = dict(config)
    rendered["docs_dir"] = "docs"
    rendered["site_dir"] = "site"
    rendered["nav"] = navigation(list(config["nav"]) if config.get("nav") else list(hand_written), built)
    # Pages reached only by links (retired processes, version histories): MkDocs says so at INFO level.
    rendered["not_in_nav"] = "\n".join(f"/{page}" for page in sorted(built.site.hidden))
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
    options = plugin_options(config, config_path)
    if not options.enabled:
        raise RenderRefused(
            f"{config_path}: the {PLUGIN} plugin is switched off (`enabled: false`) — there is no handbook to render"
        )
    docs_dir = (config_path.parent / str(config.get("docs_dir") or "docs")).resolve()
    if not docs_dir.is_dir():
        raise RenderRefused(f"{config_path}: docs_dir {docs_dir} is not a folder — create it or fix docs_dir")
    theme = config.get("theme")
    settings = SiteSettings(
        config_dir=config_path.parent.resolve(),
        docs_dir=docs_dir,
        options=options,
        site_name=str(config.get("site_name") or ""),
        site_url=_plain(config.get("site_url")),
        repo_url=_plain(config.get("repo_url")),
        edit_uri=_plain(config.get("edit_uri")),
        theme_language=theme.get("language") if isinstance(theme, dict) else None,
        directory_urls=config.get("use_directory_urls", True),
    )
    checked = check_handbook(settings)
    if checked.errors:
        raise RenderRefused(
            f"{len(checked.errors)} error(s) in the handbook at {relative_path(settings.folder, Path.cwd())}:\n"
            + "\n".join(p.text() for p in checked.problems)
        )
    _guard_out(out, config_path, docs_dir, settings.folder)
    try:
        bundle = find_mermaid_bundle(settings.config_dir, options.mermaid_bundle)
    except MermaidBundleMissing as missing:
        raise RenderRefused(str(missing)) from None

    handbook = checked.handbook
    if len(handbook.languages) < 2:
        built = render_handbook_site(checked, settings)
        hand_written = docs_pages(docs_dir)
        _refuse_clashes(docs_dir, built)
        _write_docs(out / "docs", docs_dir, built, site_assets(bundle))
        _write_config(out, site_config(config, built, hand_written))
        warnings = [p.text() for p in checked.problems] + built.warnings
        return RenderResult(out, len(built.site.pages) + len(hand_written), warnings)
    policy = handbook.policy
    derived: dict[str, str] = dict(policy.derived) if policy is not None else {}
    pages, warnings = 0, [p.text() for p in checked.problems]
    for tag in handbook.languages:
        languages = Languages(tuple(handbook.languages), tag, derived)
        name = site_name(settings.site_name, languages, options.site_names or {})
        local = dataclasses.replace(settings, theme_language=tag, site_name=name)
        built = render_handbook_site(CheckedHandbook(localize(handbook, tag), checked.problems), local)
        changed, left_out = hand_written_pages(docs_dir, languages, built.labels)
        hand_written = source_pages(docs_pages(docs_dir), languages)
        _refuse_clashes(docs_dir, built)
        target = out / languages.folder(tag)
        _write_docs(target / "docs", docs_dir, built, site_assets(bundle), changed, left_out)
        rendered = site_config(config, built, hand_written)
        rendered["site_name"] = name
        rendered["theme"] = {**(rendered.get("theme") or {}), "language": tag}
        rendered["site_dir"] = "site" if languages.is_source else f"../site/{tag}"
        rendered["extra"] = {
            **(rendered.get("extra") or {}),
            "alternate": alternates(languages, site_base(settings.site_url)),
        }
        _write_config(target, rendered)
        pages += len(built.site.pages) + len(hand_written)
        warnings += built.warnings if languages.is_source else []
    return RenderResult(out, pages, warnings)


def _write_config(out: Path, config: dict[str, Any]) -> None:
    text = yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=120)
    (out / "mkdocs.yml").write_text(
        "# Written by `process-manual render`: the handbook as plain files, for any engine that reads mkdocs.yml.\n"
        + text,
        encoding="utf-8",
    )


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


def _refuse_clashes(source_docs: Path, built: BuiltHandbook) -> None:
    """A hand-written file where the handbook generates one: refused before anything is written."""
    for page in built.site.pages:
        if (source_docs / page).exists():
            raise RenderRefused(
                f"{source_docs / page}: clashes with a page the handbook generates — rename or remove it"
            )
    for path in built.files:
        if (source_docs / path).exists():
            what = "the handbook's Atom feed of changes" if path == FEED else "a file the handbook generates"
            raise RenderRefused(f"{source_docs / path}: clashes with {what} — rename or remove it")


def _write_docs(
    docs: Path,
    source_docs: Path,
    built: BuiltHandbook,
    assets: dict[str, Path],
    hand_written: dict[str, str] | None = None,
    left_out: list[str] | None = None,
) -> None:
    """docs/: the hand-written pages (`hand_written`: those of another language than the files', `left_out`:
    translations of pages), every generated page and file (BPMN included), and the reading blocks."""
    if docs.exists():
        shutil.rmtree(docs)  # a page of a removed process must not linger
    shutil.copytree(source_docs, docs)
    for page in left_out or []:
        (docs / page).unlink()
    for page, markdown in (hand_written or {}).items():
        (docs / page).write_text(markdown, encoding="utf-8")
    site = built.site
    for page, markdown in site.pages.items():
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for page, block in site.reading_blocks.items():  # "mark as read" on pages of reading paths, of either kind
        target = docs / page
        target.write_text(target.read_text(encoding="utf-8") + block, encoding="utf-8")
    generated = dict(built.files)
    if not (docs / SCHEMA_PATH).exists():  # the handbook's own schema, for editors
        generated[SCHEMA_PATH] = built.schema
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
