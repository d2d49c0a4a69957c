"""The browser test harness: build a handbook, serve it on 127.0.0.1, watch and inspect pages.

The fixtures that use it live in conftest.py; tests import the helpers from here:

    wait_for_diagrams(page)   wait until every Mermaid block on the page is an SVG; their count
    diagram_links(page)       the href of every link inside the rendered diagrams
    watch_of(page)            what the page did wrong so far (console/page errors, failed or
                              outside requests)
    process_titles(handbook)  {process id: title} read from the handbook's YAML files
    process_page(id)          site path of a process page (ADM-004 -> processes/adm-004/)

Material draws each diagram into a *closed* shadow root, which no test could look into: pages are
opened with OPEN_SHADOW_ROOTS as an init script, which makes every ``attachShadow`` open instead
(ARCHITECTURE.md, "Measured facts").
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from shared_sites import EXAMPLES, RewritingHandler, built_example

ROOT = Path(__file__).resolve().parents[2]
HANDBOOKS = EXAMPLES
PARAMETRISED = ("en", "zh")
"""The handbooks the `handbook` fixture runs every test on (they hold the same processes); the
traditional-Chinese one runs the page, navigation and lane checks in test_chinese_text.py."""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
IN_CI = bool(os.environ.get("CI"))

# Runs before any page script: every shadow root becomes open, so tests can see Material's SVGs.
OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, { mode: "open" }));
  };
})();
"""


def no_browser_reason() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return None
    return f"{CHROMIUM} is missing: install it with `make chromium` (apt-get install chromium)"


# --------------------------------------------------------------------------------------------
# Build and serve
# --------------------------------------------------------------------------------------------

def load_mkdocs_yml(config: Path) -> dict[str, Any]:
    """mkdocs.yml as data; values with MkDocs' own tags (!!python/name:, !ENV, ...) load as None."""
    loader = type("TagTolerantLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda *_: None)  # only for tags without a constructor
    return yaml.load(config.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a SafeLoader


def build_handbook(config: Path, site_dir: Path, site_url: str | None = None) -> None:
    """`mkdocs build --strict` as a user runs it; a failed build fails the test with MkDocs' output.

    ``site_url`` is handed to mkdocs.yml as HANDBOOK_SITE_URL (``site_url: !ENV [HANDBOOK_SITE_URL,
    ...]``): Material's instant navigation only takes over links to the host *and port* of the
    sitemap, so the browser tests build for the address of their own server."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["HANDBOOK_SITE_URL"] = site_url
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict -f {config} failed (exit {result.returncode}):\n"
                    f"{result.stdout}\n{result.stderr}", pytrace=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass


@dataclass
class Handbook:
    """A built handbook and the local URL it is served at."""

    name: str
    config: Path
    site_dir: Path
    base_url: str

    @property
    def settings(self) -> dict[str, Any]:
        return load_mkdocs_yml(self.config)

    @property
    def processes_dir(self) -> Path:
        for plugin in self.settings.get("plugins", []):
            if isinstance(plugin, dict) and "process-manual" in plugin:
                return self.config.parent / ((plugin["process-manual"] or {}).get("processes") or "processes")
        return self.config.parent / "processes"

    def features(self) -> list[str]:
        return list(self.settings.get("theme", {}).get("features", []))

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def html_pages(self) -> list[str]:
        """Site-relative paths of every built HTML page except 404.html, sorted."""
        pages = (p.relative_to(self.site_dir).as_posix() for p in self.site_dir.rglob("*.html"))
        return sorted(p for p in pages if p != "404.html" and p.split("/")[0] not in self.other_languages())

    def other_languages(self) -> set[str]:
        """The folders holding the site of another language (a site of its own, with its own sitemap):
        tests of every page walk the source language's; tests/browser/test_language_selector.py the others."""
        return {p.parent.name for p in self.site_dir.glob("*/sitemap.xml")}

    def page_url(self, html_path: str) -> str:
        """The URL a reader opens for a built file: processes/adm-004/index.html -> .../processes/adm-004/."""
        if html_path == "index.html":
            return self.base_url
        if html_path.endswith("/index.html"):
            return self.url(html_path[: -len("index.html")])
        return self.url(html_path)


class Handbooks:
    """Builds and serves each handbook at most once per session, on first use."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._tmp = tmp_path_factory
        self._built: dict[str, Handbook] = {}
        self._servers: list[http.server.ThreadingHTTPServer] = []
        self._lock = threading.Lock()

    def get(self, name: str) -> Handbook:
        """An example handbook: built once per run for every worker (tests/shared_sites.py), served by this
        worker with the address it was built for replaced by the server's own."""
        with self._lock:
            if name not in self._built:
                built = built_example(name, self._tmp)
                base_url = self.serve(built.site_dir, built_for=built.site_url)
                self._built[name] = Handbook(name, built.config, built.site_dir, base_url)
            return self._built[name]

    def serve(self, site_dir: Path, built_for: str | None = None) -> str:
        """Serve a built site folder on 127.0.0.1 for the rest of the session; returns its base URL. A site
        `built_for` another address is served at that address's path, with its origin replaced by the server's."""
        handler_class = type("ServedSite", (RewritingHandler,), {"built_for": built_for}) if built_for else _QuietHandler
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class,
                                                                                     directory=str(site_dir)))
        server.daemon_threads = True
        base_url = f"http://127.0.0.1:{server.server_address[1]}/"
        if built_for:
            handler_class.origin = base_url.rstrip("/")
            base_url = handler_class.base_url()
        threading.Thread(target=server.serve_forever, name=f"serve {site_dir.name}", daemon=True).start()
        self._servers.append(server)
        return base_url

    def build_and_serve(self, name: str, config: Path) -> Handbook:
        """Build a handbook a test wrote itself (mkdocs.yml at `config`) and serve it."""
        site_dir = config.parent / "site"
        base_url = self.serve(site_dir)  # first: the build needs the server's address
        build_handbook(config, site_dir, site_url=base_url)
        return Handbook(name, config, site_dir, base_url)

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()


# --------------------------------------------------------------------------------------------
# Watched pages
# --------------------------------------------------------------------------------------------

def is_local(url: str) -> bool:
    """True for what a page may load: our own server, and data:/blob:/about: URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "javascript"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class PageWatch:
    """What a page did that a healthy handbook page never does."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors]
                + [f"failed request: {m}" for m in self.failed_requests]
                + [f"request to another host: {m}" for m in self.outside_requests])

    def clear(self) -> None:
        for items in (self.console_errors, self.page_errors, self.failed_requests, self.outside_requests):
            items.clear()

    def assert_clean(self, where: str) -> None:
        problems = self.problems()
        assert not problems, f"{where}:\n  " + "\n  ".join(problems)


_WATCHES: weakref.WeakKeyDictionary[Any, PageWatch] = weakref.WeakKeyDictionary()


def watch_of(page: Any) -> PageWatch:
    return _WATCHES[page]


def open_watched_page(browser: Any) -> tuple[Any, Any]:
    """A new browser context (fresh storage) and page: shadow roots open, everything recorded.

    Requests to any host but 127.0.0.1/localhost are recorded and then refused, so a test never
    waits on the network and behaves the same with or without internet access."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(OPEN_SHADOW_ROOTS)
    context.route(lambda url: not is_local(url), lambda route: route.abort("blockedbyclient"))
    page = context.new_page()
    watch = PageWatch()

    def on_console(message: Any) -> None:
        if message.type == "error":
            source = (message.location or {}).get("url", "")
            watch.console_errors.append(f"{message.text}" + (f" ({source})" if source else ""))

    def on_request(request: Any) -> None:
        if not is_local(request.url):
            watch.outside_requests.append(f"{request.method} {request.url}")

    def on_request_failed(request: Any) -> None:
        # ERR_ABORTED: the page went on (goto, instant navigation) before a request finished, e.g.
        # the favicon. Not a failure; a missing file shows as HTTP 404 in on_response.
        if request.failure == "net::ERR_ABORTED":
            return
        watch.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            watch.failed_requests.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("request", on_request)
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    _WATCHES[page] = watch
    return context, page


# --------------------------------------------------------------------------------------------
# Diagrams
# --------------------------------------------------------------------------------------------

_MERMAID_BLOCK = re.compile(r"""<pre\b[^>]*\bclass=["'][^"']*\bmermaid\b|\bdata-pm-mermaid=""", re.IGNORECASE)
"""A diagram in the HTML as sent: a Mermaid block Material draws, or a process flowchart our script draws."""
_MERMAID_ERROR = re.compile(r"(Parse|Syntax|Lexical) error|No diagram type detected|UnknownDiagramError",
                            re.IGNORECASE)

_DIAGRAM_STATE = """
() => {
  const roots = [document];
  const collect = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) { roots.push(el.shadowRoot); collect(el.shadowRoot); }
    }
  };
  collect(document);
  const hosts = [...document.querySelectorAll("div.mermaid")];
  const flowcharts = [...document.querySelectorAll(".pm-flowchart-canvas[data-pm-mermaid]")];
  const errors = flowcharts.filter((c) => c.dataset.pmState === "failed").map(
    (c) => "process flowchart not drawn: " + c.textContent.trim());
  for (const root of roots) {
    // Mermaid draws its "Syntax error in text" picture as an SVG with this role.
    for (const svg of root.querySelectorAll('svg[aria-roledescription="error"]')) {
      errors.push(svg.textContent.replace(/\\s+/g, " ").trim().slice(0, 300));
    }
  }
  return {
    rendered: hosts.filter((h) => h.shadowRoot && h.shadowRoot.querySelector("svg")).length
      + flowcharts.filter((c) => c.dataset.pmState === "drawn" && c.querySelector("svg")).length,
    closed: hosts.filter((h) => !h.shadowRoot).length,
    errors,
  };
}
"""


def expected_diagrams(page: Any) -> int:
    """Mermaid blocks in the HTML the server sends for the page's URL. (Material replaces each
    block while drawing it, and instant navigation swaps the DOM: the source is what counts.)"""
    url = page.url.split("#", 1)[0]
    response = page.request.get(url)
    assert response.ok, f"GET {url}: HTTP {response.status}"
    return len(_MERMAID_BLOCK.findall(response.text()))


def wait_for_diagrams(page: Any, timeout: float = 20.0) -> int:
    """Wait until every Mermaid block on the current page is an SVG (inside Material's shadow
    roots) and return how many there are. Fails at once, with Mermaid's message, if Mermaid
    reported an error, and with a count and the page's errors if the time runs out."""
    expected = expected_diagrams(page)
    watch = _WATCHES.get(page)
    deadline = time.monotonic() + timeout
    while True:
        state = page.evaluate(_DIAGRAM_STATE)
        mermaid_errors = [e for e in (watch.page_errors if watch else []) if _MERMAID_ERROR.search(e)]
        if state["errors"] or mermaid_errors:
            details = "\n  ".join(state["errors"] + mermaid_errors)
            pytest.fail(f"Mermaid could not draw a diagram on {page.url}:\n  {details}", pytrace=False)
        if state["closed"]:
            pytest.fail(f"{state['closed']} diagram(s) on {page.url} sit in a closed shadow root: "
                        "open the page with the OPEN_SHADOW_ROOTS init script", pytrace=False)
        if state["rendered"] >= expected:
            return state["rendered"]
        if time.monotonic() > deadline:
            break
        page.wait_for_timeout(100)
    reported = "\n  ".join(watch.problems()) if watch else ""
    pytest.fail(f"{page.url}: {state['rendered']} of {expected} Mermaid diagram(s) became an SVG "
                f"within {timeout:.0f} s" + (f"; the page reported:\n  {reported}" if reported else ""),
                pytrace=False)


_DIAGRAM_LINKS = """
() => {
  const XLINK = "http://www.w3.org/1999/xlink";
  const links = [];
  const roots = [...document.querySelectorAll("div.mermaid")].map((host) => host.shadowRoot).filter(Boolean)
    .concat([...document.querySelectorAll(".pm-flowchart-canvas")]);
  for (const root of roots) {
    for (const a of root.querySelectorAll("svg a")) {
      links.push(a.getAttribute("href") || a.getAttributeNS(XLINK, "href") || "");
    }
  }
  return links;
}
"""


def diagram_links(page: Any) -> list[str]:
    """The href of every link inside the rendered diagrams, in document order."""
    return page.evaluate(_DIAGRAM_LINKS)


def material_config(page: Any) -> dict[str, Any]:
    """Material's __config JSON of the current page (features, search worker, ...)."""
    return json.loads(page.locator("#__config").text_content() or "{}")


# --------------------------------------------------------------------------------------------
# Handbook data
# --------------------------------------------------------------------------------------------

def process_titles(handbook: Handbook) -> dict[str, str]:
    """{process id: title} of every process file (files whose name starts with "_" are catalogs)."""
    titles: dict[str, str] = {}
    for path in sorted(handbook.processes_dir.rglob("*.y*ml")):
        if path.name.startswith("_"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "id" in data and "title" in data:
            titles[str(data["id"])] = str(data["title"])
    return titles


def process_page(process_id: str) -> str:
    """Site path of a process page: ADM-004 -> processes/adm-004/."""
    return f"processes/{process_id.lower()}/"
