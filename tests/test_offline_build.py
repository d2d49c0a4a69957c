"""The example handbooks build with `--strict` on a machine without any network.

mkdocs-mermaid2 checks its default Mermaid URL with `requests.get` and no timeout: offline that
check fails the strict build, and on a network that drops packets it hangs (DESIGN.md). The
handbooks avoid it by serving Mermaid themselves; this test cuts the network off with
`unshare -n` (a new, empty network namespace) and builds them for real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HANDBOOKS = {"en": ROOT / "mkdocs.yml", "zh": ROOT / "examples" / "zh" / "mkdocs.yml",
             "zh-hant": ROOT / "examples" / "zh-hant" / "mkdocs.yml"}


def _unshare_prefix() -> list[str] | None:
    """A working way to run a command without network: `unshare -n` as root, else `unshare -rn`."""
    if shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "-n"], ["unshare", "-r", "-n"]):
        probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return prefix
    return None


@pytest.fixture(scope="module")
def offline() -> list[str]:
    prefix = _unshare_prefix()
    if prefix is None:
        reason = "`unshare -n true` fails here (no permission for a network namespace)"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {reason}", pytrace=False)
        pytest.skip(reason)
    # Inside the namespace there is no interface to the outside at all (only a loopback, down).
    probe = subprocess.run([*prefix, sys.executable, "-c",
                            "import socket; socket.create_connection(('1.1.1.1', 80), timeout=3)"],
                           capture_output=True, text=True, check=False)
    assert probe.returncode != 0, "the network namespace still reaches the internet"
    return prefix


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
