"""`mkdocs serve` with the plugin: a validation error is shown in the terminal and on the page being
previewed, and the server keeps running and recovers when the file is fixed (a real server process)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path

import pytest

from fixtures.util import ACCESS, PURCHASE, TODAY, copy_handbook, edit
from process_manual.load.handbook import load_handbook
from process_manual.render.context import RenderContext
from process_manual.core.labels import Labels
from process_manual.render.preview import problem_banner, stand_in_pages
from process_manual.render.site import navigation, render_pages
from process_manual.render.text import plain
from process_manual.check.validate import validate
from sitebuild import MERMAID_BUNDLE, write_site_config

needs_mermaid = pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")

PHASE_TIMEOUT = 180.0
"""Seconds for one rebuild to show up: a build takes a few seconds, a loaded CI machine may take many more."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `mkdocs serve` process; its terminal output goes to a file (a full pipe would block it)."""

    def __init__(self, root: Path, port: int):
        self.log = root / "serve.log"
        self.url = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        with self.log.open("wb") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)

    @property
    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, path: str, condition: Callable[[str], bool], what: str) -> str:
        """Poll `path` until `condition(html)`; the server must stay alive all along."""
        deadline = time.monotonic() + PHASE_TIMEOUT
        html = None
        while time.monotonic() < deadline:
            assert self.alive(), f"mkdocs serve stopped (exit {self.process.returncode}):\n{self.output}"
            html = self.get(path)
            if html is not None and condition(html):
                return html
            time.sleep(0.5)
        pytest.fail(f"{what}: not seen on /{path} within {PHASE_TIMEOUT:.0f} s\nlast page:\n{(html or '')[:2000]}\n"
                    f"terminal:\n{self.output}", pytrace=False)

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    copy_handbook(tmp_path)
    write_site_config(tmp_path)
    server = Server(tmp_path, free_port())
    try:
        yield server, tmp_path / "handbook"
    finally:
        server.stop()


BANNER = "error(s): this preview is incomplete"
HOSTILE_KEY = "<img src=x onerror=alert(1)>"


@needs_mermaid
def test_errors_show_on_the_previewed_page_and_the_server_keeps_running(served):
    server, handbook = served
    page = "processes/pur-001/"
    server.wait_for(page, lambda html: "Responsibility matrix" in html, "the first build")
    original = (handbook / PURCHASE).read_bytes()

    # A key the model rejects (the process cannot load: its page stays, saying why) and an HTML payload.
    edit(handbook, PURCHASE, "\nowner: ", f"\n{HOSTILE_KEY}: 1\nowenr: ")
    html = server.wait_for(page, lambda html: BANNER in html, "the error banner on the process page")
    assert "unknown key" in html and "owenr" in html and "did you mean" in html
    assert "<img src=x" not in html and HOSTILE_KEY in unescape(html)  # shown as text, never as an element
    assert "This process cannot be shown until its file is fixed." in html
    home = server.get("")
    assert home is not None and BANNER in home  # every page carries it, not only the broken one
    assert "ERROR" in server.output and f"handbook/{PURCHASE}:" in server.output and "owenr" in server.output

    # A second, different error while the first is fixed: the banner follows the file.
    (handbook / PURCHASE).write_bytes(original.replace(b"forms: [quote-comparison]", b"forms: [quote-comparisons]"))
    html = server.wait_for(page, lambda html: "quote-comparisons" in html and "owenr" not in html,
                           "the banner updated to the new error")
    assert BANNER in html and "Responsibility matrix" in html  # the process loads: its page is back, with the banner

    (handbook / PURCHASE).write_bytes(original)
    html = server.wait_for(page, lambda html: BANNER not in html and "Responsibility matrix" in html,
                           "the page without the banner after the fix")
    assert server.alive()
    assert "Traceback" not in server.output


@needs_mermaid
def test_a_new_draft_has_its_page_in_the_preview_but_not_in_the_build(served):
    server, handbook = served
    server.wait_for("processes/pur-001/", lambda html: "Responsibility matrix" in html, "the first build")
    new = subprocess.run([sys.executable, "-m", "process_manual.cli", "new", "--id", "PUR-009", "--title",
                          "Supplier onboarding", "--area", "purchasing", "--owner", "purchasing-manager", "--dir",
                          str(handbook)], capture_output=True, text=True, timeout=120)
    assert new.returncode == 0, new.stderr
    html = server.wait_for("processes/pur-009/", lambda html: "Supplier onboarding" in html, "the draft's page")
    assert "Draft — this process is not approved yet" in html and BANNER not in html
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=handbook.parent,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert (handbook.parent / "site/processes/pur-001/index.html").is_file()
    assert not (handbook.parent / "site/processes/pur-009").exists()


# --- what the preview renders from a handbook with errors ---------------------------------------

# Errors the validator reports on a file that still loads: the preview renders the process anyway.
BROKEN_BUT_LOADED = {
    "unknown next step": [(ACCESS, "next: granted", "next: grantd")],
    "sub-process without its process": [(ACCESS, "    process: PUR-001\n", "")],
    "unknown sub-process": [(ACCESS, "    process: PUR-001\n", "    process: PUR-999\n")],
    "no end step": [(ACCESS, "    kind: end\n  - id: refused", "  - id: refused"),
                    (ACCESS, "    name: Access refused\n    kind: end", "    name: Access refused")],
    "duplicate step id": [(ACCESS, "  - id: granted", "  - id: request")],
    "unknown role, form, area, owner": [(ACCESS, "responsible: it-admin", "responsible: it-admn"),
                                        (ACCESS, "forms: [access-request]", "forms: [access-reqest]"),
                                        (ACCESS, "area: it", "area: itt"), (ACCESS, "\nowner: it-manager", "\nowner: x")],
    "dead loop": [(ACCESS, "next: granted", "next: create-account")],
    "end step with a next": [(ACCESS, "    name: Access granted\n    kind: end",
                              "    name: Access granted\n    kind: end\n    next: request")],
    "broken optional parts": [(ACCESS, "target: 95", "target: [1]"), (ACCESS, "every: 1 year", "every: never")],
}


@pytest.mark.parametrize("edits", BROKEN_BUT_LOADED.values(), ids=list(BROKEN_BUT_LOADED))
def test_a_handbook_with_errors_still_renders_for_the_preview(tmp_path, edits):
    """Rendering never raises on what the validator rejects: the preview must survive any error."""
    root = copy_handbook(tmp_path)
    for file, old, new in edits:
        edit(root, file, old, new)
    handbook = load_handbook(root, shown_base=root)
    problems = validate(handbook)
    assert any(p.is_error for p in problems)
    context = RenderContext(handbook, Labels("en"), dt.date.fromisoformat(TODAY))
    pages = render_pages(context)
    navigation(context)
    assert "processes/it-002.md" in pages
    banner = problem_banner(problems, Labels("en"))
    assert banner.startswith('!!! failure "The handbook has ') and plain("it/access-request.yml:") in banner


def test_a_process_too_broken_to_load_gets_a_stand_in_page(tmp_path):
    root = copy_handbook(tmp_path)
    edit(root, ACCESS, "\nsteps:", "\nsteps: 1\nstepz:")
    handbook = load_handbook(root, shown_base=root)
    pages = render_pages(RenderContext(handbook, Labels("zh"), dt.date.fromisoformat(TODAY)))
    assert "processes/it-002.md" not in pages
    stand_ins = stand_in_pages(handbook.unloaded_ids, pages, Labels("zh"))
    assert list(stand_ins) == ["processes/it-002.md"]
    assert "此流程文件修正之前无法显示。" in stand_ins["processes/it-002.md"]


def test_the_banner_is_escaped_and_bounded():
    from process_manual.core.problems import Problem, Severity

    problems = [Problem("a.yml", i, 1, Severity.ERROR, "<script>alert(1)</script> `x` {: onclick=y}") for i in range(60)]
    banner = problem_banner(problems, Labels("en"))
    assert "<script>" not in banner and "{:" not in banner and "`x`" not in banner
    assert banner.count("\n    - ") == 51 and "… and 10 more (see the terminal)" in banner


@needs_mermaid
def test_the_preview_serves_every_language_and_rebuilds_a_translation(tmp_path):
    """`mkdocs serve` of a handbook in two languages: the English site is served under en/, and an edit of a
    translation file shows there, while a problem in it shows as a banner and the server keeps running."""
    root = copy_handbook(tmp_path)
    (root / "_handbook.yml").write_text("languages: [en, zh]\n", encoding="utf-8")
    translation = root / "purchasing" / "purchase-request.zh.yml"
    translation.write_text("title: 采购申请\n", encoding="utf-8")
    write_site_config(tmp_path)
    server = Server(tmp_path, free_port())
    try:
        server.wait_for("zh/processes/pur-001/", lambda html: "PUR-001 采购申请" in html, "the Chinese page")
        server.wait_for("processes/pur-001/", lambda html: "PUR-001 Purchase request" in html, "the source page")
        translation.write_text("title: 采购申请流程\n", encoding="utf-8")
        server.wait_for("zh/processes/pur-001/", lambda html: "PUR-001 采购申请流程" in html, "the edited title")
        translation.write_text("title:\n", encoding="utf-8")  # no text: a translation-shape error
        server.wait_for("zh/processes/pur-001/", lambda html: "translation-shape" in html, "the problem banner")
    finally:
        server.stop()
