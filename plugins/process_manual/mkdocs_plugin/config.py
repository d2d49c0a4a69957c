"""Options of the `process-manual` MkDocs plugin (`plugins: - process-manual: {...}` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from process_manual.check.validate import DEFAULT_VAGUE_OWNERS


class ProcessManualConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (e.g. for a quick build of the hand-written pages only)."""

    processes = opt.Type(str, default="processes")
    """The handbook folder: catalogs (`_roles.yml`, ...) and process files, relative to mkdocs.yml."""

    vague_owners = opt.ListOfItems(opt.Type(str), default=list(DEFAULT_VAGUE_OWNERS))
    """Words that mark a vague owner ("relevant departments", "相关部门"): an error where a role uses them."""

    language = opt.Optional(opt.Type(str))
    """Language of the labels the plugin writes (`en`, `zh`, or `zh-TW`/`zh-HK`/`zh-Hant` for traditional characters);
    defaults to `theme.language`."""

    publish_drafts = opt.Type(bool, default=False)
    """Publish `status: draft` processes (with a banner); off for the production handbook."""

    edit_url = opt.Optional(opt.Type(str))
    """"Edit this process" link: a URL with `{path}` (the YAML file's path in the repository), e.g.
    `https://git.example.com/org/repo/edit/main/{path}`. By default derived from `repo_url` and `edit_uri`;
    an empty string turns the link off."""

    issue_url = opt.Optional(opt.Type(str))
    """"Suggest a change" link: a URL with `{title}` and `{body}`; default
    `<repo_url>/issues/new?title={title}&body={body}` (on a host named GitLab:
    `<repo_url>/-/issues/new?issue[title]={title}&issue[description]={body}`); empty turns it off."""

    mermaid_bundle = opt.Optional(opt.Type(str))
    """Path to Mermaid's `mermaid.min.js`, relative to the folder of mkdocs.yml (or absolute); by default
    `node_modules/mermaid/dist/mermaid.min.js` in the folder of mkdocs.yml or any folder above it (installed by
    `npm ci`)."""

    mermaid2_page_pass = opt.Type(bool, default=False)
    """Let mermaid2 re-parse every built page with BeautifulSoup (its `on_post_page`). With Material and
    mermaid2's custom fence that pass only appends a `window.mermaidConfig` script that Material never
    reads, and it cost more than the rest of the build together (see the README's benchmark): skipped
    unless this is `true`. mermaid2 still formats the fences and names the Mermaid library."""

    git_history = opt.Type(bool, default=True)
    """Read the handbook's git history for the version-history pages (what changed in each version). When
    git cannot tell (no repository, a shallow clone) the pages show the change log alone, with one
    warning; `false` shows the change log alone without reading git or warning."""

    bpmn = opt.Type(bool, default=True)
    """Publish every process as BPMN 2.0 (`bpmn/<ID>.bpmn`, for modelers) with a download link on its page.
    Exporting takes about 2.5 ms of CPU per process; `false` leaves the files and links out."""
