"""Writers and readers of the handbook for other tools: plain Markdown for any site engine (markdown.py),
BPMN 2.0 out, with a diagram layout, and in (bpmn*.py)."""
