"""Queries for 1:1 reviews, the team view and the alignment tree (bot/review/): one statement
per question, whatever the number of people, objectives or check-ins."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from storage.models import CheckIn, KeyResult, Objective
from storage.objectives import LEVEL_ORDER, Viewer, visible_to


def objectives_of(
    session: Session, team_id: str, cycle_id: int, owner_ids: Collection[str], viewer: Viewer
) -> list[Objective]:
    """The owners' active objectives of the cycle the viewer may see, with their key results,
    company first."""
    if not owner_ids:
        return []
    return list(
        session.scalars(
            select(Objective)
            .where(
                Objective.team_id == team_id,
                Objective.cycle_id == cycle_id,
                Objective.state == "active",
                Objective.owner_id.in_(sorted(owner_ids)),
                visible_to(viewer),
            )
            .options(selectinload(Objective.key_results))
            .order_by(Objective.owner_id, LEVEL_ORDER, Objective.created_at, Objective.id)
        )
    )


def latest_check_ins(
    session: Session, team_id: str, key_result_ids: Collection[int], per: int
) -> list[CheckIn]:
    """The `per` latest live check-ins of each key result, oldest first in the order that
    decides the latest: one statement with a window."""
    if not key_result_ids:
        return []
    ranked = (
        select(
            CheckIn.id,
            func.row_number()
            .over(
                partition_by=CheckIn.key_result_id,
                order_by=(
                    CheckIn.effective_on.desc(),
                    CheckIn.created_at.desc(),
                    CheckIn.id.desc(),
                ),
            )
            .label("rank"),
        )
        .where(
            CheckIn.team_id == team_id,
            CheckIn.key_result_id.in_(sorted(key_result_ids)),
            CheckIn.deleted_at.is_(None),
        )
        .subquery()
    )
    return list(
        session.scalars(
            select(CheckIn)
            .where(
                CheckIn.team_id == team_id,
                CheckIn.id.in_(select(ranked.c.id).where(ranked.c.rank <= per)),
            )
            .order_by(CheckIn.effective_on, CheckIn.created_at, CheckIn.id)
        )
    )


def checked_in_owners(
    session: Session,
    team_id: str,
    cycle_id: int,
    owner_ids: Collection[str],
    *,
    first_day: date,
    next_first_day: date,
) -> set[str]:
    """The owners with a live check-in, effective within [first_day, next_first_day), on a key
    result of their active objectives of the cycle."""
    if not owner_ids:
        return set()
    rows = session.scalars(
        select(Objective.owner_id)
        .join(KeyResult, KeyResult.objective_id == Objective.id)
        .join(CheckIn, CheckIn.key_result_id == KeyResult.id)
        .where(
            Objective.team_id == team_id,
            Objective.cycle_id == cycle_id,
            Objective.state == "active",
            Objective.owner_id.in_(sorted(owner_ids)),
            KeyResult.team_id == team_id,
            CheckIn.team_id == team_id,
            CheckIn.deleted_at.is_(None),
            CheckIn.effective_on >= first_day,
            CheckIn.effective_on < next_first_day,
        )
        .distinct()
    )
    return set(rows)


def cycle_objectives(session: Session, team_id: str, cycle_id: int) -> list[Objective]:
    """Every active objective of the cycle with its key results, private ones too (the tree
    keeps their place, not their title, for those who may not see them), company first."""
    return list(
        session.scalars(
            select(Objective)
            .where(
                Objective.team_id == team_id,
                Objective.cycle_id == cycle_id,
                Objective.state == "active",
            )
            .options(selectinload(Objective.key_results))
            .order_by(LEVEL_ORDER, Objective.created_at, Objective.id)
        )
    )
