"""A key result's progress, pace and status as plain data for the templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.presentation import goal_of, latest_value, now_to_target, status_of, value_of
from bot.presentation import score as shown_score
from bot.progress import NUMERIC_KINDS, objective_progress, out_of_range, percent
from storage.models import Cycle, KeyResult, Objective


@dataclass(frozen=True)
class KeyResultLine:
    id: int
    number: int  # its place in the person's numbered list (messages refer to it by number); 0: none
    title: str
    kind: str
    value: str  # the latest value, formatted with its unit
    goal: str  # "from 0 to 1,000", "stay at or above 95%", "done or not done"
    now: str  # "now 420 → target 1,000", the one wording of where it stands (presentation)
    fraction: float
    percent: int
    overshoot: bool
    out_of_range: bool  # recorded although questioned (bot.progress.out_of_range): flagged
    expected_percent: int
    behind: bool
    divergence: str | None  # optimistic | pessimistic
    confidence: str | None
    has_value: bool = True  # a reading exists (a check-in, or today's value given at creation)
    score: str = ""  # given when its cycle was closed ("0.7"); "" until then


@dataclass(frozen=True)
class ObjectiveLine:
    id: int
    title: str
    percent: int
    fraction: float
    reflection: str = ""  # written when its cycle was closed


def describe(key_result: KeyResult, cycle: Cycle, today: date, number: int = 0) -> KeyResultLine:
    """The key result as of its latest reading, measured against the pace expected today.

    Pace and "behind" are for increases and decreases: a stay above / below is met or not, and
    a milestone done or not."""
    status = status_of(key_result, cycle, today)
    value = latest_value(key_result)
    return KeyResultLine(
        id=key_result.id,
        number=number,
        title=key_result.title,
        kind=key_result.kind,
        value=value_of(key_result, value),
        goal=goal_of(key_result),
        now=now_to_target(key_result),
        fraction=status.progress.fraction,
        percent=status.progress.percent,
        overshoot=status.progress.overshoot,
        out_of_range=value is not None
        and out_of_range(
            key_result.kind,
            key_result.start_value,
            key_result.target_value,
            value,
            percent=key_result.unit_kind == "percent",
        ),
        expected_percent=status.expected_percent,
        behind=key_result.kind in NUMERIC_KINDS and status.behind,
        divergence=status.divergence,
        confidence=status.confidence,
        has_value=value is not None,
        score="" if key_result.score is None else shown_score(key_result.score),
    )


def describe_objective(objective: Objective, lines: list[KeyResultLine]) -> ObjectiveLine:
    fraction = objective_progress(line.fraction for line in lines)
    return ObjectiveLine(
        objective.id, objective.title, percent(fraction), fraction, objective.reflection
    )
