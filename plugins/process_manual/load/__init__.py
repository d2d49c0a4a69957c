"""Stage 2 of 7: read a handbook folder — YAML with the position of every value, parsed in parallel and
cached by content, explained into problems, assembled into a :class:`~.handbook.Handbook`; git reads."""
