"""Which milestones a change of progress crosses, for every kind of key result."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.celebrations.crossing import (
    Crossing,
    Reading,
    crossed,
    key_result_crossed,
    most_worth_telling,
    objective_completed,
)

HALVES = (50, 100)
QUARTERS = (25, 50, 75, 100)


@pytest.mark.parametrize(
    ("before", "after", "milestones", "expected"),
    [
        (0.40, 0.55, HALVES, [50]),
        (0.55, 0.45, HALVES, []),  # a dip crosses nothing
        (0.45, 0.60, HALVES, [50]),  # crossed again: the stored row makes it once
        (0.40, 0.50, HALVES, [50]),  # onto the milestone counts
        (0.50, 0.60, HALVES, []),  # from it does not
        (0.10, 1.00, QUARTERS, [25, 50, 75, 100]),  # several at once: all of them
        (0.60, 0.60, HALVES, []),
        (0.99, 1.00, (), []),
    ],
)
def test_crossed(
    before: float, after: float, milestones: tuple[int, ...], expected: list[int]
) -> None:
    assert crossed(milestones, before, after) == expected


def test_float_noise_does_not_keep_a_key_result_short_of_its_milestone() -> None:
    # 20 → 40, now at 30: exactly halfway, however the division rounds.
    nps = ("increase", 20.0, 40.0)
    share = ("increase", 0.0, 1.0)
    assert key_result_crossed(HALVES, Reading(*nps, 29), Reading(*nps, 30)) == [50]
    assert key_result_crossed((30,), Reading(*share, 0.1), Reading(*share, 0.1 + 0.2)) == [30]


def test_a_decrease_crosses_as_it_goes_down() -> None:
    churn = ("decrease", 8.0, 4.0)
    assert key_result_crossed(HALVES, Reading(*churn, 7), Reading(*churn, 6)) == [50]
    assert key_result_crossed(HALVES, Reading(*churn, 6), Reading(*churn, 7)) == []
    assert key_result_crossed(HALVES, Reading(*churn, 5), Reading(*churn, 3)) == [100]  # past it


def test_a_milestone_key_result_crosses_every_milestone_when_done() -> None:
    before, done = Reading("milestone", None, None, 0), Reading("milestone", None, None, 1)
    never = Reading("milestone", None, None, None)
    assert key_result_crossed(QUARTERS, never, done) == [
        25,
        50,
        75,
        100,
    ]
    assert key_result_crossed(QUARTERS, before, done) == [25, 50, 75, 100]
    assert key_result_crossed(QUARTERS, done, before) == []


@pytest.mark.parametrize("kind", ["stay_above", "stay_below"])
def test_stay_above_and_below_cross_everything_when_met_and_nothing_while_held(kind: str) -> None:
    met, missed = (95, 85) if kind == "stay_above" else (85, 95)
    held = Reading(kind, None, 90, met)
    assert key_result_crossed(HALVES, Reading(kind, None, 90, missed), held) == [50, 100]
    assert key_result_crossed(HALVES, Reading(kind, None, 90, None), held) == [50, 100]
    assert key_result_crossed(HALVES, held, Reading(kind, None, 90, met)) == []
    assert key_result_crossed(HALVES, held, Reading(kind, None, 90, missed)) == []


def test_an_objective_is_completed_once_every_key_result_is_done() -> None:
    assert objective_completed([1.0, 0.8], [1.0, 1.0])
    assert not objective_completed([1.0, 1.0], [1.0, 1.0])  # it was done already
    assert not objective_completed([0.8, 0.8], [1.0, 0.9])
    assert not objective_completed([], [])


def test_the_shout_out_tells_a_completed_objective_else_the_highest_milestone() -> None:
    half, whole = Crossing(1, 50), Crossing(2, 100)
    done = Crossing(3, 100, objective_done=True)
    assert most_worth_telling([half, whole]) == whole
    assert most_worth_telling([half, done, whole]) == done
    assert most_worth_telling([Crossing(4, 50), half]) == Crossing(4, 50), "the first of equals"
    assert most_worth_telling([]) is None


@given(
    st.lists(st.integers(1, 100), max_size=6),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_going_up_in_two_steps_crosses_what_one_step_does(
    milestones: list[int], a: float, b: float, c: float
) -> None:
    low, mid, high = sorted([a, b, c])
    assert crossed(milestones, low, mid) + crossed(milestones, mid, high) == crossed(
        milestones, low, high
    )
