"""What needs attention first in a review: key results off track, at risk or behind pace.
Pure, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.checkins.status import KeyResultLine
from bot.presentation import CONFIDENCE_LABELS

# Off track before at risk before behind pace: what a 1:1 should talk about first.
_RANK = {"off_track": 0, "at_risk": 1}
BEHIND = 2


@dataclass(frozen=True)
class Concern:
    objective: str
    key_result: str
    confidence: str | None
    behind: bool
    percent: int
    expected_percent: int

    @property
    def rank(self) -> int:
        return _RANK.get(self.confidence or "", BEHIND)


def concern_of(objective: str, line: KeyResultLine) -> Concern | None:
    """The key result's concern, when its owner says at risk or off track, or it is behind."""
    if line.confidence not in _RANK and not line.behind:
        return None
    return Concern(
        objective,
        line.title,
        line.confidence,
        line.behind,
        line.percent,
        line.expected_percent,
    )


def ranked(concerns: Iterable[Concern]) -> list[Concern]:
    """Off track first, then at risk, then behind pace; stable within each."""
    return sorted(concerns, key=lambda concern: concern.rank)


def change(before: str, after: str) -> str | None:
    """`on track → at risk`, when a check-in's confidence differs from the one before it."""
    if before == after or before not in CONFIDENCE_LABELS or after not in CONFIDENCE_LABELS:
        return None
    return f"{CONFIDENCE_LABELS[before].lower()} → {CONFIDENCE_LABELS[after].lower()}"
