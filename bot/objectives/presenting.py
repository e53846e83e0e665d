"""How objectives and key results read: goals, current values, status and pace, as plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.objectives.units import Unit, format_value, stored_unit
from bot.progress import expected_progress, is_behind, key_result_progress
from storage.models import KeyResult

KIND_LABELS = {
    "increase": "Increase (from X to Y)",
    "decrease": "Decrease (from X down to Y)",
    "stay_above": "Stay above X",
    "stay_below": "Stay below X",
    "milestone": "Milestone (done or not done)",
}
LEVEL_LABELS = {"personal": "Personal", "team": "Team", "company": "Company"}
STATUS = {
    "on_track": ":large_green_circle: On track",
    "at_risk": ":large_yellow_circle: At risk",
    "off_track": ":red_circle: Off track",
}
NO_CHECK_IN = ":white_circle: No check-in yet"


def goal(kind: str, start: float | None, target: float | None, unit: Unit) -> str:
    """`from 30 to 45` · `from 8% down to 3%` · `stay above 99.9%` · `done or not done`."""
    if kind == "milestone" or target is None:
        return "done or not done"
    if kind in {"stay_above", "stay_below"}:
        return f"stay {kind.removeprefix('stay_')} {format_value(target, unit)}"
    begin = format_value(start, unit) if start is not None else "?"
    down = " down" if kind == "decrease" else ""
    return f"from {begin}{down} to {format_value(target, unit)}"


@dataclass(frozen=True)
class KeyResultView:
    title: str
    percent: int
    fraction: float
    now: str  # current against target, as people read it
    status: str
    behind: bool


def key_result_view(kr: KeyResult, cycle_starts_on: date, today: date) -> KeyResultView:
    unit = stored_unit(kr.unit_kind, kr.unit)
    progress = key_result_progress(kr.kind, kr.start_value, kr.target_value, kr.current_value)
    due_on = kr.due_on or today
    expected = expected_progress(kr.kind, cycle_starts_on, due_on, today)
    return KeyResultView(
        title=kr.title,
        percent=progress.percent,
        fraction=progress.fraction,
        now=_now(kr, unit),
        status=STATUS.get(kr.confidence or "", NO_CHECK_IN),
        behind=kr.confidence is not None and is_behind(progress.fraction, expected),
    )


def _now(kr: KeyResult, unit: Unit) -> str:
    """`30 / 45 signups` · `30% / 45%` · `97% now, stay above 99%` · `not done yet`."""
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


_SLACK_ID = re.compile(r"^[A-Z][A-Z0-9]{1,20}$")


def mention(user_id: str) -> str:
    """`<@U…>`: the one mention the bot writes itself, only ever from a well-formed id."""
    return f"<@{user_id}>" if _SLACK_ID.match(user_id) else "someone"


def channel_link(channel_id: str) -> str:
    return f"<#{channel_id}>" if _SLACK_ID.match(channel_id) else "a channel"


def is_slack_id(value: str, prefixes: str) -> bool:
    """A Slack id starting with one of `prefixes` (U and W for people, C and G for channels)."""
    return bool(_SLACK_ID.match(value)) and value[0] in prefixes
