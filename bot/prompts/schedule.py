"""When a person is due a check-in prompt or reminder: pure rules, no I/O.

Every instant is aware. Local times are wall-clock times in the person's own IANA zone, so
09:00 stays 09:00 across a change to or from summer time (zoneinfo does the arithmetic).

Choices where the issue left one:
- A prompt whose time falls inside quiet hours is sent when they end (07:00 with quiet hours
  19:00–08:00 goes at 08:00; 20:00 goes at 08:00 the next morning).
- A missed prompt (the bot was down, the time was moved earlier) is sent late on the local day it
  was due, unless it is quiet hours then; otherwise it is dropped for that period.
- Quiet hours whose start equals their end mean no quiet hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

CADENCES = ("weekly", "biweekly", "monthly")
# Every other week is counted from this Monday, so each workspace agrees which weeks are "on".
_FORTNIGHT_EPOCH = date(2024, 1, 1)
_DAY = 24 * 60


@dataclass(frozen=True)
class Rule:
    """A person's effective schedule: day (0 Monday), minute of the local day, cadence, quiet
    hours (minutes of the local day, start inclusive, end exclusive) and the reminder delay."""

    weekday: int = 0
    minute: int = 9 * 60
    cadence: str = "weekly"
    quiet_start: int = 19 * 60
    quiet_end: int = 8 * 60
    reminder_hours: int = 24


@dataclass(frozen=True)
class Period:
    """One check-in period: its key (e.g. 2026-W49, 2026-12), its first local day, the first
    local day of the next one, and the local instant its prompt is due."""

    key: str
    starts_on: date
    next_starts_on: date
    due: datetime


def is_quiet(rule: Rule, local: datetime) -> bool:
    minute = local.hour * 60 + local.minute
    start, end = rule.quiet_start, rule.quiet_end
    if start == end:
        return False
    if start < end:
        return start <= minute < end
    return minute >= start or minute < end


def at(day: date, minute: int, zone: ZoneInfo) -> datetime:
    """The local instant of `minute` on `day` in `zone`."""
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)


def out_of_quiet(rule: Rule, local: datetime) -> datetime:
    """`local`, or the end of the quiet hours it falls in."""
    if not is_quiet(rule, local):
        return local
    zone = local.tzinfo
    assert isinstance(zone, ZoneInfo)
    end = at(local.date(), rule.quiet_end, zone)
    return end if end > local else at(local.date() + timedelta(days=1), rule.quiet_end, zone)


def _week_key(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def period_of(rule: Rule, zone: ZoneInfo, now: datetime) -> Period:
    """The period containing `now`'s local day, and when its prompt is due."""
    today = now.astimezone(zone).date()
    if rule.cadence == "monthly":
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        due_on = first + timedelta(days=(rule.weekday - first.weekday()) % 7)
        key = f"{first:%Y-%m}"
    else:
        monday = today - timedelta(days=today.weekday())
        weeks = 1
        if rule.cadence == "biweekly":
            weeks = 2
            monday -= timedelta(weeks=((monday - _FORTNIGHT_EPOCH).days // 7) % 2)
        first, following = monday, monday + timedelta(weeks=weeks)
        due_on = monday + timedelta(days=rule.weekday)
        key = _week_key(monday)
    due = out_of_quiet(rule, at(due_on, rule.minute % _DAY, zone))
    return Period(key, first, following, due)


def prompt_due(rule: Rule, period: Period, now: datetime) -> bool:
    """Due at `now`: its time has come, on the same local day, outside quiet hours."""
    local = now.astimezone(period.due.tzinfo)
    return period.due <= local and local.date() == period.due.date() and not is_quiet(rule, local)


def missed(period: Period, now: datetime) -> bool:
    """Its local day is over without a prompt: dropped for this period."""
    return now.astimezone(period.due.tzinfo).date() > period.due.date()


def repeat_due(rule: Rule, snoozed_until: datetime, zone: ZoneInfo, now: datetime) -> bool:
    """A snoozed prompt is due again at its time, on that local day, outside quiet hours."""
    local, wanted = now.astimezone(zone), snoozed_until.astimezone(zone)
    return wanted <= local and local.date() == wanted.date() and not is_quiet(rule, local)


def reminder_at(rule: Rule, period: Period, prompted_at: datetime) -> datetime | None:
    """When the one reminder of the period is due: N hours after the prompt, moved out of quiet
    hours; None when reminders are off or that is past the period."""
    if rule.reminder_hours <= 0:
        return None
    zone = period.due.tzinfo
    assert isinstance(zone, ZoneInfo)
    after = prompted_at + timedelta(hours=rule.reminder_hours)
    local = out_of_quiet(rule, after.astimezone(zone))
    return local if local.date() < period.next_starts_on else None


def reminder_due(rule: Rule, period: Period, prompted_at: datetime, now: datetime) -> bool:
    when = reminder_at(rule, period, prompted_at)
    if when is None:
        return False
    local = now.astimezone(when.tzinfo)
    return when <= local and local.date() < period.next_starts_on and not is_quiet(rule, local)


def next_prompt(rule: Rule, zone: ZoneInfo, now: datetime) -> datetime:
    """The local instant of the next prompt by the schedule alone (this period's, if to come)."""
    period = period_of(rule, zone, now)
    if period.due > now:
        return period.due
    return period_of(rule, zone, at(period.next_starts_on, 12 * 60, zone)).due


def tomorrow_same_time(zone: ZoneInfo, now: datetime) -> datetime:
    """`now`'s local wall-clock time, a day later (a snoozed prompt)."""
    local = now.astimezone(zone)
    return datetime.combine(local.date() + timedelta(days=1), local.time(), tzinfo=zone)
