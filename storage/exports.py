"""Queries for export and import: a cycle's objectives with their key results and check-ins."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, with_loader_criteria

from storage.models import CheckIn, Cycle, KeyResult, Objective, Workspace
from storage.objectives import LEVEL_ORDER, Viewer, visible_to


def cycle_objectives(
    session: Session, team_id: str, cycle_id: int, viewer: Viewer | None
) -> list[Objective]:
    """The cycle's active and archived objectives (all, or those `viewer` may see), company
    first, with their key results and the check-ins not deleted: three statements."""
    query = (
        select(Objective)
        .where(
            Objective.team_id == team_id,
            Objective.cycle_id == cycle_id,
            Objective.state != "deleted",
        )
        .options(
            selectinload(Objective.key_results).selectinload(KeyResult.check_ins),
            with_loader_criteria(CheckIn, CheckIn.deleted_at.is_(None)),
        )
        .order_by(LEVEL_ORDER, Objective.id)
    )
    if viewer is not None:
        query = query.where(visible_to(viewer))
    return list(session.scalars(query))


def visible_count(session: Session, team_id: str, cycle_id: int, viewer: Viewer) -> int:
    """How many objectives of the cycle an export for `viewer` would hold."""
    count = session.scalar(
        select(func.count()).where(
            Objective.team_id == team_id,
            Objective.cycle_id == cycle_id,
            Objective.state != "deleted",
            visible_to(viewer),
        )
    )
    return int(count or 0)


def cycle_names(session: Session, team_id: str) -> list[str]:
    """The workspace's cycles, oldest first, to say which exist."""
    return list(
        session.scalars(
            select(Cycle.name).where(Cycle.team_id == team_id).order_by(Cycle.starts_on, Cycle.id)
        )
    )


def team_ids(session: Session) -> list[str]:
    """Every workspace the database holds (the command line picks one)."""
    return list(session.scalars(select(Workspace.team_id).order_by(Workspace.team_id)))


def existing_titles(
    session: Session, team_id: str, cycle_id: int, owner_ids: Collection[str]
) -> set[tuple[str, str]]:
    """(owner, case-folded title) of the objectives not deleted of these owners in the cycle:
    folded here, since SQLite's lower() leaves all but ASCII letters alone."""
    if not owner_ids:
        return set()
    rows = session.execute(
        select(Objective.owner_id, Objective.title).where(
            Objective.team_id == team_id,
            Objective.cycle_id == cycle_id,
            Objective.owner_id.in_(sorted(owner_ids)),
            Objective.state != "deleted",
        )
    )
    return {(owner, title.casefold()) for owner, title in rows}
