"""What the settings would mean today: the current and next cycle, and cycles left running."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.cycles import Quarter, next_quarter, quarter_of
from bot.people import zone
from bot.presentation import local_moment
from bot.stored_cycles import as_stored
from bot.workspace_settings.settings_form import Choices
from storage import cycles as stored_cycles


@dataclass(frozen=True)
class CycleLine:
    name: str
    dates: str  # "1 Nov 2026 – 31 Jan 2027"


@dataclass(frozen=True)
class StillRunning:
    """A cycle that contains today but is not the current one: its objectives stay in it."""

    name: str
    dates: str
    active: int


@dataclass(frozen=True)
class Preview:
    current: CycleLine
    following: CycleLine
    still_running: list[StillRunning]
    next_digest: str = ""  # "Friday 4 Dec at 16:00 (Europe/Lisbon)"


def dates(starts_on: date, ends_on: date) -> str:
    """`1 Feb – 30 Apr 2027`, or `1 Nov 2026 – 31 Jan 2027` across a new year."""
    start = f"{starts_on:%-d %b}" if starts_on.year == ends_on.year else f"{starts_on:%-d %b %Y}"
    return f"{start} – {ends_on:%-d %b %Y}"


def _line(quarter: Quarter) -> CycleLine:
    return CycleLine(quarter.name, dates(quarter.starts_on, quarter.ends_on))


def preview(session: Session, team_id: str, choices: Choices, now: datetime) -> Preview:
    """The cycles as they would be stored under `choices`; nothing is written."""
    today = now.astimezone(zone(choices.time_zone)).date()
    fiscal_start = choices.fiscal_year_start_month
    quarter = quarter_of(today, fiscal_start)
    current = as_stored(session, team_id, quarter)
    following = as_stored(session, team_id, next_quarter(quarter, fiscal_start))
    running = stored_cycles.running_on(session, team_id, today, except_name=current.name)
    return Preview(
        _line(current),
        _line(following),
        [StillRunning(c.name, dates(c.starts_on, c.ends_on), c.active) for c in running],
        next_digest(choices, now),
    )


def next_digest(choices: Choices, now: datetime) -> str:
    """The next digest day and time from `now`, in the workspace's zone, as people read it."""
    local = now.astimezone(zone(choices.time_zone))
    minute = choices.digest_minute
    days = (choices.digest_weekday - local.weekday()) % 7
    due = (local + timedelta(days=days)).replace(
        hour=minute // 60, minute=minute % 60, second=0, microsecond=0
    )
    if due <= local:
        due += timedelta(days=7)
    return f"{local_moment(due)} ({choices.time_zone})"
