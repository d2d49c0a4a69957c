"""The files every handbook site serves beside its pages: Mermaid's bundle, our styles and scripts.

One list for the MkDocs plugin and for `process-manual render`, in the order a page must load them.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent / "assets"

MERMAID_SITE_PATH = "assets/javascripts/mermaid.min.js"
STYLESHEETS = {
    "assets/stylesheets/process-manual.css": _HERE / "process-manual.css",
    "assets/stylesheets/process-manual-flowchart.css": _HERE / "process-manual-flowchart.css",
}
# Mermaid first; the swimlane layout registers itself with Mermaid, and the drawing script uses both.
SCRIPTS = {
    "assets/javascripts/process-manual.js": _HERE / "process-manual.js",
    "assets/javascripts/process-manual-lanes.js": _HERE / "process-manual-lanes.js",
    "assets/javascripts/process-manual-flowchart.js": _HERE / "process-manual-flowchart.js",
}


class MermaidBundleMissing(Exception):
    """Mermaid's JavaScript is not installed where the handbook looks for it."""


def find_mermaid_bundle(start: Path, configured: str | None = None) -> Path:
    """`configured` (relative to `start`), else node_modules/mermaid/dist/mermaid.min.js in `start` or above."""
    if configured:
        candidate = start / configured
        if candidate.is_file():
            return candidate
    else:
        for folder in (start, *start.parents):
            candidate = folder / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
            if candidate.is_file():
                return candidate
    raise MermaidBundleMissing(
        f"Mermaid's JavaScript bundle is not installed ({configured or 'node_modules/mermaid/dist/mermaid.min.js'})"
        " — run `npm ci` in the repository (or `make site`), or set `mermaid_bundle`"
    )


def site_assets(mermaid_bundle: Path) -> dict[str, Path]:
    """Site path -> source file of every asset a handbook site serves."""
    return {MERMAID_SITE_PATH: mermaid_bundle, **STYLESHEETS, **SCRIPTS}


def script_paths() -> list[str]:
    """`extra_javascript` entries, in loading order."""
    return [MERMAID_SITE_PATH, *SCRIPTS]


def stylesheet_paths() -> list[str]:
    """`extra_css` entries."""
    return list(STYLESHEETS)
