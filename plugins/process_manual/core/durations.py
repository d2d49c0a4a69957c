"""Recognise durations written in English or Chinese: "2 working days", "24 hours", "3个工作日", "提前3天".

Chinese in traditional characters too: "3個工作日", "3個工作天", "24小時", "兩週", "當天".

A time limit stays free text in the process file; this only finds the duration inside it, so pages
can show it consistently and review intervals can be computed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Unit = Literal["minute", "hour", "day", "working_day", "week", "month", "year"]

_EN_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "a": 1,
    "an": 1,
    "half a": 0.5,
}
_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_DIGITS["兩"] = 2  # traditional

_EN_UNITS: dict[str, Unit] = {
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "mins": "minute",
    "hour": "hour",
    "hours": "hour",
    "h": "hour",
    "hrs": "hour",
    "day": "day",
    "days": "day",
    "calendar day": "day",
    "calendar days": "day",
    "working day": "working_day",
    "working days": "working_day",
    "business day": "working_day",
    "business days": "working_day",
    "workday": "working_day",
    "workdays": "working_day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_ZH_UNITS: dict[str, Unit] = {
    "分钟": "minute",
    "小时": "hour",
    "个小时": "hour",
    "工作日": "working_day",
    "个工作日": "working_day",
    "天": "day",
    "日": "day",
    "周": "week",
    "个星期": "week",
    "星期": "week",
    "个月": "month",
    "月": "month",
    "年": "year",
    # traditional characters, and Taiwan's 工作天 for a working day
    "分鐘": "minute",
    "小時": "hour",
    "個小時": "hour",
    "個工作日": "working_day",
    "工作天": "working_day",
    "個工作天": "working_day",
    "週": "week",
    "個星期": "week",
    "個禮拜": "week",
    "禮拜": "week",
    "個月": "month",
}

_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
_EN = re.compile(
    rf"(?<![\w.])(?P<n>{_NUMBER})[\s-]*(?P<u>{'|'.join(sorted(map(re.escape, _EN_UNITS), key=len, reverse=True))})\b"
    r"(?P<before>\s+(?:before|in advance|ahead|prior))?",
    re.IGNORECASE,
)
_ZH = re.compile(
    rf"(?P<before>提前)?\s*(?P<n>\d+(?:\.\d+)?|[{''.join(_ZH_DIGITS)}十]+)\s*"
    rf"(?P<u>{'|'.join(sorted(_ZH_UNITS, key=len, reverse=True))})"
)


@dataclass(frozen=True)
class Duration:
    amount: float
    unit: Unit
    before: bool = False
    """The limit counts backwards from an event ("3 days before the meeting", "提前3天")."""

    def label(self, language: str) -> str:
        amount = int(self.amount) if self.amount == int(self.amount) else self.amount
        if amount == 0 and self.unit == "day":
            return ("當天" if language == "zh-Hant" else "当天") if language.startswith("zh") else "same day"
        if language == "zh-Hant":
            unit = {
                "minute": "分鐘",
                "hour": "小時",
                "day": "天",
                "working_day": "個工作日",
                "week": "週",
                "month": "個月",
                "year": "年",
            }[self.unit]
            return f"{'提前' if self.before else ''}{amount}{unit}"
        if language.startswith("zh"):
            unit = {
                "minute": "分钟",
                "hour": "小时",
                "day": "天",
                "working_day": "个工作日",
                "week": "周",
                "month": "个月",
                "year": "年",
            }[self.unit]
            return f"{'提前' if self.before else ''}{amount}{unit}"
        unit = self.unit.replace("_", " ") + ("" if amount == 1 else "s")
        return f"{amount} {unit}{' before' if self.before else ''}"


def _zh_number(text: str) -> float:
    if text.replace(".", "", 1).isdigit():
        return float(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + _ZH_DIGITS[char]
    return value


_IDIOMS: list[tuple[re.Pattern[str], Duration]] = [
    (re.compile(r"半年"), Duration(6, "month")),
    (re.compile(r"半天"), Duration(0.5, "day")),
    (re.compile(r"当天|当日|當天|當日|same[ -]day", re.I), Duration(0, "day")),
    (re.compile(r"\bhalf a year\b", re.I), Duration(6, "month")),
]


_DAY_OF_MONTH = re.compile(r"\s*(?:\d+|[一二三四五六七八九十]+)\s*[日号號]")


def _is_date(text: str, match: re.Match[str]) -> bool:
    """ "每月5日前" (by the 5th of each month), "3月5日", "2026年": dates, not durations."""
    unit, before = match["u"], text[: match.start("n")]
    if unit in ("日", "天") and before.endswith(("月", "年")):
        return True
    if unit == "月" and (before.endswith("年") or _DAY_OF_MONTH.match(text, match.end())):
        return True
    return unit == "年" and _zh_number(match["n"]) >= 1000


def parse_duration(text: str) -> Duration | None:
    """The first duration found in `text`, or None."""
    for pattern, duration in _IDIOMS:
        if pattern.search(text):
            return duration
    for match in _ZH.finditer(text):
        if _is_date(text, match):
            continue
        return Duration(_zh_number(match["n"]), _ZH_UNITS[match["u"]], bool(match["before"]))
    english = _EN.search(text)
    if english:
        match = english
        number = match["n"].lower()
        amount = float(_EN_NUMBERS.get(number, 0) or number)
        before = bool(match["before"]) or bool(re.search(r"\bin advance\b|\bbefore\b|\bahead\b", text, re.I))
        return Duration(amount, _EN_UNITS[match["u"].lower()], before)
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
