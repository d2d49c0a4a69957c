"""Build-time benchmark: our plugin against plain MkDocs building the very same pages.

    .venv/bin/python benchmarks/benchmark.py [--sizes 100 1000 3000] [--out benchmarks/results.md]

For each size N it generates a synthetic handbook (benchmarks/generate.py), then, in this one run:
  plugin     MkDocs + Material + mermaid2 + our plugin, building from the YAML;
  baseline   the same Markdown our plugin generated, written as ordinary files, same mkdocs.yml
             (features, navigation, mermaid2) without our plugin;
  floor      the same Markdown with no diagram plugin at all (Material draws `pre.mermaid` itself);
  flat       what a team writes by hand: the same pages, MkDocs' default flat navigation and
             mermaid2 (N <= 1000: it is quadratic);
and reports seconds, ratios, seconds per page, peak memory, site and search-index size, the time of
`process-manual validate`, and (N=100) the time from saving a YAML file to the rebuilt page under
`mkdocs serve --dirty` (as `make serve` runs it). Ratios compare runs of the same process on the same machine in the same run.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BUNDLE = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
FEATURES = ["navigation.instant", "navigation.sections", "navigation.prune", "navigation.indexes", "search.highlight"]
MERMAID2_FENCE = "!!python/name:mermaid2.fence_mermaid_custom"
MATERIAL_FENCE = "!!python/name:pymdownx.superfences.fence_code_format"
VARIANTS = ("plugin", "baseline", "floor", "flat")


def site_config(*, plugins: list, nav: list | None, features: list[str], fence: str, extra_js: bool) -> str:
    config = {
        "site_name": "Benchmark handbook",
        "theme": {"name": "material", "font": False, "language": "en", "features": features},
        "plugins": plugins,
        "markdown_extensions": ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc",
                                {"pymdownx.superfences": {"custom_fences": [
                                    {"name": "mermaid", "class": "mermaid", "format": "FENCE"}]}}],
    }
    if extra_js:
        config["extra_javascript"] = ["assets/javascripts/mermaid.min.js"]
    if nav is not None:
        config["nav"] = nav
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False).replace("FENCE", fence)


def run_build(config: Path, site: Path) -> dict[str, float]:
    """One `mkdocs build` in its own process: wall seconds and that process's peak memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    child = subprocess.Popen([str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(site)],
                             cwd=config.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {config} failed:\n{child.stderr.read().decode() if child.stderr else ''}")
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "site_mb": size / 1e6,
            "index_mb": index.stat().st_size / 1e6 if index.exists() else 0.0}


def export_generated(plugin_root: Path) -> tuple[dict[str, bytes], list]:
    """The pages and navigation our plugin produces, captured from the plugin itself."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(plugin_root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    pages = {f.src_uri: f.content_bytes for f in files if f.generated_by and f.src_uri.endswith(".md")}
    return pages, config.nav


def prepare(root: Path, count: int) -> dict[str, Path]:
    handbook = root / "handbook"
    generate(count, seed=1, out=handbook, largest_first=True)
    configs: dict[str, Path] = {}
    plugin_dir = root / "plugin"
    (plugin_dir / "docs").mkdir(parents=True)
    (plugin_dir / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    (plugin_dir / "mkdocs.yml").write_text(site_config(
        plugins=["search", {"process-manual": {"processes": str(handbook), "mermaid_bundle": str(BUNDLE),
                                               "git_history": False}},
                 "mermaid2"], nav=None, features=FEATURES, fence=MERMAID2_FENCE, extra_js=False), encoding="utf-8")
    configs["plugin"] = plugin_dir / "mkdocs.yml"  # the plugin adds the Mermaid bundle to every page itself
    pages, nav = export_generated(plugin_dir)
    css = REPO / "plugins" / "process_manual" / "build" / "assets" / "process-manual.css"
    variants = {
        "baseline": dict(plugins=["search", "mermaid2"], nav=nav, features=FEATURES, fence=MERMAID2_FENCE),
        "floor": dict(plugins=["search"], nav=nav, features=FEATURES, fence=MATERIAL_FENCE),
        "flat": dict(plugins=["search", "mermaid2"], nav=None, features=["search.highlight"], fence=MERMAID2_FENCE),
    }
    for name, options in variants.items():
        docs = root / name / "docs"
        for src, content in pages.items():
            (docs / src).parent.mkdir(parents=True, exist_ok=True)
            (docs / src).write_bytes(content)
        (docs / "index.md").write_text("# Handbook\n", encoding="utf-8")
        (docs / "assets/javascripts").mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLE, docs / "assets/javascripts/mermaid.min.js")
        (docs / "assets/stylesheets").mkdir(parents=True, exist_ok=True)
        shutil.copy(css, docs / "assets/stylesheets/process-manual.css")
        text = site_config(extra_js=True, **options)
        text += "extra_css:\n  - assets/stylesheets/process-manual.css\n"
        (root / name / "mkdocs.yml").write_text(text, encoding="utf-8")
        configs[name] = root / name / "mkdocs.yml"
    return configs


def time_validate(handbook: Path, rounds: int = 3) -> dict[str, float]:
    """Median seconds of `process-manual validate` over the handbook, as a user runs it: cold (an empty
    cache folder: every file parsed, the cache written), warm (the cache of a previous run, no file
    changed) and with `--no-cache`."""

    cpu: dict[str, float] = {}

    def median(name: str, cache: Path | None, *extra: str, fresh: bool = False) -> float:
        timings, cpu_times = [], []
        for _ in range(rounds):
            with tempfile.TemporaryDirectory(prefix="bench-cache-") as empty:
                folder = Path(empty) if fresh or cache is None else cache
                env = {**os.environ, "PROCESS_MANUAL_CACHE_DIR": str(folder)}
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                subprocess.run([str(BIN / "process-manual"), "validate", str(handbook), *extra], check=True,
                               stdout=subprocess.DEVNULL, env=env)
                timings.append(time.perf_counter() - started)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and the children it forked
                cpu_times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        cpu[name] = sorted(cpu_times)[len(cpu_times) // 2]
        return sorted(timings)[len(timings) // 2]

    with tempfile.TemporaryDirectory(prefix="bench-cache-") as kept:
        cold = median("cold", None, fresh=True)
        median("fill", Path(kept))  # fills the kept cache
        warm = median("warm", Path(kept))
    no_cache = median("no_cache", None, "--no-cache")
    return {"seconds": warm, "cold": cold, "warm": warm, "no_cache": no_cache,
            **{f"{name}_cpu": seconds for name, seconds in cpu.items()}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def save_to_preview(config: Path, handbook: Path, rounds: int = 3) -> float:
    """Median seconds from saving a process file (a new title) to `mkdocs serve --dirty` serving the changed page."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(config)],
                              cwd=config.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = next(p for p in sorted(handbook.rglob("process-0000.yml")))
    url = f"http://127.0.0.1:{port}/processes/{yaml.safe_load(target.read_text(encoding='utf-8'))['id'].lower()}/"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 300
        while "Benchmark handbook" not in fetch():
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(0.2)
        timings = []
        for round_number in range(rounds):
            marker = f"Edited {round_number} {time.time_ns()}"
            text = target.read_text(encoding="utf-8")
            lines = [f"title: {marker}" if line.startswith("title:") else line for line in text.splitlines()]
            started = time.perf_counter()
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
            while marker not in fetch():
                if time.perf_counter() - started > 120:
                    raise SystemExit("the edit never reached the preview")
                time.sleep(0.02)
            timings.append(time.perf_counter() - started)
            time.sleep(1.0)
        return sorted(timings)[len(timings) // 2]
    finally:
        server.terminate()
        server.wait(timeout=30)


def profile_phases(config: Path) -> list[tuple[str, float]]:
    """Where a build's time goes, as shares of the whole build: the cumulative time of the functions
    each phase enters through (a profile by package would put the regular expressions, string
    methods and html.parser that several phases share into none of them). The build runs in a
    process of its own, so that nothing is loaded or cached before it, as in the timed builds."""
    import pstats

    output = config.parent / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(output), str(BIN / "mkdocs"), "build", "-q",
                    "-f", str(config), "-d", str(config.parent / "site-profile")], cwd=config.parent, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = pstats.Stats(str(output))
    stats = profile.stats  # type: ignore[attr-defined]

    def time_in(where: str, names: tuple[str, ...] = (), *, called_from: str) -> float:
        """Seconds spent in the functions of files matching `where` (named `names`, if given) when called
        from files matching `called_from`."""
        total = 0.0
        for (filename, _, function), (_, _, _, _, callers) in stats.items():
            if where in filename and (not names or function in names):
                total += sum(timing[3] for caller, timing in callers.items() if called_from in caller[0])
        return total

    events = "mkdocs/plugins.py"  # where MkDocs calls every plugin's event handlers
    load = time_in("process_manual/load/handbook.py", ("load_handbook",), called_from="process_manual/")
    validate = time_in("process_manual/check/validate.py", ("validate",), called_from="process_manual/mkdocs_plugin/plugin.py")
    plugin = time_in("process_manual/mkdocs_plugin/plugin.py", called_from=events)
    fences = time_in("mermaid2/", called_from="pymdownx/")  # formatted during Markdown conversion
    mermaid2 = time_in("mermaid2/", called_from=events) + fences
    search = time_in("material/plugins/search/", called_from=events)
    during_pages = time_in("", ("on_page_context", "on_post_page"), called_from=events)
    markdown = time_in("mkdocs/structure/pages.py", ("render",), called_from="mkdocs/commands/build.py") - fences
    templates = time_in("mkdocs/commands/build.py", ("_build_page",), called_from="mkdocs/commands/build.py")
    phases = [("load", load), ("validate", validate), ("render", plugin - load - validate), ("markdown", markdown),
              ("templates", templates - during_pages), ("mermaid2", mermaid2), ("search", search)]
    whole = profile.total_tt  # type: ignore[attr-defined]
    phases.append(("other", whole - sum(seconds for _, seconds in phases)))
    return [(name, seconds / whole) for name, seconds in phases]


def client_side(site: Path, handbook: Path) -> dict[str, float]:
    """In Chromium: time to draw the largest flowchart, and the weight of its page without the Mermaid bundle."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    largest = yaml.safe_load(next(handbook.rglob("process-0000.yml")).read_text(encoding="utf-8"))  # 40 steps, 8 roles
    roles = {s.get("responsible") for s in largest["steps"]} - {None}

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    weights: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.add_init_script("const a=Element.prototype.attachShadow;"
                                 "Element.prototype.attachShadow=function(o){return a.call(this,{...o,mode:'open'})}")
            page.on("requestfinished", lambda request: weights.__setitem__(request.url, 0))
            page_url = f"http://127.0.0.1:{server.server_address[1]}/processes/{largest['id'].lower()}/"
            page.goto(page_url, wait_until="load")
            page.wait_for_function("[...document.querySelectorAll('div.mermaid')].some(d => d.shadowRoot && "
                                   "d.shadowRoot.querySelector('svg'))", timeout=60000)
            html = page.evaluate("fetch(location.href).then(r => r.text())")
            source = re.search(r'<pre[^>]*class="mermaid"[^>]*><code>(.*?)</code></pre>', html, re.DOTALL)[1]
            draw_ms = page.evaluate("""async (escaped) => {
                const text = new DOMParser().parseFromString(escaped, "text/html").documentElement.textContent;
                const times = [];
                for (let i = 0; i < 5; i++) {
                    const t = performance.now(); await mermaid.render("bench" + i, text); times.push(performance.now() - t);
                }
                return times.sort((a, b) => a - b)[2];
            }""", source)
            browser.close()
    finally:
        server.shutdown()
    for url in weights:  # what each request transferred: the file it served from the site folder
        path = site / urllib.parse.urlsplit(url).path.lstrip("/")
        weights[url] = (path / "index.html" if path.is_dir() else path).stat().st_size if path.exists() else 0
    once = {"mermaid": "mermaid.min.js", "index": "search_index.json"}  # fetched once, then cached
    kb = {name: sum(size for url, size in weights.items() if part in url) / 1024 for name, part in once.items()}
    kb["page"] = (site / urllib.parse.urlsplit(page_url).path.lstrip("/") / "index.html").stat().st_size / 1024
    kb["assets"] = sum(size for url, size in weights.items()
                       if not any(part in url for part in once.values())) / 1024 - kb["page"]
    pages = sorted(p.stat().st_size for p in (site / "processes").glob("*/index.html"))
    kb["median_page"] = pages[len(pages) // 2] / 1024
    return {"steps": len(largest["steps"]), "roles": len(roles), "draw_ms": draw_ms,
            **{f"{name}_kb": size for name, size in kb.items()}}


def validate_only(sizes: list[int]) -> None:
    """Wall seconds (CPU seconds of the command and its forked parsers in parentheses), medians of three."""
    rows = [f"Load average before: {os.getloadavg()[0]:.1f}", "",
            "| N | validate cold s (CPU) | validate warm s (CPU) | validate --no-cache s (CPU) |", "|---|---|---|---|"]
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
            generate(count, seed=1, out=Path(tmp) / "handbook", largest_first=True)
            t = time_validate(Path(tmp) / "handbook")
        rows.append(f"| {count} | {t['cold']:.2f} ({t['cold_cpu']:.2f}) | {t['warm']:.2f} ({t['warm_cpu']:.2f}) | "
                    f"{t['no_cache']:.2f} ({t['no_cache_cpu']:.2f}) |")
        print(rows[-1], flush=True)
    rows.append(f"\nLoad average after: {os.getloadavg()[0]:.1f}")
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--flat-up-to", type=int, default=1000, help="largest N for the flat-navigation run")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    parser.add_argument("--profile", action="store_true", help="profile the N=1000 plugin build by phase")
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS),
                        help="which builds to run (plugin is always run: the others are compared with it)")
    parser.add_argument("--validate-only", action="store_true",
                        help="only `process-manual validate`, cold, warm and --no-cache, for each N (no builds)")
    args = parser.parse_args()
    if args.validate_only:
        validate_only(args.sizes)
        return
    rows: list[str] = []
    client: dict[str, float] = {}
    phases: list[tuple[str, float]] = []
    results: dict[int, dict[str, dict[str, float]]] = {}
    for count in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
            root = Path(tmp)
            configs = prepare(root, count)
            measured: dict[str, dict[str, float]] = {}
            for name, config in configs.items():
                if (name == "flat" and count > args.flat_up_to) or (name != "plugin" and name not in args.variants):
                    continue
                measured[name] = run_build(config, root / name / "site")
                print(f"N={count} {name}: {measured[name]}", flush=True)
            measured["validate"] = time_validate(root / "handbook")
            print(f"N={count} validate: {measured['validate']}", flush=True)
            if count <= 100:
                measured["preview"] = {"seconds": save_to_preview(configs["plugin"], root / "handbook")}
                client = client_side(root / "plugin" / "site", root / "handbook")
            if count == 1000 and args.profile:
                phases = profile_phases(configs["plugin"])
            results[count] = measured
    rows.append("| N | plugin s | baseline s | floor s | flat s | plugin/baseline | plugin/floor | plugin/flat "
                "| s/page | peak MB | site MB | index MB | validate cold / warm s | save→preview s |")
    rows.append("|---" * 14 + "|")
    for count, m in results.items():
        plugin = m["plugin"]

        def seconds(name: str) -> str:
            return f"{m[name]['seconds']:.1f}" if name in m else "—"

        def against(name: str) -> str:
            return f"{plugin['seconds'] / m[name]['seconds']:.2f}" if name in m else "—"

        cells = [str(count), seconds("plugin"), seconds("baseline"), seconds("floor"), seconds("flat"),
                 against("baseline"), against("floor"), against("flat"),
                 f"{plugin['seconds'] / count:.3f}", f"{plugin['peak_mb']:.0f}", f"{plugin['site_mb']:.0f}",
                 f"{plugin['index_mb']:.1f}", f"{m['validate']['cold']:.2f} / {m['validate']['warm']:.2f}",
                 f"{m['preview']['seconds']:.2f}" if "preview" in m else "—"]
        rows.append("| " + " | ".join(cells) + " |")
    if len(results) >= 2 and 1000 in results and 3000 in results:
        rows.append("")
        rows.append(f"Linearity: plugin N=3000 / N=1000 = "
                    f"{results[3000]['plugin']['seconds'] / results[1000]['plugin']['seconds']:.2f}")
    if client:
        rows += ["", f"Client side (Chromium, the largest generated process: {client['steps']:.0f} steps, "
                 f"{client['roles']:.0f} roles): flowchart drawn in {client['draw_ms']:.0f} ms (median of 5 "
                 f"`mermaid.render`). Its page: {client['page_kb']:.0f} KB of HTML and {client['assets_kb']:.0f} KB "
                 f"of theme and plugin scripts and styles; downloaded once for the whole site: the Mermaid bundle "
                 f"({client['mermaid_kb']:.0f} KB) and the search index ({client['index_kb']:.0f} KB). The median "
                 f"process page is {client['median_page_kb']:.0f} KB of HTML."]
    if phases:
        rows += ["", "Where the N=1000 plugin build spends its time (cProfile, cumulative time of each phase's "
                 "entry functions): "
                 + ", ".join(f"{name} {share:.0%}" for name, share in phases) + "."]
    table = "\n".join(rows)
    print(table)
    args.out.write_text(f"# Benchmark results\n\n`{' '.join(sys.argv)}` on {os.cpu_count()} cores\n\n{table}\n",
                        encoding="utf-8")


if __name__ == "__main__":
    main()
