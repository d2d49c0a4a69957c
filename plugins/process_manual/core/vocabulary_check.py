"""Checking a catalog's `recognise` section (:mod:`.vocabulary`): known keys, lists of texts, numbers,
units and regular expressions that compile — each problem at its line."""

from __future__ import annotations

import re
from typing import Any

from process_manual.core.catalog_file import VOCABULARY, CatalogFile, Path_

UNITS = ("minute", "hour", "day", "working_day", "week", "month", "year")
"""The units a duration is counted in (:class:`.durations.Duration`)."""

TEXT_LISTS = ("vague_owners", "vague_time", "start_event_names")
_KEYS = {"durations", "deadlines", "examples", *TEXT_LISTS}
_DURATION_KEYS = {
    "spaced": {"style", "numbers", "units", "before", "before_anywhere", "within", "idioms"},
    "joined": {"style", "digits", "ten", "units", "before", "within", "idioms", "not_a_duration"},
}


def check_vocabulary(read: CatalogFile) -> None:
    """Problems of the `recognise` section of a catalog file: unknown keys, wrong types, broken patterns."""
    section = read.tree.get(VOCABULARY)
    if section is None:
        return
    at = (VOCABULARY,)
    if not isinstance(section, dict):
        read.problem(at, "invalid-value", "'recognise' is a mapping of word lists")
        return
    _known_keys(read, at, section, _KEYS)
    for name in (*TEXT_LISTS, "deadlines"):
        if name in section:
            _text_list(read, (*at, name), section[name], patterns=name == "deadlines")
    if "examples" in section:
        examples_section = section["examples"]
        if _mapping(read, (*at, "examples"), examples_section):
            _known_keys(read, (*at, "examples"), examples_section, {"duration", "deadline"})
            for kind, items in examples_section.items():
                _text_list(read, (*at, "examples", kind), items)
    if "durations" in section:
        _check_durations(read, (*at, "durations"), section["durations"])


def _check_durations(read: CatalogFile, at: Path_, durations: Any) -> None:
    if not _mapping(read, at, durations):
        return
    style = durations.get("style")
    if style not in _DURATION_KEYS:
        read.problem((*at, "style"), "invalid-value", f"durations' style '{style}'", "spaced or joined")
        return
    _known_keys(read, at, durations, _DURATION_KEYS[style])
    for name in ("numbers", "digits"):
        if name in durations and _mapping(read, (*at, name), durations[name]):
            for word, value in durations[name].items():
                if not re.fullmatch(r"\d+(?:\.\d+)?", str(value)):
                    read.problem((*at, name, word), "invalid-value", f"'{word}' is not given a number")
    if "units" in durations and _mapping(read, (*at, "units"), durations["units"]):
        for word, unit in durations["units"].items():
            if unit not in UNITS:
                read.problem((*at, "units", word), "invalid-value", f"unknown unit '{unit}'", ", ".join(UNITS))
    for name in ("before", "before_anywhere", "within"):
        if name in durations:
            _text_list(read, (*at, name), durations[name])
    for index, idiom in enumerate(durations.get("idioms") or []):
        where: Path_ = (*at, "idioms", index)
        if not isinstance(idiom, dict) or set(idiom) != {"pattern", "amount", "unit"}:
            read.problem(where, "invalid-value", "an idiom is {pattern, amount, unit}")
        elif idiom["unit"] not in UNITS or not re.fullmatch(r"\d+(?:\.\d+)?", idiom["amount"]):
            read.problem(
                where, "invalid-value", "an idiom's amount is a number and its unit one of " + ", ".join(UNITS)
            )
        else:
            _pattern(read, (*where, "pattern"), idiom["pattern"])
    dates = durations.get("not_a_duration")
    if dates is not None and _mapping(read, (*at, "not_a_duration"), dates):
        _known_keys(read, (*at, "not_a_duration"), dates, {"preceded_by", "followed_by", "years"})
        for unit, pattern in (dates.get("followed_by") or {}).items():
            _pattern(read, (*at, "not_a_duration", "followed_by", unit), pattern)


def _known_keys(read: CatalogFile, at: Path_, mapping: dict[str, Any], known: set[str]) -> None:
    for key in mapping:
        if key not in known:
            read.problem((*at, key), "unknown-key", f"'{key}' is not a key here", "known: " + ", ".join(sorted(known)))


def _mapping(read: CatalogFile, at: Path_, value: Any) -> bool:
    if isinstance(value, dict):
        return True
    read.problem(at, "invalid-value", f"'{'.'.join(map(str, at))}' is a mapping")
    return False


def _text_list(read: CatalogFile, at: Path_, value: Any, *, patterns: bool = False) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        read.problem(at, "invalid-value", f"'{'.'.join(map(str, at))}' is a list of texts")
        return
    for index, item in enumerate(value):
        if patterns:
            _pattern(read, (*at, index), item)


def _pattern(read: CatalogFile, at: Path_, pattern: Any) -> None:
    try:
        re.compile(str(pattern))
    except re.error as error:
        read.problem(at, "invalid-value", f"not a regular expression: {error}", "Python's `re` syntax")
