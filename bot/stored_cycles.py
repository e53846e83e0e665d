"""Cycles as stored: a new fiscal year start never renames or moves a cycle that is in use.

The fiscal year start decides which quarter a day falls in and what a new cycle is called; a
cycle, once objectives are set in it, keeps its name and dates whatever the setting says later.
"""

from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from bot.cycles import Quarter, quarter_named
from storage.models import Cycle, Objective
from storage.rows import get_or_create


def as_stored(session: Session, team_id: str, quarter: Quarter) -> Quarter:
    """The quarter as its cycle is, or will be, stored.

    A cycle that already spans the quarter's dates is the quarter's, whatever it is called. When
    the quarter's name belongs to a cycle of other dates with objectives in it (it was named under
    another fiscal year start), the new cycle is told apart by its first month: FY2027-Q3-Sep.
    """
    spanning = session.scalars(
        select(Cycle)
        .where(
            Cycle.team_id == team_id,
            Cycle.starts_on == quarter.starts_on,
            Cycle.ends_on == quarter.ends_on,
        )
        .order_by(Cycle.id)
        .limit(1)
    ).first()
    if spanning is not None:
        return _quarter(spanning)
    holder = _named(session, team_id, quarter.name)
    if holder is None or not _in_use(session, holder):
        return quarter
    return Quarter(f"{quarter.name}-{quarter.starts_on:%b}", quarter.starts_on, quarter.ends_on)


def cycle_of(session: Session, team_id: str, quarter: Quarter) -> Cycle:
    """The stored cycle of `quarter`, created on first use."""
    wanted = as_stored(session, team_id, quarter)
    cycle = get_or_create(
        session,
        lambda: _named(session, team_id, wanted.name),
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
    stored = session.scalars(
        select(Cycle)
        .where(Cycle.team_id == team_id, func.lower(Cycle.name) == name.strip().lower())
        .order_by(Cycle.id)
        .limit(1)
    ).first()
    if stored is not None:
        return _quarter(stored)
    quarter = quarter_named(name, fiscal_start_month)
    return None if quarter is None else as_stored(session, team_id, quarter)


def find(session: Session, team_id: str, quarter: Quarter) -> Cycle | None:
    """The stored cycle of a quarter from `named` or `as_stored`; None when not created yet."""
    return _named(session, team_id, quarter.name)


def _quarter(cycle: Cycle) -> Quarter:
    return Quarter(cycle.name, cycle.starts_on, cycle.ends_on)


def _named(session: Session, team_id: str, name: str) -> Cycle | None:
    return session.scalars(
        select(Cycle).where(Cycle.team_id == team_id, Cycle.name == name)
    ).one_or_none()


def _in_use(session: Session, cycle: Cycle) -> bool:
    """Whether any objective, even an archived or deleted one, was ever set in the cycle."""
    return bool(
        session.scalar(
            select(
                exists().where(Objective.team_id == cycle.team_id, Objective.cycle_id == cycle.id)
            )
        )
    )
