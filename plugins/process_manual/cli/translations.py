"""`process-manual translations`: how far each language is translated, and recording what was translated.

    process-manual translations [DIR] [--format json]    per language: translated, missing, stale, which
    process-manual translations --accept FILE...         record the source texts FILE's texts translate

A handbook may demand a share per language (`translations: minimum:` in `_handbook.yml`): below it the
command exits 1, so CI can hold a release back.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from process_manual.check.translations import LanguageStatus, translation_status
from process_manual.load.handbook import Handbook, load_handbook
from process_manual.load.localize import source_slots
from process_manual.load.translations import RECORD_KEY, source_hash


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "translations",
        help="per language: how many texts are translated, missing and stale, and which; exit 1 below "
        "the handbook's minimum",
    )
    parser.add_argument("dir", nargs="?", default="processes", help="the handbook folder (default: processes)")
    parser.add_argument("--format", choices=["human", "json"], default="human")
    parser.add_argument(
        "--accept",
        nargs="+",
        metavar="FILE",
        help="translation files whose texts you have checked: record the source texts they translate now "
        "(their `translated-from:` block), so a later change of a source text shows as stale",
    )
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    handbook = load_handbook(Path(args.dir))
    if not handbook.languages:
        print(f"process-manual translations: {args.dir}/_handbook.yml declares no `languages:` — one language")
        return 0
    if args.accept:
        return _accept(handbook, [Path(name) for name in args.accept])
    statuses = translation_status(handbook)
    minimum = handbook.policy.translations.minimum if handbook.policy is not None else {}
    short = {language: status.percent < minimum.get(language, 0) for language, status in statuses.items()}
    if args.format == "json":
        print(json.dumps({lang: _as_json(s, minimum.get(lang), short[lang]) for lang, s in statuses.items()}, indent=2))
    else:
        print(_human(handbook, statuses, minimum))
    return 1 if any(short.values()) else 0


def _as_json(status: LanguageStatus, minimum: float | None, short: bool) -> dict[str, object]:
    return {
        "percent": round(status.percent, 1),
        "minimum": minimum,
        "below_minimum": short,
        "total": status.total,
        "counts": {name: len(getattr(status, name)) for name in _KINDS},
        **{name: getattr(status, name) for name in _KINDS},
    }


_KINDS = ("translated", "missing", "stale", "unrecorded", "converted")


def _human(handbook: Handbook, statuses: dict[str, LanguageStatus], minimum: dict[str, float]) -> str:
    lines = [f"Source language: {handbook.languages[0]}"]
    for language, status in statuses.items():
        counts = ", ".join(f"{len(getattr(status, name))} {name}" for name in _KINDS if getattr(status, name))
        demand = f" (minimum {minimum[language]:g}%)" if language in minimum else ""
        verdict = " — BELOW THE MINIMUM" if status.percent < minimum.get(language, 0) else ""
        lines.append(f"\n{language}: {status.percent:.0f}% of {status.total} texts{demand}{verdict}: {counts}")
        for name in ("stale", "unrecorded", "missing"):
            for where in getattr(status, name):
                lines.append(f"  {name:<10} {where}")
    return "\n".join(lines)


_COMMENT = "# Written by `process-manual translations --accept`: the source text each text translates."
_RECORD_BLOCK = re.compile(
    rf"^(?:{re.escape(_COMMENT)}\n)?{re.escape(RECORD_KEY)}:.*?(?=^[^\s#]|\Z)", re.MULTILINE | re.DOTALL
)


def _accept(handbook: Handbook, files: list[Path]) -> int:
    """Rewrite each file's `translated-from:` block: every text it gives, with its source text's hash now.
    The rest of the file — comments, order, quoting — stays as the translator wrote it."""
    sources = source_slots(handbook)
    by_path = {
        file.doc.path.resolve(): (source, file)
        for source, files in handbook.translations.items()
        for file in files.values()
    }
    status = 0
    for path in files:
        found = by_path.get(path.resolve())
        if found is None:
            print(f"{path}: not a translation file of this handbook (name it like its source: order-intake.en.yml)")
            status = 1
            continue
        source, file = found
        slots = {slot.key: slot for slot in sources.get(source, [])}
        records = {key: source_hash(slots[key].text) for key in file.texts if key in slots}
        text = _RECORD_BLOCK.sub("", path.read_text(encoding="utf-8")).rstrip("\n")
        block = "\n".join(
            f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps(value)}" for key, value in records.items()
        )
        path.write_text(f"{text}\n\n{_COMMENT}\n{RECORD_KEY}:\n{block}\n", encoding="utf-8")
        print(f"{path}: recorded {len(records)} text(s)")
    return status
