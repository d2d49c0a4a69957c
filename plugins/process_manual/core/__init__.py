"""Stage 1 of 7: what every later stage shares — the typed model, problems and rule ids, durations,
the flow graph, CJK text helpers, the site's addresses and the interface labels. Imports nothing else
of the package."""
