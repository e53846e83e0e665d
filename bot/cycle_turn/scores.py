"""Last cycle's scores, as owners and the summary read them: pure, no I/O.

A key result closed with a score (0.0–1.0) is read by its score; one never scored by its
progress at the cycle's end (capped to 0–1), and every message says which it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.checkins.status import describe
from bot.presentation import score as written
from bot.progress import objective_progress
from storage.models import Cycle, KeyResult, Objective

# The bands of the summary's distribution, by a score rounded half up to one decimal (each
# band's bound is where rounding reaches the next one): the usual reading of OKR scores, 0.7
# being a good score for an ambitious key result.
BANDS = (("0.0–0.3", 0.35), ("0.4–0.6", 0.65), ("0.7–1.0", float("inf")))
BAR_WIDTH = 20


@dataclass(frozen=True)
class Scored:
    """A score, or progress standing in for one (`scored` False), from 0 to 1; `partly`: the
    mean of some scores and some progress."""

    value: float
    scored: bool
    partly: bool = False

    @property
    def shown(self) -> str:
        """`score 0.7`, `64 % progress (not scored)`, or `score 0.7 (partly progress: not all
        scored)`."""
        # As people write scores, like the close form and /okr list: a key result's 0.25 stays
        # 0.25, and a mean of 0.7 and 1.0 reads 0.85 (half up, not a float's 0.8).
        given = f"score {written(hundredths(self.value))}"
        if self.partly:
            return f"{given} (partly progress: not all scored)"
        if self.scored:
            return given
        return f"{round(self.value * 100)} % progress (not scored)"


@dataclass(frozen=True)
class KeyResultScore:
    title: str
    score: Scored


@dataclass(frozen=True)
class ObjectiveScore:
    id: int
    title: str
    owner_id: str
    score: Scored
    completed: bool
    key_results: list[KeyResultScore]


def key_result_score(key_result: KeyResult, cycle: Cycle, day: date) -> Scored:
    if key_result.score is not None:
        return Scored(min(max(key_result.score, 0.0), 1.0), True)
    fraction = describe(key_result, cycle, day).fraction
    return Scored(min(max(fraction, 0.0), 1.0), False)


def objective_score(objective: Objective, cycle: Cycle, today: date) -> ObjectiveScore:
    """The objective's key results as of the cycle's end (or today, before it), their mean,
    scored when every key result was, and completed when its progress reached 100 %."""
    day = min(today, cycle.ends_on)
    krs = [
        KeyResultScore(kr.title, key_result_score(kr, cycle, day)) for kr in objective.key_results
    ]
    progress = objective_progress(describe(kr, cycle, day).fraction for kr in objective.key_results)
    mean = objective_progress(each.score.value for each in krs)
    scored = [each.score.scored for each in krs]
    return ObjectiveScore(
        id=objective.id,
        title=objective.title,
        owner_id=objective.owner_id,
        score=Scored(mean, bool(krs) and all(scored), partly=any(scored) and not all(scored)),
        completed=bool(krs) and progress >= 1.0,
        key_results=krs,
    )


@dataclass(frozen=True)
class Band:
    label: str
    count: int
    fraction: float  # of the largest band: the length of its text bar


@dataclass(frozen=True)
class Summary:
    """A cycle's public objectives in numbers: the average and distribution are of scored key
    results when any was scored (`scored`), else of every key result's progress."""

    objectives: int
    completed: int
    counted: int
    average: float | None
    scored: bool
    bands: list[Band]

    @property
    def average_shown(self) -> str:
        """ "0.65" or "64 %", written as each score is: "%.1f" would make 0.65 read 0.6, the
        band below the one such a score counts in."""
        if self.average is None:
            return ""
        if self.scored:
            return written(hundredths(self.average))
        return f"{math.floor(self.average * 100 + 0.5)} %"


def hundredths(value: float) -> float:
    """Rounded half up to two decimals, as people round a score (not a float's half to even)."""
    return math.floor(value * 100 + 0.5) / 100


def band_of(value: float) -> int:
    return next(index for index, (_, bound) in enumerate(BANDS) if value < bound)


def summary_of(objectives: Sequence[ObjectiveScore]) -> Summary:
    every = [kr.score for objective in objectives for kr in objective.key_results]
    scored = [each for each in every if each.scored]
    counted = scored or every
    counts = [0] * len(BANDS)
    for each in counted:
        counts[band_of(each.value)] += 1
    largest = max(counts) or 1
    return Summary(
        objectives=len(objectives),
        completed=sum(objective.completed for objective in objectives),
        counted=len(counted),
        average=sum(each.value for each in counted) / len(counted) if counted else None,
        scored=bool(scored),
        bands=[
            Band(label, count, count / largest)
            for (label, _), count in zip(BANDS, counts, strict=True)
        ],
    )
