"""Cycles as stored: a new fiscal year start never renames or moves a cycle that is in use.

The fiscal year start decides which quarter a day falls in and what a new cycle is called; a
cycle, once objectives are set in it, keeps its name and dates whatever the setting says later.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.cycles import Quarter, quarter_named
from storage import cycles as stored_cycles
from storage.models import Cycle
from storage.rows import get_or_create


def as_stored(session: Session, team_id: str, quarter: Quarter) -> Quarter:
    """The quarter as its cycle is, or will be, stored_cycles.

    A cycle that already spans the quarter's dates is the quarter's, whatever it is called. When
    the quarter's name belongs to a cycle of other dates with objectives in it (it was named under
    another fiscal year start), the new cycle is told apart by its first month: FY2027-Q3-Sep.
    """
    spanning = stored_cycles.spanning(session, team_id, quarter.starts_on, quarter.ends_on)
    if spanning is not None:
        return _quarter(spanning)
    holder = stored_cycles.named(session, team_id, quarter.name)
    if holder is None or not stored_cycles.in_use(session, holder):
        return quarter
    return Quarter(f"{quarter.name}-{quarter.starts_on:%b}", quarter.starts_on, quarter.ends_on)


def cycle_of(session: Session, team_id: str, quarter: Quarter) -> Cycle:
    """The stored cycle of `quarter`, created on first use."""
    wanted = as_stored(session, team_id, quarter)
    cycle = get_or_create(
        session,
        lambda: stored_cycles.named(session, team_id, wanted.name),
        lambda: Cycle(
            team_id=team_id, name=wanted.name, starts_on=wanted.starts_on, ends_on=wanted.ends_on
        ),
    )
    if (cycle.starts_on, cycle.ends_on) != (wanted.starts_on, wanted.ends_on):
        # No objective was ever set in it (see as_stored): it is only a name, free to take.
        cycle.starts_on, cycle.ends_on = wanted.starts_on, wanted.ends_on
        session.flush()
    return cycle


def named(session: Session, team_id: str, name: str, fiscal_start_month: int) -> Quarter | None:
    """A cycle by the name people type: a stored cycle's (any case), else a quarter's."""
    cycle = stored_cycles.named_in_any_case(session, team_id, name)
    if cycle is not None:
        return _quarter(cycle)
    quarter = quarter_named(name, fiscal_start_month)
    return None if quarter is None else as_stored(session, team_id, quarter)


def find(session: Session, team_id: str, quarter: Quarter) -> Cycle | None:
    """The stored cycle of a quarter from `named` or `as_stored`; None when not created yet."""
    return stored_cycles.named(session, team_id, quarter.name)


def _quarter(cycle: Cycle) -> Quarter:
    return Quarter(cycle.name, cycle.starts_on, cycle.ends_on)
