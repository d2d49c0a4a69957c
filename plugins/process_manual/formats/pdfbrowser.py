"""The browser side of `process-manual pdf`: the built site served on 127.0.0.1, and a headless Chromium
(through Playwright) that may load nothing from another host."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Diagrams of hand-written pages are drawn by Material into closed shadow roots: opened, so that pdf.py can
# see they are drawn.
_OPEN_SHADOW_ROOTS = """(() => { const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, {mode: "open"}));
  };
})();"""


class PdfError(Exception):
    """Why the PDF could not be made, in words for the person who ran the command."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (a free port) while the pages are printed."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="process-manual pdf", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium_context(executable: str) -> Iterator[Any]:
    """A browser context of a headless Chromium at `executable`: shadow roots open, other hosts blocked."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise PdfError("Playwright is not installed: pip install 'process-manual[pdf]'") from error
    if not Path(executable).is_file():
        raise PdfError(
            f"no Chromium at {executable}: install it (Debian: apt-get install chromium fonts-noto-cjk, "
            "or `make chromium`) or give --chromium PATH"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context()
        context.add_init_script(_OPEN_SHADOW_ROOTS)
        # The site loads nothing from other hosts; should a page try, it must not wait on the network.
        context.route(
            lambda url: not url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")),
            lambda route: route.abort("blockedbyclient"),
        )
        try:
            yield context
        finally:
            context.close()
            browser.close()
