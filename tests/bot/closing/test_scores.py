"""Scores' first guesses and checks, and which key results a carried objective takes along."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import presentation
from bot.closing import scores
from storage.models import KeyResult

NOW = datetime(2026, 12, 20, tzinfo=UTC)


def kr(
    kind: str = "increase", start: float | None = 0, target: float | None = 100, **more: object
) -> KeyResult:
    return KeyResult(kind=kind, start_value=start, target_value=target, **more)


@pytest.mark.parametrize(
    ("fraction", "score"),
    [(0.0, 0.0), (0.04, 0.0), (0.05, 0.1), (0.64, 0.6), (0.65, 0.7), (0.7, 0.7), (1.0, 1.0)],
)
def test_the_first_guess_is_progress_rounded_half_up_to_a_tenth(
    fraction: float, score: float
) -> None:
    assert scores.suggested(fraction) == score


def test_the_first_guess_is_the_score_given_before_else_progress() -> None:
    assert scores.first_guess(kr(current_value=68)) == 0.7
    assert scores.first_guess(kr(current_value=68, score=0.4)) == 0.4
    assert scores.first_guess(kr(current_value=250)) == 1.0  # past the target: 1.0, not more
    assert scores.first_guess(kr("milestone", None, None, current_value=1)) == 1.0
    assert scores.first_guess(kr("decrease", 8, 4, current_value=7)) == 0.3


@pytest.mark.parametrize(
    ("typed", "score"),
    [("0.7", 0.7), (".7", 0.7), ("0,7", 0.7), (" 1 ", 1.0), ("0", 0.0), ("0.755", 0.76)],
)
def test_a_typed_score_is_read(typed: str, score: float) -> None:
    assert scores.parsed(typed) == score


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("", "Give a score"),
        ("   ", "Give a score"),
        ("good", "is not a score"),
        ("70%", "is not a score"),
        ("1.1", "from 0.0"),
        ("-0.1", "from 0.0"),
        ("nan", "from 0.0"),
        ("inf", "from 0.0"),
    ],
)
def test_a_score_outside_0_to_1_or_not_a_number_says_what_to_type(typed: str, said: str) -> None:
    problem = scores.parsed(typed)
    assert isinstance(problem, str) and said in problem


@pytest.mark.parametrize(
    ("score", "text"), [(0.7, "0.7"), (1.0, "1.0"), (0.0, "0.0"), (0.75, "0.75")]
)
def test_a_score_is_shown_as_people_write_it(score: float, text: str) -> None:
    assert presentation.score(score) == text


def test_unfinished_key_results_are_those_short_of_their_target() -> None:
    assert scores.unfinished(kr(current_value=99))
    assert scores.unfinished(kr())  # never checked in: at its start
    assert not scores.unfinished(kr(current_value=100))
    assert not scores.unfinished(kr(current_value=130))
    assert scores.unfinished(kr("milestone", None, None))
    assert not scores.unfinished(kr("milestone", None, None, current_value=1))
    assert scores.unfinished(kr("stay_above", None, 95, current_value=90))
    assert not scores.unfinished(kr("stay_above", None, 95, current_value=97))


def test_a_carried_key_result_starts_from_its_last_value() -> None:
    assert scores.carried_start(kr(start=20, current_value=35)) == 35
    assert scores.carried_start(kr(start=20)) == 20  # no check-in: where it started
    assert scores.carried_start(kr("decrease", 8, 4, current_value=6)) == 6
    assert scores.carried_start(kr("milestone", None, None)) is None
