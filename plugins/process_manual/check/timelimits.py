"""Is a step's time limit (`within:`) definite? The method asks for limits that are refined and quantified
(细化、量化): a reader must be able to tell when a step is late.

A limit is definite when it holds a duration (:func:`.durations.parse_duration`: "2 working days",
"3个工作日", "提前3天") or a deadline tied to an event, a date or a calendar rhythm ("before the
meeting", "by the 15th of the month", "每周", "会前"). Anything else — "asap", "尽快", "in time" —
is vague, and the words that make it vague are named.

The words and patterns are every catalog's (`recognise.vague_time`, `recognise.deadlines`,
:mod:`.vocabulary`): a language adds its forms in its catalog file; the check itself does not change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from process_manual.core.catalog import REFERENCE, Catalog, catalog
from process_manual.core.cjk import has_cjk
from process_manual.core.durations import parse_duration
from process_manual.core.problems import Problem
from process_manual.core.vocabulary import examples, vocabulary
from process_manual.load.yamlload import Loc


@dataclass(frozen=True)
class TimeLimitVerdict:
    definite: bool
    vague_words: tuple[str, ...] = ()
    """The vague words found in the limit (for the message), in the order of the catalogs' lists."""


@functools.lru_cache(maxsize=4)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _deadline() -> re.Pattern[str]:
    return _compiled(vocabulary().deadlines)


def _contains_word(text: str, word: str) -> bool:
    if has_cjk(word):  # Chinese words stand anywhere; English ones as whole words
        return word in text
    return re.search(rf"(?<![\w.]){re.escape(word)}(?![\w])", text, re.IGNORECASE) is not None


@functools.lru_cache(maxsize=4096)
def judge_time_limit(text: str) -> TimeLimitVerdict:
    """Whether `text` states a definite time limit. Cached: a handbook repeats the same few limits."""
    if parse_duration(text) is not None:
        return TimeLimitVerdict(True)
    found = [word for word in vocabulary().vague_time if _contains_word(text, word)]
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


def check_time_limit(
    within: str, loc: Loc, problem: Callable[..., Problem], language: Catalog | None = None
) -> Iterator[Problem]:
    """The `vague-time-limit` problem of a step's `within:` at `loc`, if it is not definite. What to write
    instead is shown in English and in the handbook's `language`."""
    verdict = judge_time_limit(within)
    if verdict.definite:
        return
    fix = _what_to_write(language or catalog(REFERENCE))
    if verdict.vague_words:
        named = ", ".join(f"'{w}'" for w in verdict.vague_words)
        yield problem(
            loc, f"the time limit '{within}' is vague: {named} sets no definite time", fix, rule="vague-time-limit"
        )
    else:
        yield problem(
            loc, f"the time limit '{within}' is neither a duration nor a deadline", fix, rule="vague-time-limit"
        )


@functools.cache
def _what_to_write(language: Catalog) -> str:
    shown = [catalog(REFERENCE), language] if language.tag != REFERENCE else [language]

    def quoted(kind: str) -> str:
        return ", ".join(f"'{text}'" for words in shown for text in examples(words, kind))

    return f"write a duration ({quoted('duration')}) or a deadline tied to an event or date ({quoted('deadline')})"
