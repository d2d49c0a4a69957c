"""Build a handbook site with the real `mkdocs` in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MERMAID_BUNDLE = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"

MKDOCS_YML = """\
site_name: Test handbook
theme:
  name: material
  font: false
  language: {language}
plugins:
  - search
  - process-manual:
      processes: handbook
      mermaid_bundle: {bundle}
      git_history: {git_history}
{options}
  - mermaid2
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:mermaid2.fence_mermaid_custom
"""


def write_site_config(root: Path, *, language: str = "en", options: str = "", git_history: bool = False) -> Path:
    """A mkdocs.yml beside `root/handbook`, with a one-page docs folder.

    Test handbooks live in temporary folders outside git: reading git history is off unless asked for
    (otherwise the plugin's one warning about it would fail every `--strict` build).
    """
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Welcome\n\nThe test handbook.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    indented = "\n".join(f"      {line}" for line in options.splitlines())
    config.write_text(MKDOCS_YML.format(language=language, bundle=MERMAID_BUNDLE, options=indented,
                                      git_history=str(git_history).lower()),
                      encoding="utf-8")
    return config


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *extra], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
