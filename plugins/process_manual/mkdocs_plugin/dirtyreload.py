"""`mkdocs serve --dirty` for a generated handbook: after a save, only the pages whose text changed.

MkDocs rebuilds a page in a dirty build when its file says it was modified. A generated page has no
file on disk, so by default it always says yes, and every save rebuilds the whole handbook (8 s for
100 processes). Here a generated page is modified when its Markdown differs from the previous build's.

Material's search keeps the previous index in a dirty build and merges the new pages into it, but it
assumes a single page changed (it drops the old entries of the first page only, and of every page
whose address starts like it, such as that process's history). :func:`merge_search_index` does the
merge for any number of pages instead, before Material writes the index.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mkdocs.structure.files import File


class TrackedPageFile(File):
    """A page that is modified when the plugin says so: a generated page when its text changed, a
    hand-written one also when what the plugin adds to it changed (a reading block, the problem banner)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed

    @classmethod
    def copy_of(cls, page: File, changed: bool) -> TrackedPageFile:
        copy = cls(
            page.src_path,
            page.src_dir,
            page.dest_dir,
            page.use_directory_urls,
            dest_uri=page.dest_uri,
            inclusion=page.inclusion,
        )
        copy.changed = changed
        return copy


class ChangeTracker:
    """Fingerprints of the pages of the previous build of this `mkdocs serve` session."""

    def __init__(self) -> None:
        self.previous: dict[str, str] = {}
        self.current: dict[str, str] = {}

    def changed(self, src_uri: str, *parts: str) -> bool:
        """Whether the page built from `parts` (its Markdown and what is added to it) differs from last time."""
        digest = hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=16).hexdigest()
        self.current[src_uri] = digest
        return self.previous.get(src_uri) != digest

    def build_done(self) -> None:
        self.previous, self.current = self.current, {}


def merge_search_index(search_plugin: Any) -> None:
    """Give Material's search the whole index: the previous entries of every page not rebuilt, then the
    entries of the pages rebuilt now. Does nothing when its index is not the one this was written for."""
    index = getattr(search_plugin, "search_index", None)
    previous = getattr(search_plugin, "search_index_prev", None)
    entries = getattr(index, "entries", None)
    if (
        index is None
        or previous is None
        or not isinstance(entries, list)
        or not isinstance(getattr(previous, "entries", None), list)
    ):
        return
    rebuilt = {entry["location"].split("#")[0] for entry in entries}
    kept = [entry for entry in previous.entries if entry["location"].split("#")[0] not in rebuilt]
    index.entries = kept + entries
    search_plugin.search_index_prev = None  # merged already: Material's own merge must not run too
