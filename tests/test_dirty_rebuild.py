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
from process_manual.mkdocs_plugin.dirtyreload import ChangeTracker
from sitebuild import MERMAID_BUNDLE, write_site_config

# Builds in one process, as `mkdocs serve --dirty` does them (the plugins persist between them): a
# full one, then a dirty one each time the test asks (a line on stdin) after editing the handbook.
BUILDS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_path, site = sys.argv[1:3]
def build_once(dirty):
    config = load_config(config_path, site_dir=site)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
    print("built", flush=True)
build_once(False)
for _ in sys.stdin:
    build_once(True)
"""
MARK = "<!-- written by the previous build -->"


class Builds:
    def __init__(self, config: Path, site: Path):
        self.site = site
        self.child = subprocess.Popen([sys.executable, "-c", BUILDS, str(config), str(site)], cwd=config.parent,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, text=True)
        self._wait()

    def _wait(self) -> None:
        assert self.child.stdout is not None
        lines = []
        while (line := self.child.stdout.readline()) and line != "built\n":
            lines.append(line)
        assert line == "built\n", "".join(lines)

    def rebuild(self) -> None:
        for page in self.site.rglob("index.html"):  # a page the rebuild writes again loses this mark
            page.write_text(page.read_text(encoding="utf-8") + MARK, encoding="utf-8")
        assert self.child.stdin is not None
        self.child.stdin.write("\n")
        self.child.stdin.flush()
        self._wait()

    def written_again(self) -> list[str]:
        return sorted(str(p.parent.relative_to(self.site)) for p in self.site.rglob("index.html")
                      if MARK not in p.read_text(encoding="utf-8"))

    def search_locations(self) -> Counter[str]:
        entries = json.loads((self.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        return Counter(entry["location"] for entry in entries)

    def close(self) -> None:
        self.child.communicate(timeout=60)


@pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")
def test_a_dirty_rebuild_writes_only_changed_pages_and_keeps_search_whole(tmp_path: Path) -> None:
    root = copy_handbook(tmp_path)
    builds = Builds(write_site_config(tmp_path), tmp_path / "site")
    try:
        before = builds.search_locations()
        edit(root, ACCESS, "name: Approve the access", "name: Sign off the access")
        builds.rebuild()
        written = builds.written_again()
        assert "processes/it-002" in written and "processes/pur-001" not in written and "." not in written
        assert 0 < len(written) < len(list(builds.site.rglob("index.html"))) / 2
        page = (builds.site / "processes" / "it-002" / "index.html").read_text(encoding="utf-8")
        assert "Sign off the access" in page
        after = builds.search_locations()
        assert set(after) == set(before)  # every page and section, the history page of IT-002 included
        assert max(after.values()) == max(before.values()) == 1  # and none twice
        docs = json.loads((builds.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        assert any("Sign off the access" in entry["title"] for entry in docs)
        assert not any("Approve the access" in entry["title"] for entry in docs)

        # An error: the preview's banner must reach every page, the hand-written ones included.
        edit(root, ACCESS, "forms: [access-request]", "forms: [access-reqest]")
        builds.rebuild()
        assert "." in builds.written_again()
        assert "access-reqest" in (builds.site / "index.html").read_text(encoding="utf-8")
    finally:
        builds.close()


def test_a_page_counts_as_changed_when_anything_it_shows_changed() -> None:
    tracker = ChangeTracker()
    assert tracker.changed("a.md", "text", "", "")
    tracker.build_done()
    assert not tracker.changed("a.md", "text", "", "")
    assert tracker.changed("b.md", "text", "", "")  # a new page
    tracker.build_done()
    assert tracker.changed("a.md", "text", "", "banner")  # the preview's problem banner appeared
    assert tracker.changed("b.md", "text", "block", "")  # a reading path now lists it


@pytest.mark.skipif(not MERMAID_BUNDLE.is_file(), reason="run `npm ci` first (make test does)")
def test_a_hand_written_page_is_written_again_when_a_step_it_links_is_renamed(tmp_path: Path) -> None:
    """A page's [[IT-002#approve]] shows the step's name: renaming the step changes the page, though its
    file did not change."""
    root = copy_handbook(tmp_path)
    config = write_site_config(tmp_path)
    (tmp_path / "docs" / "index.md").write_text("# Welcome\n\nThen [[IT-002#approve]].\n", encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text("# Other\n\nNo links here.\n", encoding="utf-8")
    builds = Builds(config, tmp_path / "site")
    try:
        edit(root, ACCESS, "name: Approve the access", "name: Sign off the access")
        builds.rebuild()
        written = builds.written_again()
        assert "." in written and "other" not in written
        assert "System access request › Sign off the access" in (builds.site / "index.html").read_text(
            encoding="utf-8")
    finally:
        builds.close()
