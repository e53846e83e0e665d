"""When the `cycle` job's messages are due: pure rules, no I/O.

Choices where the issue left one:
- A DM is due from the person's own check-in prompt time (the workspace's, or the one they
  chose with `/okr prompts`) on the first day of its window, in their own time zone: the hour
  they expect to hear from the bot. From then on it may go at any instant of the window outside
  quiet hours (catch-up after a bot that was down), never in quiet hours.
- The summary is due the same way in the workspace's time zone, from its check-in time.
- The close reminder's window runs from N days before the cycle ends to its last day: "7 days
  before" a cycle ending on 31 Dec starts on 25 Dec (the cycle ends at midnight after the 31st).
  0 days turns it off.
- The new cycle's invitation and summary may be caught up during its first week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.prompts.schedule import Rule, at, is_quiet, out_of_quiet

CATCH_UP = timedelta(days=7)
_DAY = 24 * 60


@dataclass(frozen=True)
class Window:
    """The local days (inclusive) a message may be sent on."""

    first: date
    last: date


def close_window(ends_on: date, days: int) -> Window | None:
    """The close reminder's days: from `days` before the cycle ends to its last day; None when
    reminders are off."""
    if days <= 0:
        return None
    return Window(ends_on + timedelta(days=1) - timedelta(days=days), ends_on)


def first_week(starts_on: date) -> Window:
    """A new cycle's first week: its invitation and summary are caught up until then."""
    return Window(starts_on, starts_on + CATCH_UP - timedelta(days=1))


def opens(rule: Rule, zone: ZoneInfo, window: Window) -> datetime:
    """The first local instant of the window a message may go at: the rule's time on its first
    day, moved out of quiet hours."""
    return out_of_quiet(rule, at(window.first, rule.minute % _DAY, zone))


def due(rule: Rule, zone: ZoneInfo, window: Window, now: datetime) -> bool:
    """Due at `now`: the window has opened, its last local day is not over, not quiet hours."""
    local = now.astimezone(zone)
    return (
        opens(rule, zone, window) <= local
        and local.date() <= window.last
        and not is_quiet(rule, local)
    )
