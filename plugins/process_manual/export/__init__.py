"""Writers of the handbook for other tools: plain Markdown for any site engine (markdown.py)."""
