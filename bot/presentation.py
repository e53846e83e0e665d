"""How the bot writes for people: values, goals, confidence, pace, mentions and escaping.

Every message and view formats these through here, so one key result reads the same in a
check-in reply, a history, a saved objective and `/okr list`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.objectives.units import Unit, stored_unit
from bot.progress import Status, key_result_status
from storage.models import Cycle, KeyResult

_MRKDWN_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Slack sends &, < and > of typed text as entities; &amp; last, so "&amp;lt;" stays "&lt;".
_SLACK_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_SLACK_ID = re.compile(r"^[A-Z][A-Z0-9]{1,20}$")

CONFIDENCE_LABELS = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track"}
_CONFIDENCE_EMOJI = {
    "on_track": ":large_green_circle:",
    "at_risk": ":large_yellow_circle:",
    "off_track": ":red_circle:",
}
NO_CHECK_IN = ":white_circle: No check-in yet"


def pace_explained(key_result: str = "a key result") -> str:
    """What "expected by today" means, said once on each screen that shows pace; `key_result`
    in the workspace's words where they may be renamed ("each goal")."""
    return (
        f"_Expected by today_: where {key_result} would be if it moved in a straight line from "
        "the start of the cycle to its due date; more than 10 points under it is behind."
    )


def escape_mrkdwn(text: object) -> str:
    """Escape Slack's control characters so user text can never mention or link anyone."""
    return str(text).translate(_MRKDWN_ESCAPES)


def plain_from_slack(text: str) -> str:
    """Text as the person typed it: Slack escapes &, < and > in what it sends."""
    for entity, char in _SLACK_ENTITIES:
        text = text.replace(entity, char)
    return text


def is_slack_id(value: str, prefixes: str) -> bool:
    """A Slack id starting with one of `prefixes` (U and W for people, C and G for channels)."""
    return bool(_SLACK_ID.match(value)) and value[0] in prefixes


def mention(user_id: str) -> str:
    """`<@U…>`: the one mention the bot writes itself, only ever from a person's id."""
    return f"<@{user_id}>" if is_slack_id(user_id, "UW") else "someone"


def channel_link(channel_id: str) -> str:
    return f"<#{channel_id}>" if is_slack_id(channel_id, "CG") else "a channel"


def confidence_label(confidence: str | None) -> str:
    """`:large_green_circle: On track`, or that there is no check-in to say it yet."""
    if confidence not in CONFIDENCE_LABELS:
        return NO_CHECK_IN
    return f"{_CONFIDENCE_EMOJI[confidence]} {CONFIDENCE_LABELS[confidence]}"


def day(when: date) -> str:
    """`Nov 16`: a day as check-ins, their history and their edits show it."""
    return f"{when:%b %-d}"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def clock_time(minute: int) -> str:
    """`09:00`: a minute of the day, as prompts and quiet hours show it."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def local_moment(when: datetime) -> str:
    """`Monday 7 Dec at 09:00`: an instant in someone's own zone (prompts, pauses)."""
    return f"{when:%A %-d %b} at {when:%H:%M}"


def format_number(value: float, *, percent: bool = False, currency: str = "") -> str:
    """The short form people read: 1,200 · 12.5 · 45% · 3,000 USD, to two decimals at most."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if text == "-0":  # -0.0, or a negative value too small to show
        text = "0"
    if percent:
        return f"{text}%"
    return f"{text} {currency}" if currency else text


def format_value(value: float | None, unit: Unit, kind: str = "") -> str:
    """A value as people read it: 1,200 · 45% · 3,000 USD · 40 signups · done · no value yet."""
    if value is None:
        return "no value yet"
    if kind == "milestone":
        return "done" if value >= 1 else "not done"
    if unit.kind == "percent":
        return format_number(value, percent=True)
    if unit.kind == "currency":
        return format_number(value, currency=unit.code)
    text = format_number(value)
    return f"{text} {unit.code}" if unit.kind == "word" and unit.code else text


def goal(kind: str, start: float | None, target: float | None, unit: Unit) -> str:
    """`from 30 to 45` · `from 8% down to 3%` · `stay at or above 99.9%` · `done or not done`."""
    if kind == "milestone" or target is None:
        return "done or not done"
    if kind in {"stay_above", "stay_below"}:
        return f"stay at or {kind.removeprefix('stay_')} {format_value(target, unit)}"
    begin = format_value(start, unit) if start is not None else "?"
    down = " down" if kind == "decrease" else ""
    return f"from {begin}{down} to {format_value(target, unit)}"


def unit_of(key_result: KeyResult) -> Unit:
    return stored_unit(key_result.unit_kind, key_result.unit)


def value_of(key_result: KeyResult, value: float | None) -> str:
    """A value next to its key result: 420 · 45% · 3,000 USD · 12 deals · done."""
    return format_value(value, unit_of(key_result), key_result.kind)


def latest_value(key_result: KeyResult) -> float | None:
    """The key result's latest reading: its latest check-in's value, else "today's value" given
    when it was created (the start of an increase or decrease, or the optional value of a stay
    above / below). A milestone has none until it is checked in."""
    kr = key_result
    if kr.current_value is not None or kr.kind == "milestone":
        return kr.current_value
    return kr.start_value


def now_to_target(key_result: KeyResult) -> str:
    """Where it stands and where it should get to, in one wording on every screen:
    `now 420 → target 1,000 signups` · `now 6% → target 4% (from 8%)` ·
    `now 97% · stay at or above 95%` · `not done yet` · `done`."""
    kr = key_result
    unit = unit_of(kr)
    value = latest_value(kr)
    if kr.kind == "milestone" or kr.target_value is None:
        return "done" if value is not None and value >= 1 else "not done yet"
    if kr.kind in {"stay_above", "stay_below"}:
        shown = "no value yet" if value is None else f"now {format_value(value, unit)}"
        return f"{shown} · {goal(kr.kind, kr.start_value, kr.target_value, unit)}"
    bare = unit if unit.kind == "percent" else Unit("number")
    shown = "?" if value is None else format_value(value, bare)
    moved = kr.current_value is not None and kr.start_value is not None
    start = f" (from {format_value(kr.start_value, bare)})" if moved else ""
    return f"now {shown} → target {format_value(kr.target_value, unit)}{start}"


def goal_of(key_result: KeyResult) -> str:
    kr = key_result
    return goal(kr.kind, kr.start_value, kr.target_value, unit_of(kr))


def status_of(key_result: KeyResult, cycle: Cycle, today: date) -> Status:
    """Progress and pace today; a key result without a due date is due when its cycle ends."""
    kr = key_result
    return key_result_status(
        kr.kind,
        kr.start_value,
        kr.target_value,
        latest_value(kr),
        kr.confidence,
        starts_on=cycle.starts_on,
        due_on=kr.due_on or cycle.ends_on,
        today=today,
    )


def score(value: float) -> str:
    """0.7 -> "0.7", 1.0 -> "1.0", 0.75 -> "0.75": as people write scores."""
    text = f"{value:.2f}"
    return text[:-1] if text.endswith("0") else text
