"""Stage 7b of 7: the `process-manual` command, calling the same stages as the plugin."""

from process_manual.cli.commands import main, run

__all__ = ["main", "run"]
