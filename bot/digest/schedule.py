"""When a workspace's weekly digest is due: pure rules, no I/O.

The digest is due at its day and time in the workspace's time zone and stays due until the end
of that local week (Sunday midnight), so that a bot that was down posts it late rather than not
at all. Its week is the ISO week of that local week, the period of its outbox key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.prompts.schedule import Period, Rule, at, period_of


@dataclass(frozen=True)
class DigestTime:
    """The workspace's digest day (0 Monday) and minute of the local day."""

    weekday: int = 4
    minute: int = 16 * 60


def week_of(when: DigestTime, zone: ZoneInfo, now: datetime) -> Period:
    """The local week containing `now`, and the instant its digest is due."""
    # No quiet hours (start equal to end): a digest is posted in a channel, not a DM.
    rule = Rule(weekday=when.weekday, minute=when.minute, quiet_start=0, quiet_end=0)
    return period_of(rule, zone, now)


def due_week(when: DigestTime, zone: ZoneInfo, now: datetime) -> str | None:
    """The week key (`2026-W49`) whose digest is due at `now`: from its instant until the local
    week ends; None before it."""
    week = week_of(when, zone, now)
    ends = at(week.next_starts_on, 0, zone)
    return week.key if week.due <= now < ends else None
