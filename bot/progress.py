"""Progress, pace and status of key results: pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

KINDS = ("increase", "decrease", "stay_above", "stay_below", "milestone")
NUMERIC_KINDS = ("increase", "decrease")
CONFIDENCES = ("on_track", "at_risk", "off_track")
BEHIND_POINTS = 10
DIVERGENCE_POINTS = 20
# A value more than the whole start → target distance beyond either end of it (past the target,
# or back past the start) is more often a typo (an extra zero, a wrong line) than news: it is
# questioned before it is recorded, and flagged once it is.
FAR_OUT = 1.0
TREND_LEVELS = "▁▂▃▄▅▆▇█"


def percent(fraction: float) -> int:
    """A 0..1 fraction as the whole percent people read."""
    return round(fraction * 100)


@dataclass(frozen=True)
class Progress:
    fraction: float  # what is shown, clamped to 0..1
    raw: float  # unclamped: above 1 is overshoot, below 0 went the wrong way

    @property
    def overshoot(self) -> bool:
        return self.raw > 1

    @property
    def percent(self) -> int:
        return percent(self.fraction)


def key_result_progress(
    kind: str, start: float | None, target: float | None, current: float | None
) -> Progress:
    """(current − start) / (target − start) for increase and decrease; met or not otherwise."""
    if kind in NUMERIC_KINDS:
        if start is None or target is None or target == start:
            return Progress(0.0, 0.0)
        value = start if current is None else current
        raw = (value - start) / (target - start)
        return Progress(min(max(raw, 0.0), 1.0), raw)
    if kind == "milestone":
        done = current is not None and current >= 1
        return Progress(float(done), float(done))
    if current is None or target is None:
        return Progress(0.0, 0.0)
    met = current >= target if kind == "stay_above" else current <= target
    return Progress(float(met), float(met))


def objective_progress(fractions: Iterable[float]) -> float:
    """The mean of its key results' shown progress; 0 without key results."""
    values = list(fractions)
    return sum(values) / len(values) if values else 0.0


def expected_progress(kind: str, starts_on: date, due_on: date, today: date) -> float:
    """Pace: a straight line from 0 at the cycle's start to 1 at the due date.

    A *stay above/below* key result is expected to hold all along.
    """
    if kind in {"stay_above", "stay_below"}:
        return 1.0
    if today >= due_on:
        return 1.0
    if today <= starts_on:
        return 0.0
    return (today - starts_on).days / (due_on - starts_on).days


def points_behind(fraction: float, expected: float) -> float:
    """How many percentage points under pace (negative when ahead)."""
    return (expected - fraction) * 100


def is_behind(fraction: float, expected: float) -> bool:
    return points_behind(fraction, expected) > BEHIND_POINTS


def divergence(confidence: str | None, fraction: float, expected: float) -> str | None:
    """Flag a confidence that the numbers contradict by more than 20 points.

    "optimistic": on track, yet more than 20 points behind pace;
    "pessimistic": off track, yet more than 20 points ahead of pace.
    """
    behind = points_behind(fraction, expected)
    if confidence == "on_track" and behind > DIVERGENCE_POINTS:
        return "optimistic"
    if confidence == "off_track" and -behind > DIVERGENCE_POINTS:
        return "pessimistic"
    return None


def out_of_range(
    kind: str, start: float | None, target: float | None, value: float, *, percent: bool = False
) -> bool:
    """The one rule for a value to question: an increase or decrease more than the whole
    start → target distance past the target or back past the start; or a percentage outside
    0–100 when the key result's own numbers are inside it (any kind)."""
    own = [v for v in (start, target) if v is not None]
    if percent and (
        (value > 100 and all(v <= 100 for v in own)) or (value < 0 and all(v >= 0 for v in own))
    ):
        return True
    if kind not in NUMERIC_KINDS:
        return False
    raw = key_result_progress(kind, start, target, value).raw
    return raw > 1 + FAR_OUT or raw < -FAR_OUT


def trend(fractions: Iterable[float]) -> str:
    """A compact text trend, one character per check-in: ▁ is 0 %, █ is 100 % or more."""
    top = len(TREND_LEVELS) - 1
    return "".join(TREND_LEVELS[round(min(max(f, 0.0), 1.0) * top)] for f in fractions)


@dataclass(frozen=True)
class Status:
    """What a key result's line shows: progress, pace, and the owner's confidence."""

    progress: Progress
    expected: float
    confidence: str | None

    @property
    def behind(self) -> bool:
        return is_behind(self.progress.fraction, self.expected)

    @property
    def divergence(self) -> str | None:
        return divergence(self.confidence, self.progress.fraction, self.expected)

    @property
    def expected_percent(self) -> int:
        return percent(self.expected)


def key_result_status(
    kind: str,
    start: float | None,
    target: float | None,
    current: float | None,
    confidence: str | None,
    *,
    starts_on: date,
    due_on: date,
    today: date,
) -> Status:
    """Progress of the latest value against the pace expected today."""
    return Status(
        progress=key_result_progress(kind, start, target, current),
        expected=expected_progress(kind, starts_on, due_on, today),
        confidence=confidence,
    )


# A key result whose confidence comes back to on track after at least this many check-ins in a
# row at risk or off track is "back on track": said in its next shout-out or the digest.
BACK_ON_TRACK_AFTER = 2


def back_on_track(confidences: Iterable[str]) -> bool:
    """Whether the latest of `confidences` (oldest first) is on track and the
    BACK_ON_TRACK_AFTER or more just before it were all at risk or off track."""
    values = list(confidences)
    if len(values) <= BACK_ON_TRACK_AFTER or values[-1] != "on_track":
        return False
    return all(value != "on_track" for value in values[-1 - BACK_ON_TRACK_AFTER : -1])
