"""`python -m process_manual.cli ...` runs the `process-manual` command."""

from process_manual.cli.commands import run

run()
