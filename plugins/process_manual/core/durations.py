"""Durations in author text, in the words of every catalog: "2 working days", "3个工作日", "3 Arbeitstage".

The words are data (each catalog's `recognise.durations`, :mod:`.vocabulary`): languages that write the
number and unit apart ("spaced": "3 days") and together ("joined": "3天", with their own digits and
dates that are not durations, "3月5日"). Saying a duration is the catalogs' `durations` section.

A time limit stays free text in the process file; this only finds the duration inside it, so pages
can show it consistently and review intervals can be computed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast

from process_manual.core.catalog import Catalog, catalog
from process_manual.core.vocabulary import vocabulary

Unit = Literal["minute", "hour", "day", "working_day", "week", "month", "year"]


@dataclass(frozen=True)
class Duration:
    amount: float
    unit: Unit
    before: bool = False
    """The limit counts backwards from an event ("3 days before the meeting", "提前3天")."""

    def label(self, language: str | Catalog) -> str:
        """The duration as the catalog of `language` says it: "3 working days", "3个工作日", "3 Arbeitstage"."""
        words = (language if isinstance(language, Catalog) else catalog(language)).durations
        if self.amount == 0 and self.unit == "day":
            return words.same_day
        counted = words.count(self.unit, self.amount)
        return words.text("before", duration=counted) if self.before else counted


@functools.cache
def _patterns() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    """The joined ("3个工作日") and spaced ("3 working days") forms of every catalog, and "before" anywhere."""
    words = vocabulary()

    def choice(options: Iterable[str]) -> str:
        return "|".join(sorted(map(re.escape, options), key=len, reverse=True))

    joined = spaced = anywhere = None
    if words.joined_units:
        digits = re.escape("".join([*words.joined_digits, *words.joined_tens]))
        before = f"(?P<before>{choice(words.joined_before)})?" if words.joined_before else "(?P<before>(?!))?"
        joined = re.compile(rf"{before}\s*(?P<n>\d+(?:\.\d+)?|[{digits}]+)\s*(?P<u>{choice(words.joined_units)})")
    if words.spaced_units:
        number = r"\d+(?:\.\d+)?" + (f"|{choice(words.spaced_numbers)}" if words.spaced_numbers else "")
        suffix = rf"(?P<before>\s+(?:{choice(words.spaced_before)}))?" if words.spaced_before else ""
        spaced = re.compile(
            rf"(?<![\w.])(?P<n>{number})[\s-]*(?P<u>{choice(words.spaced_units)})\b{suffix}", re.IGNORECASE
        )
    if words.before_anywhere:
        anywhere = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words.before_anywhere), re.IGNORECASE)
    return joined, spaced, anywhere


def _joined_number(text: str) -> float:
    """A number written with digits, or with the digits of a catalog ("三", "十五", "二十"; 十 = ten)."""
    if text.replace(".", "", 1).isdigit():
        return float(text)
    words = vocabulary()
    ten = next((sign for sign in words.joined_tens if sign in text), None)
    if ten is not None:
        tens, _, ones = text.partition(ten)
        return (words.joined_digits.get(tens, 1) if tens else 1) * 10 + (
            words.joined_digits.get(ones, 0) if ones else 0
        )
    value = 0
    for char in text:
        value = value * 10 + words.joined_digits.get(char, 0)
    return value


def _is_date(text: str, match: re.Match[str]) -> bool:
    """ "每月5日前" (by the 5th of each month), "3月5日", "2026年": dates, not durations (each catalog's
    `not_a_duration`)."""
    words = vocabulary()
    unit, before = match["u"], text[: match.start("n")]
    if before.endswith(words.preceded_by.get(unit, ())):
        return True
    follower = words.followed_by.get(unit)
    if follower is not None and follower.match(text, match.end()):
        return True
    return unit in words.year_words and _joined_number(match["n"]) >= 1000


def parse_duration(text: str) -> Duration | None:
    """The first duration found in `text`, or None: an idiom of any catalog, then the joined forms, then
    the spaced ones."""
    words = vocabulary()
    for idiom in words.idioms:
        if idiom.pattern.search(text):
            return Duration(idiom.amount, cast(Unit, idiom.unit))
    joined, spaced, anywhere = _patterns()
    for match in joined.finditer(text) if joined else ():
        if _is_date(text, match):
            continue
        unit = cast(Unit, words.joined_units[match["u"]])
        return Duration(_joined_number(match["n"]), unit, bool(match["before"]))
    found = spaced.search(text) if spaced else None
    if found:
        number = found["n"].lower()
        amount = float(words.spaced_numbers.get(number, 0) or number)
        before = bool(found["before"]) or bool(anywhere and anywhere.search(text))
        return Duration(amount, cast(Unit, words.spaced_units[found["u"].lower()]), before)
    return None


def add_interval(start: dt.date, interval: Duration) -> dt.date:
    """`start` plus a review interval (days, weeks, months or years; working days count as days).

    A month-end start stays within the target month (31 Jan + 1 month = 28/29 Feb). Beyond the
    calendar (year 9999) the result is `date.max`, never an exception.
    """
    whole = int(interval.amount)
    try:
        if interval.unit in ("day", "working_day"):
            return start + dt.timedelta(days=whole)
        if interval.unit == "week":
            return start + dt.timedelta(weeks=whole)
        if interval.unit not in ("month", "year"):
            return start
        months = whole * (12 if interval.unit == "year" else 1)
        month_index = start.month - 1 + months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        if year > dt.MAXYEAR:
            return dt.date.max
        day = min(start.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day)
    except OverflowError:
        return dt.date.max
