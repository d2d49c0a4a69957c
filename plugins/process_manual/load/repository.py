"""Where the repository starts: paths in edit links and CODEOWNERS are relative to its root."""

from __future__ import annotations

from pathlib import Path


def repository_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `.git`; `start` itself outside a repository.

    The folder of mkdocs.yml is not always the root: the Chinese handbook's mkdocs.yml lives in
    examples/zh/, yet its files must be named examples/zh/processes/... in links to the repository.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():  # a folder in a clone, a file in a worktree or submodule
            return folder
    return start


def repository_path(path: Path, root: Path) -> str | None:
    """`path` relative to the repository `root`, with '/' separators; None when it lies outside."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
