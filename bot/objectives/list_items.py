"""How objectives and key results read in lists: current against target, status and pace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.objectives.units import Unit
from bot.presentation import confidence_label, format_value, goal, status_of, unit_of
from storage.models import Cycle, KeyResult

KIND_LABELS = {
    "increase": "Increase (from X to Y)",
    "decrease": "Decrease (from X down to Y)",
    "stay_above": "Stay above X",
    "stay_below": "Stay below X",
    "milestone": "Milestone (done or not done)",
}
LEVEL_LABELS = {"personal": "Personal", "team": "Team", "company": "Company"}


@dataclass(frozen=True)
class KeyResultView:
    title: str
    percent: int
    fraction: float
    now: str  # current against target, as people read it
    status: str
    behind: bool


def key_result_view(kr: KeyResult, cycle: Cycle, today: date) -> KeyResultView:
    status = status_of(kr, cycle, today)
    return KeyResultView(
        title=kr.title,
        percent=status.progress.percent,
        fraction=status.progress.fraction,
        now=_now(kr, unit_of(kr)),
        status=confidence_label(kr.confidence),
        behind=kr.confidence is not None and status.behind,
    )


def _now(kr: KeyResult, unit: Unit) -> str:
    """`30 / 45 signups` · `30% / 45%` · `97% now, stay at or above 99%` · `not done yet`."""
    if kr.kind == "milestone" or kr.target_value is None:
        return "done" if (kr.current_value or 0) >= 1 else "not done yet"
    if kr.kind in {"stay_above", "stay_below"}:
        target = goal(kr.kind, kr.start_value, kr.target_value, unit)
        if kr.current_value is None:
            return f"no value yet, {target}"
        return f"{format_value(kr.current_value, unit)} now, {target}"
    current = kr.start_value if kr.current_value is None else kr.current_value
    shown = "?" if current is None else format_value(current, _bare(unit))
    return f"{shown} / {format_value(kr.target_value, unit)}"


def _bare(unit: Unit) -> Unit:
    """The unit to repeat before a slash: 30% / 45%, but 30 / 45 signups."""
    return unit if unit.kind == "percent" else Unit("number")
