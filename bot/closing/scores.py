"""Scores and the carry-over rule: pure functions, no I/O."""

from __future__ import annotations

import math

from bot.presentation import latest_value
from bot.progress import key_result_progress
from storage.models import KeyResult

# The usual "good" score of an ambitious key result: hitting every one means aiming too low.
GOOD_SCORE = 0.7
HINT = "From 0.0 to 1.0. For an ambitious key result, 0.7 is usually a good score."


def suggested(fraction: float) -> float:
    """A key result's progress rounded to the nearest 0.1 (half up): the score's first guess."""
    clamped = min(max(fraction, 0.0), 1.0)
    return math.floor(clamped * 10 + 0.5) / 10


def first_guess(key_result: KeyResult) -> float:
    """The score a form starts from: the one given before, else its progress rounded."""
    if key_result.score is not None:
        return key_result.score
    return suggested(progress_of(key_result))


def progress_of(key_result: KeyResult) -> float:
    kr = key_result
    return key_result_progress(kr.kind, kr.start_value, kr.target_value, latest_value(kr)).fraction


def parsed(text: str) -> float | str:
    """A typed score (`0.7`, `.7`, `0,7`, `1`) rounded to two decimals, or what is wrong."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return "Give a score from 0.0 to 1.0, like 0.7."
    try:
        value = float(cleaned)
    except ValueError:
        return f"“{cleaned[:20]}” is not a score: type a number from 0.0 to 1.0, like 0.7."
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        return "A score goes from 0.0 (nothing achieved) to 1.0 (fully achieved), like 0.7."
    return round(value, 2)


def unfinished(key_result: KeyResult) -> bool:
    """Carried over to the next cycle: short of its target (progress under 100 %)."""
    return progress_of(key_result) < 1.0


def carried_start(key_result: KeyResult) -> float | None:
    """Where its copy starts: its last value (a milestone starts not done)."""
    if key_result.kind == "milestone":
        return None
    return latest_value(key_result)
