"""Queries for closing a cycle: an owner's objectives to score, and the copies carried over."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, selectinload

from storage.models import Cycle, Objective


def open_count(session: Session, team_id: str, owner_id: str, cycle_id: int) -> int:
    """How many of the owner's active objectives of the cycle are not closed yet."""
    count = session.scalar(
        select(func.count()).where(
            Objective.team_id == team_id,
            Objective.owner_id == owner_id,
            Objective.cycle_id == cycle_id,
            Objective.state == "active",
            Objective.closed_at.is_(None),
        )
    )
    return int(count or 0)


def locked(session: Session, team_id: str, ids: Collection[int]) -> list[Objective]:
    """The objectives of this workspace with these ids, whatever their state, locked until the
    transaction ends: a form sent twice at once closes and carries one after the other."""
    if not ids:
        return []
    return list(
        session.scalars(
            select(Objective)
            .where(Objective.team_id == team_id, Objective.id.in_(sorted(ids)))
            .options(selectinload(Objective.key_results))
            .order_by(Objective.id)
            .with_for_update(key_share=True, of=Objective)
            .execution_options(populate_existing=True)
        )
    )


def copies_of(session: Session, team_id: str, ids: Collection[int]) -> dict[int, Objective]:
    """{original id: its copy} for the objectives of `ids` carried over already (not deleted)."""
    if not ids:
        return {}
    rows = session.scalars(
        select(Objective)
        .where(
            Objective.team_id == team_id,
            Objective.carried_from_id.in_(sorted(ids)),
            Objective.state != "deleted",
        )
        .order_by(Objective.id)
    )
    found: dict[int, Objective] = {}
    for row in rows:
        if row.carried_from_id is not None:
            found.setdefault(row.carried_from_id, row)
    return found


def sources(session: Session, team_id: str, ids: Collection[int]) -> dict[int, str]:
    """{original id: its cycle's name}, for "carried from 2026-Q4"."""
    if not ids:
        return {}
    rows = session.execute(
        select(Objective.id, Cycle.name)
        .join(Cycle, Cycle.id == Objective.cycle_id)
        .where(Objective.team_id == team_id, Objective.id.in_(sorted(ids)))
    )
    return {id_: name for id_, name in rows}


def unaligned_copies(
    session: Session, team_id: str, parent_id: int, cycle_id: int
) -> list[Objective]:
    """Copies in the cycle without a parent whose originals were aligned to `parent_id`: the
    children carried over before their parent was."""
    original = aliased(Objective)
    return list(
        session.scalars(
            select(Objective)
            .join(original, original.id == Objective.carried_from_id)
            .where(
                Objective.team_id == team_id,
                Objective.cycle_id == cycle_id,
                Objective.parent_id.is_(None),
                Objective.state != "deleted",
                original.team_id == team_id,
                original.parent_id == parent_id,
            )
            .order_by(Objective.id)
        )
    )
