"""How fast readers get their flowcharts: every flowchart of both example handbooks and of a generated
handbook, drawn in headless Chromium by the pinned Mermaid, two ways in the same run:

  lanes      our swimlane layout (assets/process-manual-lanes.js), as the handbook draws them;
  dagre      the same Mermaid text with Mermaid's own layout (dagre), lanes as subgraph boxes: the
             way the handbook drew its flowcharts before the swimlane layout (the baseline).

    .venv/bin/python benchmarks/flowcharts.py [--count 300] [--seed 1] [--out benchmarks/results-flowcharts.md]

Each diagram is drawn with `mermaid.render` on one page, the two ways alternating, after one warm-up
drawing; times are wall clock in the page (performance.now()). It reports median, 95th percentile and
maximum per way, diagrams that failed, and the ratio lanes/dagre of the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
from generate import generate  # noqa: E402

from process_manual.load.handbook import load_handbook  # noqa: E402
from process_manual.core.labels import Labels  # noqa: E402
from process_manual.render.mermaid import flowchart  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
LANES = REPO / "plugins" / "process_manual" / "build" / "assets" / "process-manual-lanes.js"

_DRAW = """async ([texts]) => {
  const timings = [];
  let n = 0;
  async function time(text) {
    const started = performance.now();
    try {
      const { svg } = await mermaid.render("b" + (n++), text);
      const failed = svg.includes('aria-roledescription="error"');
      return failed ? null : performance.now() - started;
    } catch (error) {
      const stray = document.getElementById("db" + (n - 1));
      if (stray) stray.remove();
      return null;
    }
  }
  await time(texts[0]);
  for (const text of texts) {
    const lanes = await time(text);
    const dagre = await time(text.replace(/^  layout: process-lanes\\n/m, ""));
    timings.push([lanes, dagre]);
  }
  return timings;
}"""


def flowcharts(folder: Path, language: str) -> list[tuple[str, str]]:
    """(process id, Mermaid text) of every published process of the handbook in `folder`."""
    handbook = load_handbook(folder)
    roles = {role.id: role.name for role in handbook.roles.values()}
    forms = {form.id: form.name for form in handbook.forms.values()}
    labels = Labels(language)
    return [(s.process.id, flowchart(s.process, role_names=roles, form_names=forms, labels=labels,
                                     process_url=lambda _: "#"))
            for s in handbook.processes if s.process.status != "draft"]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="processes of the generated handbook (default 300)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) to this file")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        generate(args.count, seed=args.seed, out=Path(tmp) / "handbook", largest_first=True)
        diagrams = (flowcharts(REPO / "tests/fixtures/english/processes", "en") + flowcharts(REPO / "processes", "zh")
                    + flowcharts(Path(tmp) / "handbook", "en"))
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(path=str(BUNDLE))
        page.add_script_tag(path=str(LANES))
        page.evaluate("mermaid.initialize({startOnLoad: false})")
        timings = page.evaluate(_DRAW, [[text for _, text in diagrams]])
        browser.close()
    elapsed = time.monotonic() - started

    lines = [f"Flowcharts drawn in headless Chromium: {len(diagrams)} ({args.count} generated with seed {args.seed} "
             f"and the examples), {elapsed:.0f} s in all.", "",
             "| layout | drew | median | p95 | max |", "|---|---|---|---|---|"]
    medians = {}
    for index, name in enumerate(("lanes (ours)", "dagre (before)")):
        drawn = [t[index] for t in timings if t[index] is not None]
        failed = [diagrams[i][0] for i, t in enumerate(timings) if t[index] is None]
        medians[name] = statistics.median(drawn)
        lines.append(f"| {name} | {len(drawn)}/{len(diagrams)} | {statistics.median(drawn):.0f} ms | "
                     f"{percentile(drawn, 0.95):.0f} ms | {max(drawn):.0f} ms |")
        if failed:
            lines.append(f"|  | failed: {', '.join(failed[:10])} | | | |")
    slowest = max(range(len(diagrams)), key=lambda i: timings[i][0] or 0)
    lines += ["", f"lanes/dagre (medians): {medians['lanes (ours)'] / medians['dagre (before)']:.2f}; slowest "
              f"with lanes: {diagrams[slowest][0]} ({diagrams[slowest][1].count(chr(10) + '    n')} steps), "
              f"{timings[slowest][0]:.0f} ms."]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
