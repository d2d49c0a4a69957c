"""Stage 3 of 7: every problem of a loaded handbook at once (validate), the handbook's own rule
severities (policy), reading paths, time limits, and the pull-request check."""
