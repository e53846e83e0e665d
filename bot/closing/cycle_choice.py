"""Which cycle `/okr close` closes: the one named, else the current one, or the one that just
ended while the next is in its first weeks and the owner has not closed it yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot import people, stored_cycles
from bot.cycles import quarter_of
from storage import closing as stored
from storage.models import Cycle, Workspace

# How long into a new cycle `/okr close` still means the one that just ended.
GRACE_DAYS = 21


@dataclass(frozen=True)
class Chosen:
    cycle: Cycle | None  # None: the named cycle was never used
    name: str
    ended: bool  # the cycle is over (the form says so)


def just_ended(today: date, current_starts_on: date) -> bool:
    """Whether `today` is within the first GRACE_DAYS of the current cycle."""
    return (today - current_starts_on).days < GRACE_DAYS


def chosen(
    session: Session, workspace: Workspace, owner_id: str, name: str | None, now: datetime
) -> Chosen:
    team_id, fiscal = workspace.team_id, workspace.fiscal_year_start_month
    today = people.workspace_today(workspace, now)
    if name is not None:
        quarter = stored_cycles.named(session, team_id, name, fiscal)
        cycle = stored_cycles.find(session, team_id, quarter) if quarter else None
        return Chosen(
            cycle, quarter.name if quarter else name, bool(cycle and cycle.ends_on < today)
        )
    current = people.current_cycle(session, workspace, now)
    if just_ended(today, current.starts_on):
        before = quarter_of(current.starts_on - timedelta(days=1), fiscal)
        previous = stored_cycles.find(
            session, team_id, stored_cycles.as_stored(session, team_id, before)
        )
        if previous is not None and stored.open_count(session, team_id, owner_id, previous.id):
            return Chosen(previous, previous.name, True)
    return Chosen(current, current.name, False)


def next_cycle(session: Session, workspace: Workspace, cycle: Cycle) -> Cycle:
    """The cycle after `cycle`, created on first use: where carried objectives go."""
    following = quarter_of(cycle.ends_on + timedelta(days=1), workspace.fiscal_year_start_month)
    return stored_cycles.cycle_of(session, workspace.team_id, following)


def next_name(session: Session, workspace: Workspace, cycle: Cycle) -> str:
    """The next cycle's name as it is, or will be, stored; nothing is created."""
    following = quarter_of(cycle.ends_on + timedelta(days=1), workspace.fiscal_year_start_month)
    return stored_cycles.as_stored(session, workspace.team_id, following).name
