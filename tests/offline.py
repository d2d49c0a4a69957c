"""Run a command with the network cut off: `unshare -n` puts it in a new, empty network namespace.

Used by the offline builds (tests/test_offline_build.py, tests/browser/test_engines.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest


def _unshare_prefix() -> list[str] | None:
    """A working way to run a command without network: `unshare -n` as root, else `unshare -rn`."""
    if shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "-n"], ["unshare", "-r", "-n"]):
        probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return prefix
    return None


def network_cut_prefix() -> list[str] | None:
    """The command prefix that cuts the network off, checked to reach nothing; None where that is impossible."""
    prefix = _unshare_prefix()
    if prefix is None:
        return None
    # Inside the namespace there is no interface to the outside at all (only a loopback, down).
    probe = subprocess.run([*prefix, sys.executable, "-c",
                            "import socket; socket.create_connection(('1.1.1.1', 80), timeout=3)"],
                           capture_output=True, text=True, check=False)
    assert probe.returncode != 0, "the network namespace still reaches the internet"
    return prefix


def offline_prefix() -> list[str]:
    """The command prefix that cuts the network off; skips the test where that is impossible (fails under CI)."""
    prefix = network_cut_prefix()
    if prefix is None:
        skip_without_network_namespace()
    assert prefix is not None
    return prefix


def skip_without_network_namespace() -> None:
    reason = "`unshare -n true` fails here (no permission for a network namespace)"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}", pytrace=False)
    pytest.skip(reason)
