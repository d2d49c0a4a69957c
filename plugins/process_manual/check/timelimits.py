"""Is a step's time limit (`within:`) definite? The seeds ask for limits that are refined and quantified
(细化、量化): a reader must be able to tell when a step is late.

A limit is definite when it holds a duration (:func:`.durations.parse_duration`: "2 working days",
"3个工作日", "提前3天") or a deadline tied to an event, a date or a calendar rhythm ("before the
meeting", "by the 15th of the month", "每周", "会前"). Anything else — "asap", "尽快", "in time" —
is vague, and the words that make it vague are named.

Languages add their forms by extending the tables below (one regular expression or word per entry);
the check itself does not change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from process_manual.core.cjk import has_cjk
from process_manual.core.durations import parse_duration
from process_manual.core.problems import Problem
from process_manual.load.yamlload import Loc

_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"

EN_DEADLINES: list[str] = [
    # "before the meeting", "prior to delivery", "no later than the audit", "until the order arrives"
    r"\b(?:before|prior to|ahead of|no later than|not later than|until|till)\b\s+\w",
    # "by the 15th of the month", "by Friday", "by 17:00", "by the date promised", "by end of day"
    rf"\bby\s+(?:the\s+)?(?:\d|end\b|close\b|noon\b|midnight\b|date\b|deadline\b|day\b|next\b|{_WEEKDAYS}\b)",
    # "at the meeting", "during the handover", "on the day of the audit", "at the start of the shift"
    r"\b(?:at|during|on|in)\s+the\s+(?!latest\b|earliest\b|near\b|future\b|meantime\b|soonest\b)\w+",
    # "end of the month", "close of business"
    r"\b(?:end|close|start|beginning) of (?:the\s+)?(?:day|week|month|quarter|year|business|shift|meeting|sprint)\b",
    # calendar rhythms: "weekly", "every Monday", "each month"
    r"\b(?:hourly|daily|weekly|fortnightly|biweekly|monthly|quarterly|yearly|annually)\b",
    r"\b(?:every|each)\s+\w",
    # a date or a clock time: "2026-03-31", "17:00", "5 pm"
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2}[:.]\d{2}\b",
    r"\b\d{1,2}\s*(?:am|pm)\b",
]
ZH_DEADLINES: list[str] = [
    r"(?<=.)[前内]$|之前|以前|之内|以内|为止|截止|截至",  # "会前", "发货前", "下班之前", "每月5日前"
    r"每(?:个)?(?:天|日|周|星期|礼拜|月|季度?|年|半年|班|次)",  # "每周", "每季度"
    r"[月年周季]底|[月年周季]末|月初|年初|周初|季初",  # "月底", "年末"
    r"\d+\s*[日号]|[一二三四五六七八九十]+\s*[日号]",  # "15日", "十五号"
    r"(?:周|星期|礼拜)[一二三四五六日天]",  # "周五"
    r"\d{1,2}\s*[:：点时]",  # "17:00", "下午5点"
    r"当[天日场次班]|即日",  # "当天" (also a duration idiom)
    r"会[前上后中]|会议[前上后中期]",  # "会上", "会议期间"
    r"按.{0,12}?(?:时限|期限|日期|时间|节点|计划)",  # "按承诺时限", "按合同约定的日期"
]
ZH_HANT_DEADLINES: list[str] = [  # the forms written in traditional characters (examples/zh-hant, seed 003)
    r"每(?:個)?(?:天|日|週|周|星期|禮拜|月|季度?|年|半年|班|次)",  # "每週", "每個月"
    r"[月年週季]底|週末|週初",  # "週底"
    r"(?:週|星期|禮拜)[一二三四五六日天]",  # "週五"
    r"\d{1,2}\s*[點時]",  # "下午5點"
    r"當[天日場次班]",  # "當天"
    r"會[前上後中]|會議[前上後中期]",  # "會前", "會議期間"
    r"按.{0,12}?(?:時限|期限|日期|時間|節點|計畫|計劃)",  # "按承諾時限"
]
DEADLINE_PATTERNS: list[str] = EN_DEADLINES + ZH_DEADLINES + ZH_HANT_DEADLINES
"""Every pattern that marks a deadline; add a language's forms here (or to its list above)."""

VAGUE_TIME_WORDS: list[str] = [
    "as soon as possible",
    "asap",
    "a.s.a.p.",
    "promptly",
    "immediately",
    "in time",
    "in a timely manner",
    "timely",
    "right away",
    "at once",
    "without delay",
    "quickly",
    "soon",
    "urgently",
    "when possible",
    "as needed",
    "as required",
    "in due course",
    "in the near future",
    "shortly",
    "when convenient",
    "at the earliest opportunity",
    "尽快",
    "尽早",
    "及时",
    "马上",
    "立即",
    "立刻",
    "随时",
    "适时",
    "从速",
    "第一时间",
    "近期",
    "适当时候",
    "盡快",
    "儘快",
    "盡早",
    "儘早",
    "及時",
    "馬上",
    "立刻",
    "隨時",
    "適時",
    "第一時間",
    "適當時候",
]
"""Words that make a time limit vague; named in the message when a limit contains one."""


@dataclass(frozen=True)
class TimeLimitVerdict:
    definite: bool
    vague_words: tuple[str, ...] = ()
    """The vague words found in the limit (for the message), in the order of VAGUE_TIME_WORDS."""


@functools.lru_cache(maxsize=4)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _deadline() -> re.Pattern[str]:
    return _compiled(tuple(DEADLINE_PATTERNS))


def _contains_word(text: str, word: str) -> bool:
    if has_cjk(word):  # Chinese words stand anywhere; English ones as whole words
        return word in text
    return re.search(rf"(?<![\w.]){re.escape(word)}(?![\w])", text, re.IGNORECASE) is not None


@functools.lru_cache(maxsize=4096)
def judge_time_limit(text: str) -> TimeLimitVerdict:
    """Whether `text` states a definite time limit. Cached: a handbook repeats the same few limits."""
    if parse_duration(text) is not None:
        return TimeLimitVerdict(True)
    found = [word for word in VAGUE_TIME_WORDS if _contains_word(text, word)]
    # A deadline beside a vague word still counts ("asap, before the meeting"), but the vague word itself
    # is no event: "第一时间内" is as vague as "第一时间".
    rest = text
    for word in sorted(found, key=len, reverse=True):
        rest = re.sub(re.escape(word), " ", rest, flags=re.IGNORECASE)
    if _deadline().search(rest.strip()):
        return TimeLimitVerdict(True)
    # "as soon as possible" also contains "soon": name only the longest of overlapping words
    found = [w for w in found if not any(w != other and w.casefold() in other.casefold() for other in found)]
    return TimeLimitVerdict(False, tuple(found))


def check_time_limit(within: str, loc: Loc, problem: Callable[..., Problem]) -> Iterator[Problem]:
    """The `vague-time-limit` problem of a step's `within:` at `loc`, if it is not definite."""
    verdict = judge_time_limit(within)
    if verdict.definite:
        return
    fix = (
        "write a duration ('2 working days', '3个工作日') or a deadline tied to an event or date ('before the "
        "meeting', 'by the 15th of the month', '提前3天', '每周')"
    )
    if verdict.vague_words:
        named = ", ".join(f"'{w}'" for w in verdict.vague_words)
        yield problem(
            loc, f"the time limit '{within}' is vague: {named} sets no definite time", fix, rule="vague-time-limit"
        )
    else:
        yield problem(
            loc, f"the time limit '{within}' is neither a duration nor a deadline", fix, rule="vague-time-limit"
        )
