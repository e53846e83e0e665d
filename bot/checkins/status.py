"""A key result's progress, pace and status as plain data for the templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.presentation import goal_of, status_of, value_of
from bot.progress import far_past_target, objective_progress, percent
from storage.models import Cycle, KeyResult, Objective


@dataclass(frozen=True)
class KeyResultLine:
    id: int
    number: int  # its place in the person's numbered list (messages refer to it by number)
    title: str
    kind: str
    value: str  # the latest value, formatted with its unit
    goal: str  # "from 0 to 1,000", "stay at or above 95%", "done or not done"
    fraction: float
    percent: int
    overshoot: bool
    far_past: bool  # likely a typo: flagged, never refused
    expected_percent: int
    behind: bool
    divergence: str | None  # optimistic | pessimistic
    confidence: str | None


@dataclass(frozen=True)
class ObjectiveLine:
    id: int
    title: str
    percent: int
    fraction: float


def describe(key_result: KeyResult, cycle: Cycle, today: date, number: int = 0) -> KeyResultLine:
    """The key result as of its latest check-in, measured against the pace expected today."""
    status = status_of(key_result, cycle, today)
    value = key_result.current_value
    return KeyResultLine(
        id=key_result.id,
        number=number,
        title=key_result.title,
        kind=key_result.kind,
        value=value_of(key_result, value),
        goal=goal_of(key_result),
        fraction=status.progress.fraction,
        percent=status.progress.percent,
        overshoot=status.progress.overshoot,
        far_past=value is not None
        and far_past_target(
            key_result.kind, key_result.start_value, key_result.target_value, value
        ),
        expected_percent=status.expected_percent,
        behind=status.behind,
        divergence=status.divergence,
        confidence=status.confidence,
    )


def describe_objective(objective: Objective, lines: list[KeyResultLine]) -> ObjectiveLine:
    fraction = objective_progress(line.fraction for line in lines)
    return ObjectiveLine(objective.id, objective.title, percent(fraction), fraction)
