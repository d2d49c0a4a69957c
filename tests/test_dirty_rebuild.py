"""`mkdocs serve --dirty`: after a save, only the generated pages whose text changed are written again,
and the search index still holds every page exactly once (Material alone would keep stale copies)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from fixtures.util import ACCESS, copy_handbook, edit
from process_manual.dirtyreload import ChangeTracker
from sitebuild import MERMAID_BUNDLE, write_site_config

# Two builds in one process, as `mkdocs serve --dirty` does them: the plugins persist between them.
TWO_BUILDS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_path, site, marker = sys.argv[1:4]
def build_once(dirty):
    config = load_config(config_path, site_dir=site)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
build_once(False)
for page in Path(site).rglob("index.html"):  # a page written again loses this mark
    page.write_text(page.read_text(encoding="utf-8") + marker, encoding="utf-8")
Path(site, "first-index.json").write_bytes(Path(site, "search", "search_index.json").read_bytes())
input()  # the test edits the handbook now
build_once(True)
"""
MARK = "<!-- written by the first build -->"


@pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")
def test_a_dirty_rebuild_writes_only_changed_pages_and_keeps_search_whole(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    config = write_site_config(tmp_path)
    site = tmp_path / "site"
    child = subprocess.Popen([sys.executable, "-c", TWO_BUILDS, str(config), str(site), MARK], cwd=tmp_path,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, text=True)
    while not (site / "first-index.json").exists():
        assert child.poll() is None, child.communicate()[0]
    edit(root, ACCESS, "name: Approve the access", "name: Sign off the access")
    output, _ = child.communicate("\n", timeout=300)
    assert child.returncode == 0, output

    edited = (site / "processes" / "it-002" / "index.html").read_text(encoding="utf-8")
    assert "Sign off the access" in edited and MARK not in edited
    untouched = (site / "processes" / "pur-001" / "index.html").read_text(encoding="utf-8")
    assert MARK in untouched  # its Markdown did not change: not written again
    written_again = [p for p in site.rglob("index.html") if MARK not in p.read_text(encoding="utf-8")]
    assert 0 < len(written_again) < len(list(site.rglob("index.html"))) / 2

    def pages(index: Path) -> Counter[str]:
        entries = json.loads(index.read_text(encoding="utf-8"))["docs"]
        return Counter(entry["location"] for entry in entries)

    before, after = pages(site / "first-index.json"), pages(site / "search" / "search_index.json")
    assert set(after) == set(before)  # every page and section, the history page of IT-002 included
    assert max(after.values()) == max(before.values())  # and no page twice
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any("Sign off the access" in entry["title"] for entry in docs)
    assert not any("Approve the access" in entry["title"] for entry in docs)


def test_a_page_counts_as_changed_when_anything_it_shows_changed() -> None:
    tracker = ChangeTracker()
    assert tracker.changed("a.md", "text", "", "")
    tracker.build_done()
    assert not tracker.changed("a.md", "text", "", "")
    assert tracker.changed("b.md", "text", "", "")  # a new page
    tracker.build_done()
    assert tracker.changed("a.md", "text", "", "banner")  # the preview's problem banner appeared
    assert tracker.changed("b.md", "text", "block", "")  # a reading path now lists it
