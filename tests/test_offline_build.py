"""The example handbooks build with `--strict` on a machine without any network.

mkdocs-mermaid2 checks its default Mermaid URL with `requests.get` and no timeout: offline that
check fails the strict build, and on a network that drops packets it hangs (ARCHITECTURE.md, "Measured facts"). The
handbooks avoid it by serving Mermaid themselves; this test cuts the network off with
`unshare -n` (a new, empty network namespace) and builds them for real.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from offline import offline_prefix

ROOT = Path(__file__).resolve().parents[1]
HANDBOOKS = {"en": ROOT / "tests/fixtures/english/mkdocs.yml", "zh": ROOT / "mkdocs.yml",
             "zh-hant": ROOT / "examples" / "zh-hant" / "mkdocs.yml"}


@pytest.fixture(scope="module")
def offline() -> list[str]:
    return offline_prefix()


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_strict_build_without_network(offline: list[str], name: str, tmp_path: Path) -> None:
    config = HANDBOOKS[name]
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [*offline, sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, f"offline strict build of {name} failed:\n{result.stdout}\n{result.stderr}"
    assert (site / "index.html").is_file()
    assert (site / "assets" / "javascripts" / "mermaid.min.js").is_file()
    assert any((site / "processes").glob("*/index.html")), "no process page was built"
