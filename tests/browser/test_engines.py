"""The handbook on the engines that come after MkDocs 1.6 (README, "Engines").

ProperDocs (a fork of MkDocs 1.x) builds every example handbook with our plugin, `--strict`, into the very
bytes MkDocs writes (so every browser test of the MkDocs build holds for it); Zensical builds the English
one from the plain files `process-manual render` writes. Every build runs with the network cut off
(`unshare -n`), and the built sites are opened in Chromium: pages load with no error and no request to
another host (every page of the Zensical site), diagrams are drawn by the site's own Mermaid bundle, and
the search finds a process.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser_harness import (
    HANDBOOKS,
    IN_CI,
    Handbook,
    Handbooks,
    process_page,
    process_titles,
    wait_for_diagrams,
    watch_of,
)
from offline import offline_prefix
from playwright.sync_api import expect
from shared_sites import built_example

pytestmark = pytest.mark.browser

BIN = Path(sys.executable).parent
SEARCHES = {"en": ("approval", "ADM-004"), "zh": ("审批", "ADM-004"), "zh-hant": ("報銷", "FIN-001")}


def engine(name: str) -> Path:
    """The engine's command in this virtual environment (the test extra installs both)."""
    command = BIN / name
    if command.is_file():
        return command
    if name == "zensical" and sys.version_info < (3, 11):
        pytest.skip("Zensical cannot be installed here: it needs Python 3.11 or later "
                    f"(this is {sys.version.split()[0]})")
    reason = f"{name} is not installed in {BIN.parent}: `pip install -e '.[test]'` (make test) installs it"
    if IN_CI:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def run_offline(command: list[str], cwd: Path, site_url: str | None) -> None:
    """Run a build with the network cut off; a failure fails the test with the engine's output."""
    env = {key: value for key, value in os.environ.items() if key != "HANDBOOK_SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url:
        env["HANDBOOK_SITE_URL"] = site_url
    result = subprocess.run([*offline_prefix(), *command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=600, check=False)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed offline (exit {result.returncode}):\n{result.stdout}\n"
                    f"{result.stderr}", pytrace=False)


_BUILT: dict[tuple[str, str], Handbook] = {}


def properdocs_site(handbooks: Handbooks, tmp_path_factory: pytest.TempPathFactory, name: str) -> Handbook:
    """`properdocs build --strict` of an example handbook, with our plugin, for the address its mkdocs.yml names
    (as the shared MkDocs build), served on 127.0.0.1 with that address replaced by the server's."""
    if ("properdocs", name) not in _BUILT:
        command = engine("properdocs")
        built = built_example(name, tmp_path_factory)
        site_dir = tmp_path_factory.mktemp(f"properdocs-{name}")
        run_offline([str(command), "build", "--strict", "-f", str(built.config), "-d", str(site_dir)],
                    built.config.parent, None)
        _BUILT["properdocs", name] = Handbook(name, built.config, site_dir,
                                              handbooks.serve(site_dir, built_for=built.site_url))
    return _BUILT["properdocs", name]


_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def differences(ours: Path, theirs: Path) -> list[str]:
    """The files in which two built sites differ, besides the generator each names in its pages."""
    files = {p.relative_to(ours).as_posix() for p in ours.rglob("*") if p.is_file()}
    other = {p.relative_to(theirs).as_posix() for p in theirs.rglob("*") if p.is_file()}
    found = [f"only in one site: {path}" for path in sorted(files ^ other)]
    for path in sorted(files & other):
        mine, yours = (ours / path).read_bytes(), (theirs / path).read_bytes()
        if path.endswith(".gz"):  # the gzip header records when it was written
            mine, yours = gzip.decompress(mine), gzip.decompress(yours)
        if _GENERATOR.sub(b"", mine) != _GENERATOR.sub(b"", yours):
            found.append(f"differs: {path}")
    return found


def zensical_site(handbooks: Handbooks, tmp_path_factory: pytest.TempPathFactory) -> Handbook:
    """`process-manual render` of the English handbook, then `zensical build` of its output, served."""
    if ("zensical", "en") not in _BUILT:
        command = engine("zensical")
        out = tmp_path_factory.mktemp("rendered-en")
        base_url = handbooks.serve(out / "site")
        config = HANDBOOKS["en"]
        run_offline([sys.executable, "-m", "process_manual.cli", "render", "--config", str(config),
                     "--out", str(out)], config.parent, base_url)
        run_offline([str(command), "build", "-f", str(out / "mkdocs.yml")], out, base_url)
        # The hand-written pages' and process files' handbook: read from the sources, not the rendered copy.
        _BUILT["zensical", "en"] = Handbook("en", config, out / "site", base_url)
    return _BUILT["zensical", "en"]


def assert_every_page_clean(handbook: Handbook, page) -> int:
    """Open every built page: no error, no request to another host, every diagram drawn. Returns the number
    of diagrams drawn on process pages."""
    watch = watch_of(page)
    problems: dict[str, list[str]] = {}
    drawn = 0
    for html in handbook.html_pages():
        watch.clear()
        page.goto(handbook.page_url(html), wait_until="load")
        try:
            count = wait_for_diagrams(page)
        except pytest.fail.Exception as failure:
            problems.setdefault(html, []).append(str(failure))
        else:
            drawn += count if html.startswith("processes/") else 0
        page.wait_for_load_state("networkidle")
        problems.setdefault(html, []).extend(watch.problems())
    problems = {html: found for html, found in problems.items() if found}
    assert not problems, "\n".join(f"{html}:\n  " + "\n  ".join(found) for html, found in problems.items())
    return drawn


_MERMAID_SOURCES = """
() => ({
  loaded: typeof window.mermaid === "object" && typeof window.mermaid.render === "function",
  scripts: performance.getEntriesByType("resource").map((r) => r.name).filter((n) => /mermaid/i.test(n)),
})
"""


def assert_local_mermaid(handbook: Handbook, page) -> None:
    """`window.mermaid` is there, and the only Mermaid the page loaded is the site's own bundle."""
    state = page.evaluate(_MERMAID_SOURCES)
    assert state["loaded"], f"{page.url}: window.mermaid is not loaded"
    assert state["scripts"] == [handbook.url("assets/javascripts/mermaid.min.js")], (
        f"{page.url} loaded Mermaid from {state['scripts']}, not (only) the site's bundle")


def generator(handbook: Handbook) -> str:
    html = (handbook.site_dir / "index.html").read_text(encoding="utf-8")
    start = html.find('<meta name="generator" content="')
    return html[start:].split('"')[3] if start >= 0 else ""


@pytest.mark.parametrize("name", sorted(HANDBOOKS))
def test_properdocs_builds_the_handbook_offline_and_it_works(handbooks: Handbooks, tmp_path_factory, page,
                                                             name: str) -> None:
    """ProperDocs writes, byte for byte, the site MkDocs writes (every language, search index, sitemap, BPMN
    files) but for the generator it names: every check the browser suite makes on the MkDocs build holds for
    it. In Chromium: a process page draws its swimlane flowchart with the site's own Mermaid, and search works."""
    handbook = properdocs_site(handbooks, tmp_path_factory, name)
    assert "ProperDocs" in generator(handbook), f"not built by ProperDocs: generator {generator(handbook)!r}"
    titles = process_titles(handbook)
    for process_id in titles:
        assert (handbook.site_dir / process_page(process_id) / "index.html").is_file(), f"no page for {process_id}"
    assert differences(handbook.site_dir, built_example(name, tmp_path_factory).site_dir) == []

    watch = watch_of(page)
    query, process_id = SEARCHES[name]
    page.goto(handbook.url(process_page(process_id)))
    assert wait_for_diagrams(page) >= 1
    assert page.locator('.pm-flowchart-canvas[data-pm-state="drawn"][data-pm-layout="lanes"] svg').count() == 1
    assert_local_mermaid(handbook, page)
    page.wait_for_load_state("networkidle")
    watch.assert_clean(f"ProperDocs {name}: {process_id}")

    # Material's search, as in test_search.py: typed, not filled.
    query, process_id = SEARCHES[name]
    page.goto(handbook.base_url)
    page.locator("input.md-search__input").click()
    page.type("input.md-search__input", query, delay=50)
    if not query.isascii():
        page.keyboard.press("End")
    hit = page.locator(f'.md-search-result__item a.md-search-result__link[href*="{process_page(process_id)}"]').first
    expect(hit).to_be_visible(timeout=10_000)
    page.wait_for_load_state("networkidle")
    watch_of(page).assert_clean(f"ProperDocs {name}: search for {query!r}")


def test_zensical_builds_the_rendered_handbook_offline_and_it_works(handbooks: Handbooks, tmp_path_factory,
                                                                   page) -> None:
    handbook = zensical_site(handbooks, tmp_path_factory)
    assert generator(handbook).startswith("zensical"), f"not built by Zensical: {generator(handbook)!r}"
    titles = process_titles(handbook)
    assert assert_every_page_clean(handbook, page) >= len(titles), "a process page has no drawn flowchart"

    # A process page: our swimlane flowchart is drawn by the site's Mermaid, in both palettes.
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(handbook.url(process_page("ADM-004")))
        assert wait_for_diagrams(page) == 1
        assert page.locator('.pm-flowchart-canvas[data-pm-state="drawn"][data-pm-layout="lanes"] svg').count() == 1, (
            f"{scheme}: the ADM-004 flowchart is not drawn with its swimlanes")
        assert_local_mermaid(handbook, page)
    # The home page's hand-written ```mermaid block: drawn by Zensical's own integration, with our bundle.
    page.goto(handbook.base_url)
    assert wait_for_diagrams(page) >= 1
    assert_local_mermaid(handbook, page)

    # Zensical's search: a dialog (in a shadow root, opened by the harness) listing links as options.
    query, process_id = SEARCHES["en"]
    page.locator(".md-search__button").first.click()
    page.keyboard.type(query, delay=50)
    hit = page.locator(f'a[role="option"][href*="/{process_page(process_id)}?"]').first
    expect(hit).to_be_visible(timeout=10_000)
    assert titles[process_id] in hit.inner_text()
    page.wait_for_load_state("networkidle")
    watch_of(page).assert_clean(f"Zensical: search for {query!r}")
