"""References through a real `mkdocs build --strict`: links in the HTML, anchors MkDocs validates, the
search index, and a broken reference stopping the build at its line with its rule id."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fixtures.util import ACCESS, PURCHASE, copy_handbook, edit
from sitebuild import mkdocs_build, write_site_config

VALIDATION = """
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""
DETAILS = "    details: Describe what is needed, why, and the budget line.\n"


def _site(tmp_path: Path, page: str) -> Path:
    copy_handbook(tmp_path)
    config = write_site_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + VALIDATION, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    return tmp_path


def test_references_become_links_that_mkdocs_validates(tmp_path):
    root = _site(tmp_path, "# Welcome\n\nAsk [[role:buyer]], then [[PUR-001#manager-review|the review]]; "
                           "old links to [[IT-002#manager-approval]] still land.\n")
    edit(root / "handbook", PURCHASE, DETAILS, "    details: Then [[IT-002#approve]], measured by [[kpi:#cycle-time]].\n")
    edit(root / "handbook", ACCESS, "steps:\n", "removed_steps: {manager-approval: approve}\nsteps:\n")
    result = mkdocs_build(root, "--strict")
    # The removed step's link is an outdated reference: a warning, which a strict build refuses.
    assert result.returncode == 1 and "docs/index.md:3:" in result.stderr
    assert "warning[outdated-reference]: '[[IT-002#manager-approval]]' names step 'manager-approval'" in result.stderr
    edit(root / "docs", "index.md", "; old links to [[IT-002#manager-approval]] still land", "")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="roles/buyer/">Buyer</a>' in home
    assert '<a href="processes/pur-001/#step-manager-review">the review</a>' in home
    process = (root / "site" / "processes" / "pur-001" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../it-002/#step-approve">System access request › Approve the access</a>' in process
    assert '<a href="../../kpis/#kpi-pur-001-cycle-time">Request-to-order time</a>' in process
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The rules page shows the syntax in its examples; every other page shows links.
    texts = " ".join(doc["text"] for doc in index["docs"] if not doc["location"].startswith("checks/"))
    assert "[[" not in texts and "System access request › Approve the access" in texts


def test_a_link_to_a_removed_step_lands_on_its_successor_anchor(tmp_path):
    root = _site(tmp_path, "# Welcome\n\nSee [the old step](processes/it-002.md#step-manager-approval).\n")
    edit(root / "handbook", ACCESS, "steps:\n", "removed_steps: {manager-approval: approve}\nsteps:\n")
    (root / "handbook" / "_handbook.yml").write_text("rules: {link-by-path: off}\n", encoding="utf-8")
    result = mkdocs_build(root, "--strict")
    assert result.returncode == 0, result.stderr  # MkDocs found the anchor
    page = (root / "site" / "processes" / "it-002" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div id="step-manager-approval" class="pm-former-step"></div>\s*<h3 id="step-approve"', page)


def test_a_broken_reference_stops_the_build_at_its_line(tmp_path):
    root = _site(tmp_path, "# Welcome\n\nRead [[PUR-01]] first.\n")
    edit(root / "handbook", PURCHASE, DETAILS, "    details: Then [[role:byuer]].\n")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert not (root / "site").exists()
    assert "docs/index.md:3:6: error[broken-reference]: '[[PUR-01]]': no process has the id 'PUR-01' — " \
           "did you mean 'PUR-001'?" in result.stderr
    lines = (root / "handbook" / PURCHASE).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "byuer" in text)
    column = lines[line - 1].index("[[") + 1
    assert f"handbook/{PURCHASE}:{line}:{column}: error[broken-reference]: '[[role:byuer]]'" in result.stderr
