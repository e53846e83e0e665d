"""Which milestones a change of progress crosses: pure rules, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.progress import key_result_progress, objective_progress

COMPLETED = 100


def _percent(fraction: float) -> float:
    # Rounded so that 0.1 + 0.2-style float noise cannot keep 30 of 20 → 40 short of 50 %.
    return round(fraction * 100, 6)


def crossed(milestones: Iterable[int], before: float, after: float) -> list[int]:
    """The milestones (percentages) that progress went up past or onto, from `before` to
    `after` (shown fractions, 0..1), lowest first; none when it stayed or went down."""
    low, high = _percent(before), _percent(after)
    return sorted(m for m in set(milestones) if low < m <= high)


@dataclass(frozen=True)
class Reading:
    """A key result's numbers, enough to say how far along it is."""

    kind: str
    start: float | None
    target: float | None
    current: float | None

    @property
    def fraction(self) -> float:
        return key_result_progress(self.kind, self.start, self.target, self.current).fraction


def key_result_crossed(milestones: Iterable[int], before: Reading, after: Reading) -> list[int]:
    """The milestones a key result crossed between two readings of it."""
    return crossed(milestones, before.fraction, after.fraction)


def objective_completed(before: Sequence[float], after: Sequence[float]) -> bool:
    """Whether an objective's progress (the mean of its key results') reached 100 % just now."""
    return objective_progress(after) >= 1 and objective_progress(before) < 1


@dataclass(frozen=True)
class Crossing:
    """A milestone newly reached by one key result of a check-in batch (objective_done: its
    objective was completed by it too)."""

    key_result_id: int
    milestone: int
    objective_done: bool = False

    @property
    def rank(self) -> tuple[bool, int]:
        return (self.objective_done, self.milestone)


def most_worth_telling(crossings: Iterable[Crossing]) -> Crossing | None:
    """Of what one check-in reached, the one its shout-out is about: a completed objective,
    else the highest milestone (the first key result of equals)."""
    best: Crossing | None = None
    for crossing in crossings:
        if best is None or crossing.rank > best.rank:
            best = crossing
    return best
