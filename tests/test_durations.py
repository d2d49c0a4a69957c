"""Durations found in free-text time limits, in English and Chinese, and review-interval arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from process_manual.core.durations import Duration, add_interval, parse_duration


@pytest.mark.parametrize("text, amount, unit, before", [
    ("2 working days", 2, "working_day", False),
    ("1 working day", 1, "working_day", False),
    ("2 business days", 2, "working_day", False),
    ("24 hours", 24, "hour", False),
    ("48h", 48, "hour", False),
    ("30 minutes", 30, "minute", False),
    ("1.5 hours", 1.5, "hour", False),
    ("an hour", 1, "hour", False),
    ("3 days", 3, "day", False),
    ("one week", 1, "week", False),
    ("three weeks", 3, "week", False),
    ("12 months", 12, "month", False),
    ("twelve months", 12, "month", False),
    ("2 years", 2, "year", False),
    ("half a year", 6, "month", False),
    ("Within 2 working days of receipt", 2, "working_day", False),
    ("3 days before the meeting", 3, "day", True),
    ("at least 1 day in advance", 1, "day", True),
    ("same day", 0, "day", False),
    # Chinese
    ("3个工作日", 3, "working_day", False),
    ("10个工作日内", 10, "working_day", False),
    ("提前3天", 3, "day", True),
    ("提前一周", 1, "week", True),
    ("24小时", 24, "hour", False),
    ("二十四小时", 24, "hour", False),
    ("十二个月", 12, "month", False),
    ("三个月", 3, "month", False),
    ("两周", 2, "week", False),
    ("十五天", 15, "day", False),
    ("二十个工作日", 20, "working_day", False),
    ("1年", 1, "year", False),
    ("半年", 6, "month", False),
    ("半天", 0.5, "day", False),
    ("当天", 0, "day", False),
    ("每月3个工作日内", 3, "working_day", False),
    # Chinese in traditional characters (Taiwan, Hong Kong)
    ("3個工作日", 3, "working_day", False),
    ("3個工作天內", 3, "working_day", False),
    ("提前3天", 3, "day", True),
    ("24小時內", 24, "hour", False),
    ("2個小時", 2, "hour", False),
    ("30分鐘", 30, "minute", False),
    ("兩週", 2, "week", False),
    ("提前一個禮拜", 1, "week", True),
    ("十二個月", 12, "month", False),
    ("當天", 0, "day", False),
])
def test_durations_are_recognised(text, amount, unit, before):
    assert parse_duration(text) == Duration(amount, unit, before)


@pytest.mark.parametrize("text", [
    "as soon as possible",
    "no deadline",
    "before the next meeting",
    "Annual",
    "立即",
    "下班前",
    "每月5日前",          # by the 5th of each month: a date, not five days
    "2026年3月5日前提交",  # a date
    "每月5號前",          # a date, in traditional characters
    "Banana day",         # not "a day"
    "1e9 days",           # not "9 days"
    "",
])
def test_text_that_is_not_a_duration(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize("duration, en, zh", [
    (Duration(2, "working_day"), "2 working days", "2个工作日"),
    (Duration(1, "working_day"), "1 working day", "1个工作日"),
    (Duration(3, "day", before=True), "3 days before", "提前3天"),
    (Duration(1.5, "hour"), "1.5 hours", "1.5小时"),
    (Duration(0, "day"), "same day", "当天"),
    (Duration(12, "month"), "12 months", "12个月"),
])
def test_labels(duration, en, zh):
    assert duration.label("en") == en
    assert duration.label("zh-CN") == zh


@pytest.mark.parametrize("duration, hant", [
    (Duration(2, "working_day"), "2個工作日"),
    (Duration(3, "day", before=True), "提前3天"),
    (Duration(1.5, "hour"), "1.5小時"),
    (Duration(0, "day"), "當天"),
    (Duration(2, "week"), "2週"),
    (Duration(12, "month"), "12個月"),
])
def test_labels_in_traditional_characters(duration, hant):
    assert duration.label("zh-Hant") == hant


@pytest.mark.parametrize("start, interval, expected", [
    (dt.date(2026, 3, 1), Duration(12, "month"), dt.date(2027, 3, 1)),
    (dt.date(2026, 1, 31), Duration(1, "month"), dt.date(2026, 2, 28)),     # month end: the last day
    (dt.date(2028, 1, 31), Duration(1, "month"), dt.date(2028, 2, 29)),     # leap year
    (dt.date(2026, 8, 31), Duration(6, "month"), dt.date(2027, 2, 28)),
    (dt.date(2026, 3, 31), Duration(1, "month"), dt.date(2026, 4, 30)),
    (dt.date(2026, 12, 15), Duration(1, "month"), dt.date(2027, 1, 15)),   # over the year end
    (dt.date(2026, 11, 30), Duration(3, "month"), dt.date(2027, 2, 28)),
    (dt.date(2024, 2, 29), Duration(1, "year"), dt.date(2025, 2, 28)),      # 29 February + 1 year
    (dt.date(2024, 2, 29), Duration(4, "year"), dt.date(2028, 2, 29)),
    (dt.date(2026, 3, 1), Duration(2, "week"), dt.date(2026, 3, 15)),
    (dt.date(2026, 3, 1), Duration(30, "day"), dt.date(2026, 3, 31)),
    (dt.date(2026, 3, 1), Duration(5, "working_day"), dt.date(2026, 3, 6)),  # counted as days
])
def test_add_interval(start, interval, expected):
    assert add_interval(start, interval) == expected


def test_add_interval_of_hours_does_not_move_the_date():
    assert add_interval(dt.date(2026, 3, 1), Duration(24, "hour")) == dt.date(2026, 3, 1)


@pytest.mark.parametrize("interval", [Duration(99999, "year"), Duration(10**8, "day"), Duration(10**6, "week"),
                                      Duration(10**6, "month")])
def test_add_interval_beyond_the_calendar_is_date_max_not_an_exception(interval):
    assert add_interval(dt.date(2026, 3, 1), interval) == dt.date.max
