"""Which badges a person has earned, and how each is named and explained. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.progress import key_result_progress, objective_progress
from bot.recognition.streak import unit
from bot.words import Words
from storage.models import KeyResult

FIRST_CHECKIN = "first_checkin"
FIRST_OBJECTIVE_DONE = "first_objective_done"
STREAKS = {4: "streak_4", 12: "streak_12"}
CYCLE_70 = "cycle_70:"
STRONG_FINISH = 0.7


@dataclass(frozen=True)
class Shown:
    """A badge as people read it: its name and why it was earned (plain text, not escaped)."""

    name: str
    why: str


def for_check_in(streak: int) -> list[str]:
    """What checking in earns its author: the first check-in and the streaks reached."""
    return [FIRST_CHECKIN] + [badge for length, badge in STREAKS.items() if streak >= length]


def fraction(kind: str, start: float | None, target: float | None, value: float | None) -> float:
    return key_result_progress(kind, start, target, value).fraction


def objective_done(key_results: Iterable[KeyResult]) -> bool:
    """At 100 %: every key result met (an objective without key results is not done)."""
    fractions = [
        fraction(kr.kind, kr.start_value, kr.target_value, kr.current_value) for kr in key_results
    ]
    return bool(fractions) and objective_progress(fractions) >= 1


def strong_finish(fractions: Iterable[float]) -> bool:
    """Every key result at 70 % or more when the cycle ended (and at least one)."""
    values = list(fractions)
    return bool(values) and all(value >= STRONG_FINISH for value in values)


def cycle_badge(cycle_name: str) -> str:
    return CYCLE_70 + cycle_name


def shown(badge: str, words: Words, cadence: str) -> Shown:
    """The name and the reason of a badge, in the workspace's words and cadence."""
    if badge == FIRST_CHECKIN:
        return Shown(
            "First check-in", f"you checked in on your {words.key_results} for the first time"
        )
    if badge == FIRST_OBJECTIVE_DONE:
        return Shown(
            f"First {words.objective} done", f"one of your {words.objectives} reached 100 %"
        )
    for length, name in STREAKS.items():
        if badge == name:
            return Shown(
                f"{length}-{unit(cadence)} streak",
                f"you checked in {length} {unit(cadence)}s in a row",
            )
    if badge.startswith(CYCLE_70):
        cycle = badge.removeprefix(CYCLE_70)
        return Shown(
            f"Strong finish in {cycle}",
            f"every {words.key_result} of yours was at 70 % or more when {cycle} ended",
        )
    raise ValueError(f"no such badge: {badge}")
