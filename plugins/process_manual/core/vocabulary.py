"""The words the checks look for in author text, from every catalog's `recognise` section.

Interface text is chosen by the handbook's language; these are not: an author may write "3 working days"
in a Chinese handbook, so every handbook is checked with the words of every catalog together (durations,
vague owners, vague time words, deadline patterns, the names of a BPMN start event). A language adds its
words in its own catalog file; the checks do not change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from process_manual.core.catalog import Catalog, shipped_catalogs
from process_manual.core.vocabulary_check import TEXT_LISTS, UNITS

__all__ = ["UNITS", "Idiom", "Vocabulary", "examples", "merge", "vocabulary"]


@dataclass(frozen=True)
class Idiom:
    """A pattern that is a duration by itself ("same day", "半年")."""

    pattern: re.Pattern[str]
    amount: float
    unit: str


@dataclass(frozen=True)
class Vocabulary:
    """Every catalog's words together (in the order of the catalogs: English first)."""

    spaced_numbers: Mapping[str, float]
    """Number words of languages that write "3 days" (lower case): one, two, ein, zwei."""
    spaced_units: Mapping[str, str]
    spaced_before: tuple[str, ...]
    before_anywhere: tuple[str, ...]
    joined_digits: Mapping[str, int]
    """Digits of languages that write "3天" (一, 二, 两 ...), and the sign for ten."""
    joined_tens: tuple[str, ...]
    joined_units: Mapping[str, str]
    joined_before: tuple[str, ...]
    within: tuple[str, ...]
    """Words around a duration that add nothing to it: "within 3 days", "3天内"."""
    idioms: tuple[Idiom, ...]
    preceded_by: Mapping[str, tuple[str, ...]]
    """Unit word -> what, right before the number, makes it part of a date ("3月5日": 日 after 月)."""
    followed_by: Mapping[str, re.Pattern[str]]
    year_words: tuple[str, ...]
    vague_owners: tuple[str, ...]
    vague_time: tuple[str, ...]
    deadlines: tuple[str, ...]
    start_event_names: frozenset[str]


def _texts(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def merge(catalogs: Iterable[Catalog]) -> Vocabulary:
    """The words of `catalogs` together; a word two catalogs share is kept once, where it first appears."""
    found: dict[str, Any] = {
        "spaced_numbers": {},
        "spaced_units": {},
        "joined_digits": {},
        "joined_units": {},
        "preceded_by": {},
        "followed_by": {},
    }
    lists: dict[str, list[Any]] = {
        name: []
        for name in (
            "spaced_before",
            "before_anywhere",
            "joined_tens",
            "joined_before",
            "within",
            "idioms",
            "year_words",
            "deadlines",
            *TEXT_LISTS,
        )
    }
    for catalog in catalogs:
        words = catalog.vocabulary
        durations: dict[str, Any] = words["durations"] if isinstance(words.get("durations"), dict) else {}
        if durations.get("style") == "spaced":
            found["spaced_numbers"].update({k.lower(): float(v) for k, v in durations.get("numbers", {}).items()})
            found["spaced_units"].update({k.lower(): v for k, v in durations.get("units", {}).items()})
            lists["spaced_before"] += _texts(durations.get("before"))
            lists["before_anywhere"] += _texts(durations.get("before_anywhere"))
        elif durations.get("style") == "joined":
            found["joined_digits"].update({k: int(v) for k, v in durations.get("digits", {}).items()})
            lists["joined_tens"] += [durations["ten"]] if durations.get("ten") else []
            found["joined_units"].update(durations.get("units", {}))
            lists["joined_before"] += _texts(durations.get("before"))
            dates = durations.get("not_a_duration", {})
            for unit, markers in dates.get("preceded_by", {}).items():
                found["preceded_by"].setdefault(unit, [])
                found["preceded_by"][unit] += _texts(markers)
            for unit, pattern in dates.get("followed_by", {}).items():
                found["followed_by"].setdefault(unit, []).append(pattern)
            lists["year_words"] += _texts(dates.get("years"))
        lists["within"] += _texts(durations.get("within"))
        lists["idioms"] += [
            Idiom(re.compile(idiom["pattern"], re.IGNORECASE), float(idiom["amount"]), idiom["unit"])
            for idiom in durations.get("idioms", [])
        ]
        lists["deadlines"] += _texts(words.get("deadlines"))
        for name in TEXT_LISTS:
            lists[name] += _texts(words.get(name))
    unique = {name: tuple(dict.fromkeys(items)) if name != "idioms" else tuple(items) for name, items in lists.items()}
    return Vocabulary(
        spaced_numbers=found["spaced_numbers"],
        spaced_units=found["spaced_units"],
        joined_digits=found["joined_digits"],
        joined_units=found["joined_units"],
        preceded_by={unit: tuple(dict.fromkeys(markers)) for unit, markers in found["preceded_by"].items()},
        followed_by={unit: re.compile("|".join(f"(?:{p})" for p in ps)) for unit, ps in found["followed_by"].items()},
        start_event_names=frozenset(name.casefold() for name in unique.pop("start_event_names")),
        **unique,
    )


@functools.cache
def vocabulary() -> Vocabulary:
    """The words of every shipped catalog."""
    return merge(shipped_catalogs().values())


def examples(catalog: Catalog, kind: str) -> list[str]:
    """What the catalog shows as a good time limit of `kind` (`duration` or `deadline`)."""
    shown = catalog.vocabulary.get("examples")
    return _texts(shown.get(kind)) if isinstance(shown, dict) else []
