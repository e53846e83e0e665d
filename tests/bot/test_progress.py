"""Property tests for progress, pace and status."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.progress import (
    BACK_ON_TRACK_AFTER,
    FAR_OUT,
    KINDS,
    TREND_LEVELS,
    back_on_track,
    divergence,
    expected_progress,
    is_behind,
    key_result_progress,
    key_result_status,
    objective_progress,
    out_of_range,
    trend,
)

values = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
fractions = st.floats(min_value=0, max_value=1)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(values, values, values)
def test_increase_and_decrease_share_the_formula(start: float, target: float, now: float) -> None:
    assume(abs(target - start) > 1e-6)
    for kind in ("increase", "decrease"):
        p = key_result_progress(kind, start, target, now)
        assert 0 <= p.fraction <= 1
        assert p.raw == pytest.approx((now - start) / (target - start))
        assert p.overshoot == (p.raw > 1)


@given(values, values)
def test_start_is_zero_and_target_is_full(start: float, target: float) -> None:
    assume(abs(target - start) > 1e-6)
    assert key_result_progress("increase", start, target, start).fraction == 0
    assert key_result_progress("increase", start, target, target).fraction == pytest.approx(1)
    assert key_result_progress("increase", start, target, None).fraction == 0


@given(values, values, values, values)
def test_moving_towards_the_target_never_loses_progress(
    start: float, target: float, a: float, b: float
) -> None:
    assume(abs(target - start) > 1e-6)
    nearer, farther = sorted((a, b), key=lambda v: abs(target - v))
    assume(min(start, target) <= nearer <= max(start, target))
    assume(min(start, target) <= farther <= max(start, target))
    p_near = key_result_progress("decrease", start, target, nearer).fraction
    p_far = key_result_progress("decrease", start, target, farther).fraction
    assert p_near >= p_far - 1e-9


def test_decrease_example_and_overshoot() -> None:
    p = key_result_progress("decrease", 40, 20, 30)
    assert p.percent == 50
    over = key_result_progress("increase", 0, 100, 130)
    assert (over.percent, over.overshoot) == (100, True)
    wrong_way = key_result_progress("increase", 100, 200, 50)
    assert (wrong_way.fraction, wrong_way.raw) == (0.0, -0.5)


@given(values, values)
def test_stay_above_and_below_are_met_or_not(threshold: float, now: float) -> None:
    above = key_result_progress("stay_above", None, threshold, now).fraction
    below = key_result_progress("stay_below", None, threshold, now).fraction
    assert above == (1.0 if now >= threshold else 0.0)
    assert below == (1.0 if now <= threshold else 0.0)
    assert key_result_progress("stay_above", None, threshold, None).fraction == 0


@given(st.one_of(st.none(), st.sampled_from([0.0, 1.0])))
def test_milestone_is_all_or_nothing(now: float | None) -> None:
    assert key_result_progress("milestone", 0, 1, now).fraction == (1.0 if now == 1 else 0.0)


@given(st.lists(fractions, min_size=1, max_size=5))
def test_objective_progress_is_the_mean(parts: list[float]) -> None:
    mean = objective_progress(parts)
    assert min(parts) - 1e-9 <= mean <= max(parts) + 1e-9
    assert mean == pytest.approx(sum(parts) / len(parts))
    assert objective_progress([]) == 0


@given(days, st.integers(min_value=1, max_value=400), st.integers(min_value=-50, max_value=500))
def test_pace_is_a_straight_line_to_the_due_date(start: date, length: int, offset: int) -> None:
    due = start + timedelta(days=length)
    today = start + timedelta(days=offset)
    pace = expected_progress("increase", start, due, today)
    assert 0 <= pace <= 1
    if 0 <= offset <= length:
        assert pace == pytest.approx(offset / length)
    later = expected_progress("increase", start, due, today + timedelta(days=1))
    assert later >= pace
    assert expected_progress("stay_below", start, due, today) == 1


@given(fractions, fractions)
def test_behind_means_more_than_ten_points_under_pace(progress: float, pace: float) -> None:
    assert is_behind(progress, pace) == ((pace - progress) * 100 > 10)


@given(fractions, fractions)
def test_divergence_flags_confidence_the_numbers_contradict(progress: float, pace: float) -> None:
    gap = (pace - progress) * 100
    assert (divergence("on_track", progress, pace) == "optimistic") == (gap > 20)
    assert (divergence("off_track", progress, pace) == "pessimistic") == (gap < -20)
    assert divergence("at_risk", progress, pace) is None
    assert divergence(None, progress, pace) is None


def test_divergence_examples() -> None:
    assert divergence("on_track", 0.2, 0.5) == "optimistic"
    assert divergence("on_track", 0.35, 0.5) is None
    assert divergence("off_track", 0.9, 0.5) == "pessimistic"


@given(
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=-1e7, max_value=1e7),
)
def test_out_of_range_beyond_the_distance_either_way(
    start: float, target: float, value: float
) -> None:
    """Failed before for a value far back past the start: only "far past the target" counted."""
    assume(abs(target - start) > 1e-6)
    raw = (value - start) / (target - start)
    for kind in ("increase", "decrease"):
        assert out_of_range(kind, start, target, value) == (raw > 1 + FAR_OUT or raw < -FAR_OUT)
    assert not out_of_range("increase", start, target, target)
    assert not out_of_range("milestone", 0, 1, value)
    assert not out_of_range("stay_above", None, target, value)


def test_out_of_range_examples() -> None:
    assert out_of_range("increase", 0, 100, 1000)
    assert not out_of_range("increase", 0, 100, 180)
    assert out_of_range("decrease", 40, 20, -30)
    assert out_of_range("decrease", 40, 20, 400)  # far back past the start: the wrong way
    assert out_of_range("increase", 200, 300, 50)
    assert not out_of_range("decrease", 40, 20, 45)
    # Trial churn 8 % → 4 %: 430 % is both far the wrong way and past 100 %.
    assert out_of_range("decrease", 8, 4, 430, percent=True)
    assert out_of_range("stay_above", None, 95, 101, percent=True)
    assert not out_of_range("stay_above", None, 95, 99.9, percent=True)
    assert not out_of_range("increase", 100, 120, 125, percent=True)  # its own numbers pass 100


@given(st.lists(st.floats(min_value=-10, max_value=10, allow_nan=False), max_size=30))
def test_trend_has_one_level_per_check_in_and_follows_progress(parts: list[float]) -> None:
    line = trend(parts)
    assert len(line) == len(parts)
    assert set(line) <= set(TREND_LEVELS)
    levels = [TREND_LEVELS.index(c) for c in line]
    for (a, level_a), (b, level_b) in pairwise(zip(parts, levels, strict=True)):
        if a <= b:
            assert level_a <= level_b
    assert all(level == 0 for p, level in zip(parts, levels, strict=True) if p <= 0)
    assert all(level == 7 for p, level in zip(parts, levels, strict=True) if p >= 1)


def test_trend_example() -> None:
    assert trend([0, 0.15, 0.45, 0.75, 1.3]) == "▁▂▄▆█"


@given(
    st.sampled_from(KINDS),
    values,
    values,
    st.one_of(st.none(), values),
    st.sampled_from([None, "on_track", "at_risk", "off_track"]),
    days,
    st.integers(min_value=1, max_value=200),
    st.integers(min_value=-30, max_value=230),
)
def test_status_combines_progress_pace_and_confidence(
    kind: str,
    start: float,
    target: float,
    current: float | None,
    confidence: str | None,
    starts_on: date,
    length: int,
    offset: int,
) -> None:
    due_on = starts_on + timedelta(days=length)
    today = starts_on + timedelta(days=offset)
    status = key_result_status(
        kind, start, target, current, confidence, starts_on=starts_on, due_on=due_on, today=today
    )
    progress = key_result_progress(kind, start, target, current)
    expected = expected_progress(kind, starts_on, due_on, today)
    assert status.progress == progress
    assert status.expected == expected
    assert status.confidence == confidence
    assert status.behind == is_behind(progress.fraction, expected)
    assert status.divergence == divergence(confidence, progress.fraction, expected)
    assert 0 <= status.expected_percent <= 100


@pytest.mark.parametrize(
    ("confidences", "back"),
    [
        (["at_risk", "off_track", "on_track"], True),
        (["off_track", "off_track", "at_risk", "on_track"], True),
        (["on_track", "at_risk", "at_risk", "on_track"], True),
        (["at_risk", "on_track"], False),  # one check-in at risk is not enough
        (["at_risk", "on_track", "off_track", "on_track"], False),  # not in a row
        (["at_risk", "off_track", "on_track", "on_track"], False),  # said once, at the return
        (["at_risk", "off_track", "at_risk"], False),  # not back yet
        (["on_track", "on_track", "on_track"], False),  # never away
        ([], False),
    ],
)
def test_back_on_track_after_two_or_more_check_ins_at_risk_or_off_track(
    confidences: list[str], back: bool
) -> None:
    assert BACK_ON_TRACK_AFTER == 2
    assert back_on_track(confidences) is back


@given(st.lists(st.sampled_from(["on_track", "at_risk", "off_track"])))
def test_back_on_track_only_when_the_latest_is_on_track(confidences: list[str]) -> None:
    if back_on_track(confidences):
        assert confidences[-1] == "on_track"
        assert "on_track" not in confidences[-3:-1]
