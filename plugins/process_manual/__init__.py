"""process-manual: a company's process manual as code.

Data flows one way: YAML files -> :mod:`.yamlload` (values with positions) -> :mod:`.model`
(typed) -> :mod:`.validate` (every problem at once) -> :mod:`.render` (Markdown + Mermaid)
-> MkDocs (:mod:`.plugin`, thin glue). The CLI (:mod:`.cli`) calls the same modules.
"""

__version__ = "0.1.0"
