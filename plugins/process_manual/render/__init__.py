"""Rendering: the handbook as Markdown pages with Mermaid diagrams. No MkDocs imports here, so the
same output could feed another site generator."""
