"""What a chart draws, as plain frozen data: all that crosses to the drawing process
(bot/charts/worker.py), so it is picklable and imports nothing heavy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Reading:
    on: date
    value: float
    confidence: str | None


@dataclass(frozen=True)
class KeyResultSeries:
    """What a key result's chart draws: its readings against the target and the pace."""

    title: str
    starts_on: date
    due_on: date
    start: float | None
    target: float | None
    paced: bool  # an increase or decrease: a straight line from start to target shows the pace
    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class ProgressLine:
    title: str
    points: tuple[tuple[date, int], ...]  # (effective day, percent of the way to the target)


@dataclass(frozen=True)
class ObjectiveSeries:
    """What an objective's chart draws: one line of progress per key result."""

    title: str
    starts_on: date
    ends_on: date
    lines: tuple[ProgressLine, ...]
