"""axe-core in a Playwright page: run the WCAG 2.0/2.1 A and AA rules and describe what fails.

axe-core comes pinned from the npm registry (package.json devDependencies, package-lock.json) and is
installed by `npm ci`; it is never committed and never served by a handbook. It looks into open
shadow roots only: pages opened by the harness have every shadow root forced open, so the Mermaid
diagrams Material draws are checked too.

    axe_installed()            fails the test, saying how to install axe-core, when it is missing
    run_axe(page, where)       the serious and critical findings on the current page, as Finding
    switch_palette(page)       click Material's palette toggle and wait until the new colours hold
    describe(findings)         one readable line per element: rule, element, contrast values
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser_harness import ROOT

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = ("serious", "critical")

_RUN_AXE = """
async (tags) => {
  const results = await window.axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return results.violations.map((rule) => ({
    rule: rule.id,
    impact: rule.impact,
    help: rule.help,
    nodes: rule.nodes.map((node) => ({
      target: node.target.map((part) => Array.isArray(part) ? part.join(" >>> ") : part).join(" >>> "),
      html: node.html.slice(0, 160),
      impact: node.impact,
      data: [...node.any, ...node.all, ...node.none].map((check) => check.data).filter((d) => d && typeof d === "object"),
      summary: node.failureSummary || "",
    })),
  }));
}
"""

# Facts axe measures for contrast rules (color-contrast, link-in-text-block), in the order shown.
_CONTRAST_FACTS = ("fgColor", "bgColor", "nodeColor", "parentColor", "contrastRatio", "expectedContrastRatio",
                   "requiredContrastRatio", "fontSize", "fontWeight", "messageKey")

_SETTLED = """
async () => {
  // Material fades colours on a palette switch: measure the colours the reader ends up with.
  await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => null)));
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}
"""


@dataclass(frozen=True)
class Finding:
    """One element that fails one rule."""

    where: str
    """The page and palette it was found in, e.g. `en processes/adm-004/ (slate)`."""
    rule: str
    impact: str
    help: str
    target: str
    html: str
    facts: str

    def line(self) -> str:
        facts = f" [{self.facts}]" if self.facts else ""
        return f"{self.where}: {self.rule} ({self.impact}) {self.target}{facts}\n      {self.html}"


def _facts(data: list[dict[str, Any]]) -> str:
    shown: list[str] = []
    for entry in data:
        for key in _CONTRAST_FACTS:
            if key in entry and entry[key] not in (None, ""):
                shown.append(f"{key}={entry[key]}")
    return ", ".join(dict.fromkeys(shown))


def ensure_axe(page: Any) -> None:
    """Load axe-core into the current document (again after every full page load)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))


def run_axe(page: Any, where: str) -> list[Finding]:
    """Every serious or critical WCAG 2.0/2.1 A/AA finding on the page as it is now."""
    ensure_axe(page)
    page.evaluate(_SETTLED)
    findings: list[Finding] = []
    for rule in page.evaluate(_RUN_AXE, WCAG_TAGS):
        for node in rule["nodes"]:
            impact = node["impact"] or rule["impact"] or ""
            if impact in FAILING_IMPACTS:
                findings.append(Finding(where, rule["rule"], impact, rule["help"], node["target"],
                                        " ".join(node["html"].split()), _facts(node["data"])))
    return findings


def palette(page: Any) -> str:
    """The colour scheme Material shows now: "default" (light) or "slate" (dark)."""
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme') || ''")


def switch_palette(page: Any) -> str:
    """Click the palette toggle in the header, as a reader does; returns the new scheme."""
    before = palette(page)
    page.locator('form[data-md-component="palette"] label.md-header__button:not([hidden])').click()
    page.wait_for_function("(old) => document.body.getAttribute('data-md-color-scheme') !== old", arg=before)
    page.evaluate(_SETTLED)
    return palette(page)


def describe(findings: list[Finding]) -> str:
    """A report grouped by rule: how many elements fail it, then each element."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    lines: list[str] = []
    for rule, found in sorted(by_rule.items()):
        pages = len({f.where for f in found})
        lines.append(f"{rule} ({found[0].impact}): {found[0].help} — {len(found)} element(s) in {pages} page view(s)")
        lines += ["  " + f.line() for f in found]
    return "\n".join(lines)


def axe_installed() -> Path:
    """axe.min.js, or a failure that says how to install it."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (the Makefile's test target does)", pytrace=False)
    return AXE_JS
