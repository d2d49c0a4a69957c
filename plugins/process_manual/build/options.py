"""The `process-manual` plugin's options, declared once.

MkDocs reads them through :mod:`process_manual.mkdocs_plugin.config` (made from this declaration),
`process-manual render` reads them from mkdocs.yml as data (:meth:`PluginOptions.from_mapping`), and the
plugin reference is written from the docs below. An option is added here and nowhere else.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from process_manual.check.validate import DEFAULT_VAGUE_OWNERS


def _doc(text: str) -> dict[str, str]:
    return {"doc": " ".join(text.split())}


@dataclass(frozen=True)
class PluginOptions:
    """`plugins: - process-manual: {...}` in mkdocs.yml."""

    enabled: bool = field(
        default=True, metadata=_doc("Turn the plugin off (e.g. for a quick build of the hand-written pages only).")
    )
    processes: str = field(
        default="processes",
        metadata=_doc("The handbook folder: catalogs (`_roles.yml`, ...) and process files, relative to mkdocs.yml."),
    )
    vague_owners: tuple[str, ...] = field(
        default=DEFAULT_VAGUE_OWNERS,
        metadata=_doc(
            """Words that mark a vague owner ("relevant departments", "相关部门"): an error where a role uses them.
            Replaces the built-in list; `_handbook.yml`'s `vague_owners` adds to it."""
        ),
    )
    language: str | None = field(
        default=None,
        metadata=_doc(
            """Language of the words the plugin writes: any tag a catalog answers (`en`, `zh`, `zh-TW`, `en-GB`,
            ... — reference/catalogs.md); defaults to `theme.language`. A tag no catalog answers gives English
            and a warning (under `--strict`, a stopped build)."""
        ),
    )
    site_names: dict[str, str] | None = field(
        default=None,
        metadata=_doc(
            """The site's name in each language of a handbook in several languages (`en: Company Process
            Handbook`); `site_name` is the source language's. A derived language without one converts it."""
        ),
    )
    publish_drafts: bool = field(
        default=False,
        metadata=_doc("Publish `status: draft` processes (with a banner); off for the production handbook."),
    )
    edit_url: str | None = field(
        default=None,
        metadata=_doc(
            """"Edit this process" link: a URL with `{path}` (the YAML file's path in the repository), e.g.
            `https://git.example.com/org/repo/edit/main/{path}`. By default derived from `repo_url` and
            `edit_uri`; an empty string turns the link off."""
        ),
    )
    issue_url: str | None = field(
        default=None,
        metadata=_doc(
            """"Suggest a change" link: a URL with `{title}` and `{body}`; default
            `<repo_url>/issues/new?title={title}&body={body}` (on a host named GitLab:
            `<repo_url>/-/issues/new?issue[title]={title}&issue[description]={body}`); empty turns it off."""
        ),
    )
    mermaid_bundle: str | None = field(
        default=None,
        metadata=_doc(
            """Path to Mermaid's `mermaid.min.js`, relative to the folder of mkdocs.yml (or absolute); by default
            `node_modules/mermaid/dist/mermaid.min.js` in the folder of mkdocs.yml or any folder above it
            (installed by `npm ci`)."""
        ),
    )
    mermaid2_page_pass: bool = field(
        default=False,
        metadata=_doc(
            """Let mermaid2 re-parse every built page with BeautifulSoup (its `on_post_page`). With Material and
            mermaid2's custom fence that pass only appends a `window.mermaidConfig` script that Material never
            reads, and it cost more than the rest of the build together: skipped unless this is `true`.
            mermaid2 still formats the fences and names the Mermaid library."""
        ),
    )
    git_history: bool = field(
        default=True,
        metadata=_doc(
            """Read the handbook's git history for the version-history pages (what changed in each version).
            When git cannot tell (no repository, a shallow clone) the pages show the change log alone, with one
            warning; `false` shows the change log alone without reading git or warning."""
        ),
    )
    bpmn: bool = field(
        default=True,
        metadata=_doc(
            """Publish every process as BPMN 2.0 (`bpmn/<ID>.bpmn`, for modelers) with a download link on its
            page. Exporting takes about 2.5 ms of CPU per process; `false` leaves the files and links out."""
        ),
    )

    @classmethod
    def fields(cls) -> list[dataclasses.Field[Any]]:
        return list(dataclasses.fields(cls))

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any]) -> PluginOptions:
        """The options from mkdocs.yml's mapping; ValueError names an unknown option or a value of the wrong type."""
        known = {f.name: f for f in cls.fields()}
        unknown = sorted(set(options) - set(known))
        if unknown:
            raise ValueError(
                f"unknown option(s) of the process-manual plugin: {', '.join(unknown)} — the options are "
                f"{', '.join(sorted(known))}"
            )
        values: dict[str, Any] = {}
        for name, value in options.items():
            kind = value_type(known[name])
            if value is None and optional(known[name]):
                values[name] = None
            elif kind is tuple:
                if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                    raise ValueError(f"option `{name}` of the process-manual plugin: expected a list of texts")
                values[name] = tuple(value)
            elif not isinstance(value, kind):
                raise ValueError(f"option `{name}` of the process-manual plugin: expected {kind.__name__}")
            else:
                values[name] = value
        return cls(**values)


def _hints() -> dict[str, Any]:
    return typing.get_type_hints(PluginOptions)


def optional(option: dataclasses.Field[Any]) -> bool:
    """Whether the option may be left unset (None)."""
    hint = _hints()[option.name]
    return isinstance(hint, types.UnionType) and type(None) in typing.get_args(hint)


def value_type(option: dataclasses.Field[Any]) -> type:
    """The Python type of the option's value: bool, str, or tuple (a list of texts)."""
    hint = _hints()[option.name]
    if isinstance(hint, types.UnionType):
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    origin = typing.get_origin(hint) or hint
    if not isinstance(origin, type):
        raise TypeError(f"option {option.name}: unsupported type {hint!r}")
    return origin


def options_reference() -> str:
    """The options as a Markdown table (reference/plugin.md), from their one declaration."""
    rows = ["| option | default | what it does |", "|---|---|---|"]
    for option in PluginOptions.fields():
        default = getattr(PluginOptions(), option.name)
        shown = "—" if default is None else (f"`{list(default)}`" if isinstance(default, tuple) else f"`{default}`")
        if isinstance(default, tuple) and len(str(list(default))) > 40:
            shown = "the built-in vague-owner words"
        rows.append(f"| `{option.name}` | {shown} | {option.metadata['doc'].replace('|', '&#124;')} |")
    return "\n".join(rows) + "\n"
