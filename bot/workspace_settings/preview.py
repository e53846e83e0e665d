"""What the settings would mean today: the current and next cycle, and cycles left running."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.cycles import Quarter, next_quarter, quarter_of
from bot.people import zone
from bot.stored_cycles import as_stored
from bot.workspace_settings.form import Choices
from storage.models import Cycle, Objective


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
    running = session.execute(
        select(Cycle.name, Cycle.starts_on, Cycle.ends_on, func.count(Objective.id))
        .join(Objective, Objective.cycle_id == Cycle.id)
        .where(
            Cycle.team_id == team_id,
            Objective.team_id == team_id,
            Objective.state == "active",
            Cycle.starts_on <= today,
            Cycle.ends_on >= today,
            Cycle.name != current.name,
        )
        .group_by(Cycle.id, Cycle.name, Cycle.starts_on, Cycle.ends_on)
        .order_by(Cycle.starts_on, Cycle.id)
    )
    return Preview(
        _line(current),
        _line(following),
        [StillRunning(name, dates(start, end), count) for name, start, end, count in running],
    )
