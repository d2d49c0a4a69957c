"""Time limits written in traditional characters are judged like the simplified ones: vague words named,
durations and deadlines definite (timelimits.py, ZH_HANT_DEADLINES and VAGUE_TIME_WORDS)."""

from __future__ import annotations

import pytest

from process_manual.check.timelimits import judge_time_limit


@pytest.mark.parametrize(("limit", "vague"), [("盡快", ("盡快",)), ("及時處理", ("及時",)), ("儘快完成", ("儘快",)),
                                              ("第一時間回覆", ("第一時間",))])
def test_vague_traditional_limits_are_named(limit: str, vague: tuple[str, ...]) -> None:
    verdict = judge_time_limit(limit)
    assert not verdict.definite and verdict.vague_words == vague


@pytest.mark.parametrize("limit", ["3個工作日", "提前3天", "每週一", "會前", "當天", "每個月5日前", "下午5點前",
                                   "按合同約定的日期"])
def test_traditional_durations_and_deadlines_are_definite(limit: str) -> None:
    assert judge_time_limit(limit).definite, limit
