"""Queries about cycles: by id, by name, by dates, and whether objectives were set in one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from storage.models import Cycle, Objective


@dataclass(frozen=True)
class RunningCycle:
    """A cycle that contains a day, with how many active objectives are set in it."""

    name: str
    starts_on: date
    ends_on: date
    active: int


def by_id(session: Session, team_id: str, cycle_id: int) -> Cycle | None:
    return session.scalars(
        select(Cycle).where(Cycle.team_id == team_id, Cycle.id == cycle_id)
    ).one_or_none()


def named(session: Session, team_id: str, name: str) -> Cycle | None:
    """The cycle called exactly `name`: names are unique within a workspace."""
    return session.scalars(
        select(Cycle).where(Cycle.team_id == team_id, Cycle.name == name)
    ).one_or_none()


def named_in_any_case(session: Session, team_id: str, name: str) -> Cycle | None:
    """The oldest cycle whose name is `name` whatever its case, as people type it."""
    return session.scalars(
        select(Cycle)
        .where(Cycle.team_id == team_id, func.lower(Cycle.name) == name.strip().lower())
        .order_by(Cycle.id)
        .limit(1)
    ).first()


def spanning(session: Session, team_id: str, starts_on: date, ends_on: date) -> Cycle | None:
    """The oldest cycle with exactly these dates, whatever it is called."""
    return session.scalars(
        select(Cycle)
        .where(Cycle.team_id == team_id, Cycle.starts_on == starts_on, Cycle.ends_on == ends_on)
        .order_by(Cycle.id)
        .limit(1)
    ).first()


def in_use(session: Session, cycle: Cycle) -> bool:
    """Whether any objective, even an archived or deleted one, was ever set in the cycle."""
    return bool(
        session.scalar(
            select(
                exists().where(Objective.team_id == cycle.team_id, Objective.cycle_id == cycle.id)
            )
        )
    )


def running_on(
    session: Session, team_id: str, day: date, *, except_name: str
) -> list[RunningCycle]:
    """Cycles containing `day` with active objectives in them, but the one called `except_name`."""
    rows = session.execute(
        select(Cycle.name, Cycle.starts_on, Cycle.ends_on, func.count(Objective.id))
        .join(Objective, Objective.cycle_id == Cycle.id)
        .where(
            Cycle.team_id == team_id,
            Objective.team_id == team_id,
            Objective.state == "active",
            Cycle.starts_on <= day,
            Cycle.ends_on >= day,
            Cycle.name != except_name,
        )
        .group_by(Cycle.id, Cycle.name, Cycle.starts_on, Cycle.ends_on)
        .order_by(Cycle.starts_on, Cycle.id)
    )
    return [RunningCycle(name, start, end, count) for name, start, end, count in rows]
