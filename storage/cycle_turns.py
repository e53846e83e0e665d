"""Queries of the `cycle` job (bot/cycle_turn/): the objectives of a cycle with their key
results, the copies carried into the next one, the owners' profiles and what was queued. A few
statements for the whole workspace, however many owners it has."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import Cycle, Objective, OutboxMessage, Person


def ended_on(session: Session, team_id: str, day: date) -> Cycle | None:
    """The oldest cycle that ended on `day`: the one before a cycle starting the day after."""
    return session.scalars(
        select(Cycle)
        .where(Cycle.team_id == team_id, Cycle.ends_on == day)
        .order_by(Cycle.id)
        .limit(1)
    ).first()


def objectives_of(
    session: Session, team_id: str, cycle_id: int, *, open_only: bool = False
) -> list[Objective]:
    """The cycle's active objectives with their key results, by owner then age; `open_only`
    leaves out those closed (scored) already."""
    conditions = [
        Objective.team_id == team_id,
        Objective.cycle_id == cycle_id,
        Objective.state == "active",
    ]
    if open_only:
        conditions.append(Objective.closed_at.is_(None))
    return list(
        session.scalars(
            select(Objective)
            .where(*conditions)
            .options(selectinload(Objective.key_results))
            .order_by(Objective.owner_id, Objective.created_at, Objective.id)
        )
    )


def carried_from(session: Session, team_id: str, cycle_id: int) -> set[int]:
    """The ids of the objectives that copies in the cycle were carried over from."""
    rows = session.scalars(
        select(Objective.carried_from_id).where(
            Objective.team_id == team_id,
            Objective.cycle_id == cycle_id,
            Objective.state != "deleted",
            Objective.carried_from_id.is_not(None),
        )
    )
    return {row for row in rows if row is not None}


def people(session: Session, team_id: str, user_ids: Collection[str]) -> dict[str, Person]:
    """The stored profiles of these people (their time zones), by user id."""
    if not user_ids:
        return {}
    rows = session.scalars(
        select(Person).where(Person.team_id == team_id, Person.user_id.in_(sorted(user_ids)))
    )
    return {row.user_id: row for row in rows}


def queued(session: Session, team_id: str, keys: Collection[str]) -> set[str]:
    """Which of these outbox keys were queued before, so that a tick renders only what is new."""
    if not keys:
        return set()
    rows = session.scalars(
        select(OutboxMessage.dedupe_key).where(
            OutboxMessage.team_id == team_id, OutboxMessage.dedupe_key.in_(sorted(keys))
        )
    )
    return set(rows)
