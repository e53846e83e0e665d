"""A person's streak: how many check-in periods in a row they checked in. Pure, no I/O.

Periods are the workspace's cadence (2026-W49, a fortnight keyed by its first week, 2026-12),
in the person's own time zone. The current period does not break a streak before it is over;
a period they were paused or away in when their prompt was due neither breaks nor counts.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.prompts.schedule import Period, Rule, at, period_of

UTC = ZoneInfo("UTC")
UNITS = {"weekly": "week", "biweekly": "fortnight", "monthly": "month"}


def period_on(cadence: str, day: date) -> Period:
    """The period of the cadence containing a local day."""
    return period_of(Rule(cadence=cadence), UTC, at(day, 12 * 60, UTC))


def periods_back(cadence: str, today: date) -> Iterator[Period]:
    """The period containing `today`, then each one before it, newest first."""
    period = period_on(cadence, today)
    while True:
        yield period
        period = period_on(cadence, period.starts_on - timedelta(days=1))


def local_day(
    effective_on: date, created_at: datetime, workspace_zone: ZoneInfo, person_zone: ZoneInfo
) -> date:
    """The person's own day of a check-in: the day it was made in their zone, unless it was
    dated another day than the workspace's (backdated in its history): then that day."""
    if created_at.astimezone(workspace_zone).date() != effective_on:
        return effective_on
    return created_at.astimezone(person_zone).date()


def streak(periods: Iterable[Period], checked: Collection[str], excused: Collection[str]) -> int:
    """Walk `periods` newest first: each checked counts, each excused is passed over, and the
    first missed one ends the streak (but the newest, which is not over yet)."""
    count = 0
    for index, period in enumerate(periods):
        if period.key in checked:
            count += 1
        elif period.key not in excused and index > 0:
            break
    return count


def current_streak(
    cadence: str, today: date, days: Collection[date], excused: Collection[str]
) -> int:
    """The streak as of the person's local `today`, given the local days they checked in."""
    if not days:
        return 0
    first = min(days)
    checked = {period_on(cadence, day).key for day in days}
    # Nothing before the first check-in can count: the walk stops there.
    return streak(_until(periods_back(cadence, today), first), checked, excused)


def _until(periods: Iterator[Period], first: date) -> Iterator[Period]:
    for period in periods:
        if period.next_starts_on <= first:
            return
        yield period


def unit(cadence: str) -> str:
    """What one period is called: a 3-week streak, a 2-month streak."""
    return UNITS.get(cadence, "period")
