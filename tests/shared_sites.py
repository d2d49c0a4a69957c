"""The example handbooks, built once per test run and shared by every test module and every xdist worker.

A strict build of the trilingual example costs tens of seconds of CPU; before this module each worker and
several modules built the same three handbooks again (21 builds in one `make test`). Now the first test
that asks for a handbook builds it, under a file lock in the run's temporary folder that all workers
share; the others wait for the lock and read the result, a failed build included (each then fails with
the same MkDocs output instead of building again).

Each build runs with the network cut off where the machine allows it (`unshare -n`):
tests/test_offline_build.py asserts that it did. The site is built for the `site_url` its mkdocs.yml
names when HANDBOOK_SITE_URL is not set, as `make site` builds it; a browser test serves it through
:class:`RewritingHandler`, at the path of that address (`/zh-hant/` for the traditional handbook, as it
would be published) and with its origin replaced by the server's own, so Material's instant navigation
(it only takes over links to the host and port of the sitemap) works as on a site built for that server.
"""

from __future__ import annotations

import fcntl
import http.server
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from offline import network_cut_prefix

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {
    "en": ROOT / "tests/fixtures/english/mkdocs.yml",
    "zh": ROOT / "mkdocs.yml",
    "zh-hant": ROOT / "examples" / "zh-hant" / "mkdocs.yml",
}
"""The example handbooks: the English fixture, the trilingual root handbook, the traditional-Chinese one."""


@dataclass(frozen=True)
class BuiltSite:
    """One example handbook, built by `mkdocs build --strict`."""

    name: str
    config: Path
    site_dir: Path
    site_url: str
    """The address the site was built for (its mkdocs.yml's default)."""
    offline: bool
    """True when the build ran with the network cut off."""
    output: str
    """What MkDocs printed."""


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder every xdist worker sees (each worker's own is a folder inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def default_site_url(config: Path) -> str:
    """mkdocs.yml's `site_url: !ENV [HANDBOOK_SITE_URL, "<default>"]` default."""
    found = re.search(r'^site_url:\s*!ENV\s*\[\s*HANDBOOK_SITE_URL\s*,\s*"([^"]+)"\s*\]', config.read_text("utf-8"),
                      re.MULTILINE)
    assert found, f"{config}: site_url is not `!ENV [HANDBOOK_SITE_URL, \"...\"]`"
    return found[1]


def built_example(name: str, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The example handbook `name` (a key of EXAMPLES), built once per run; a failed build fails the test."""
    config = EXAMPLES[name]
    folder = run_folder(tmp_path_factory) / f"shared-example-{name}"
    folder.mkdir(exist_ok=True)
    record = folder / "build.json"
    with (folder / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes: the others wait for the build
        if not record.exists():
            prefix = network_cut_prefix()
            env = {key: value for key, value in os.environ.items() if key != "HANDBOOK_SITE_URL"}
            env["NO_MKDOCS_2_WARNING"] = "1"
            result = subprocess.run(
                [*(prefix or []), sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                 "-d", str(folder / "site")],
                cwd=config.parent, env=env, capture_output=True, text=True, timeout=600, check=False,
            )
            record.write_text(json.dumps({"returncode": result.returncode, "offline": prefix is not None,
                                          "output": result.stdout + result.stderr}), encoding="utf-8")
    built = json.loads(record.read_text(encoding="utf-8"))
    if built["returncode"] != 0:
        pytest.fail(f"mkdocs build --strict -f {config} failed (exit {built['returncode']}):\n{built['output']}",
                    pytrace=False)
    return BuiltSite(name, config, folder / "site", default_site_url(config), built["offline"], built["output"])


class RewritingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site at the path it was built for, with the origin (scheme, host and port) it was
    built for replaced by this server's own in every text file (pages, sitemap, feed, search index).
    Subclassed per server with `built_for` (the site_url) and `origin` (``http://127.0.0.1:<port>``) set."""

    built_for = ""
    origin = ""
    TEXT = {".html": "text/html", ".xml": "application/xml", ".json": "application/json", ".txt": "text/plain"}

    @classmethod
    def base_url(cls) -> str:
        """Where the site is served: this server's origin and the path it was built for."""
        return cls.origin + (urlsplit(cls.built_for).path or "/")

    def translate_path(self, path: str) -> str:
        prefix = urlsplit(self.built_for).path or "/"
        if not path.startswith(prefix):
            return str(Path(self.directory) / ".not-in-the-site")  # a 404: the site lives under its path only
        return super().translate_path("/" + path[len(prefix):])

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the stdlib's redirect to the folder's address
                return
            path = path / "index.html"
        kind = self.TEXT.get(path.suffix)
        if kind is None or not path.is_file():
            super().do_GET()
            return
        built_origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.built_for))
        body = path.read_bytes().replace(built_origin.encode(), self.origin.encode())
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass
