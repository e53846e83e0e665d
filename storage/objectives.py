"""Queries about objectives: one statement per question, never one per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, func, or_, select, true
from sqlalchemy.orm import Session, joinedload, selectinload

from storage.models import KeyResult, Objective

LEVEL_ORDER = case({"company": 0, "team": 1}, value=Objective.level, else_=2)


@dataclass(frozen=True)
class Viewer:
    """Who is looking: private objectives show only to their owner and to admins."""

    user_id: str
    is_admin: bool


@dataclass(frozen=True)
class Filter:
    """Which objectives: at most one of owner, team channel or level is usually given."""

    cycle_id: int
    owner_id: str | None = None
    team_channel_id: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class ParentSummary:
    id: int
    title: str
    state: str
    visible: bool


def visible_to(viewer: Viewer) -> ColumnElement[bool]:
    if viewer.is_admin:
        return true()
    return or_(Objective.visibility == "public", Objective.owner_id == viewer.user_id)


def find(
    session: Session, team_id: str, objective_id: int, *, for_update: bool = False
) -> Objective | None:
    """The objective of this workspace with that id, whatever its state.

    `for_update` locks its row until the transaction ends, and reads it again once locked, so
    that a request changing it never works from what another one has just changed (SQLite
    ignores the lock: its writers take the whole database at BEGIN IMMEDIATE).
    """
    query = select(Objective).where(Objective.team_id == team_id, Objective.id == objective_id)
    if for_update:
        # FOR NO KEY UPDATE: an objective aligned to this one may still be saved meanwhile.
        query = query.with_for_update(key_share=True).execution_options(populate_existing=True)
    return session.scalars(query).one_or_none()


def key_result(session: Session, team_id: str, key_result_id: int) -> KeyResult | None:
    """The key result of this workspace with that id."""
    return session.scalars(
        select(KeyResult).where(KeyResult.team_id == team_id, KeyResult.id == key_result_id)
    ).one_or_none()


def page(
    session: Session, team_id: str, which: Filter, viewer: Viewer, *, offset: int, limit: int
) -> list[Objective]:
    """Active objectives the viewer may see, company first, with their key results."""
    query = (
        select(Objective)
        .where(
            Objective.team_id == team_id,
            Objective.cycle_id == which.cycle_id,
            Objective.state == "active",
            visible_to(viewer),
        )
        .options(selectinload(Objective.key_results))
        # One level's objectives all sort alike: by id alone, the order of its index.
        .order_by(*([] if which.level is not None else [LEVEL_ORDER]), Objective.id)
        .offset(offset)
        .limit(limit)
    )
    if which.owner_id is not None:
        query = query.where(Objective.owner_id == which.owner_id)
    if which.team_channel_id is not None:
        query = query.where(Objective.team_channel_id == which.team_channel_id)
    if which.level is not None:
        query = query.where(Objective.level == which.level)
    return list(session.scalars(query))


def parents(
    session: Session, team_id: str, ids: Collection[int], viewer: Viewer
) -> dict[int, ParentSummary]:
    if not ids:
        return {}
    rows = session.execute(
        select(Objective.id, Objective.title, Objective.state, visible_to(viewer)).where(
            Objective.team_id == team_id, Objective.id.in_(ids)
        )
    )
    return {id_: ParentSummary(id_, title, state, bool(seen)) for id_, title, state, seen in rows}


def aligned_counts(
    session: Session, team_id: str, ids: Collection[int], viewer: Viewer
) -> dict[int, int]:
    """How many active objectives the viewer may see are aligned to each of `ids`."""
    if not ids:
        return {}
    rows = session.execute(
        select(Objective.parent_id, func.count())
        .where(
            Objective.team_id == team_id,
            Objective.parent_id.in_(ids),
            Objective.state == "active",
            visible_to(viewer),
        )
        .group_by(Objective.parent_id)
    )
    return {parent_id: count for parent_id, count in rows if parent_id is not None}


def active_count(session: Session, team_id: str, owner_id: str, cycle_id: int) -> int:
    count = session.scalar(
        select(func.count()).where(
            Objective.team_id == team_id,
            Objective.owner_id == owner_id,
            Objective.cycle_id == cycle_id,
            Objective.state == "active",
        )
    )
    return int(count or 0)


def parent_candidates(
    session: Session,
    team_id: str,
    cycle_id: int,
    viewer: Viewer,
    text: str,
    limit: int,
    *,
    personal_of: Collection[str],
) -> list[Objective]:
    """Active company and team objectives of the cycle whose title contains `text`, company
    first, and the personal ones of `personal_of` (never a teammate's personal objective)."""
    query = (
        select(Objective)
        .where(
            Objective.team_id == team_id,
            Objective.cycle_id == cycle_id,
            Objective.state == "active",
            visible_to(viewer),
            or_(Objective.level != "personal", Objective.owner_id.in_(list(personal_of))),
        )
        .order_by(LEVEL_ORDER, Objective.title, Objective.id)
        .limit(limit)
    )
    if text.strip():
        query = query.where(func.lower(Objective.title).contains(text.strip().lower()))
    return list(session.scalars(query))


def links(session: Session, team_id: str, cycle_id: int) -> dict[int, int | None]:
    """{objective id: parent id} for every objective of the cycle, to walk alignment chains."""
    rows = session.execute(
        select(Objective.id, Objective.parent_id).where(
            Objective.team_id == team_id, Objective.cycle_id == cycle_id
        )
    )
    return {id_: parent_id for id_, parent_id in rows}


def children(session: Session, team_id: str, objective_id: int) -> list[Objective]:
    return list(
        session.scalars(
            select(Objective).where(
                Objective.team_id == team_id,
                Objective.parent_id == objective_id,
                Objective.state != "deleted",
            )
        )
    )


def own_active_key_result_ids(
    session: Session, team_id: str, owner_id: str, cycle_id: int
) -> list[int]:
    """The ids of the key results of `own_active`, in the order they are numbered: one query."""
    # The owner's objectives as a list to search key results by: SQLite, without statistics,
    # would otherwise walk every key result of the workspace and look up each one's objective.
    owned = select(Objective.id).where(
        Objective.team_id == team_id,
        Objective.owner_id == owner_id,
        Objective.cycle_id == cycle_id,
        Objective.state == "active",
    )
    return list(
        session.scalars(
            select(KeyResult.id)
            .join(Objective, Objective.id == KeyResult.objective_id)
            .where(KeyResult.team_id == team_id, KeyResult.objective_id.in_(owned))
            .order_by(Objective.created_at, Objective.id, KeyResult.position, KeyResult.id)
        )
    )


def own_active(
    session: Session,
    team_id: str,
    owner_id: str,
    cycle_id: int,
    *,
    with_key_results: bool = False,
) -> list[Objective]:
    """The owner's active objectives of the cycle, oldest first: the order their numbers follow;
    `with_key_results` loads their key results in the same round trip's second statement."""
    query = (
        select(Objective)
        .where(
            Objective.team_id == team_id,
            Objective.owner_id == owner_id,
            Objective.cycle_id == cycle_id,
            Objective.state == "active",
        )
        .order_by(Objective.created_at, Objective.id)
    )
    if with_key_results:
        query = query.options(selectinload(Objective.key_results))
    return list(session.scalars(query))


def own_active_by_owner(
    session: Session, team_id: str, owner_ids: Collection[str], cycle_id: int
) -> dict[str, list[Objective]]:
    """`own_active` of many owners at once, with their key results: one query however many
    owners there are (a workspace's whole fan-out of prompts), joined so that the key results
    come in the same statement."""
    found: dict[str, list[Objective]] = defaultdict(list)
    if not owner_ids:
        return found
    rows = session.scalars(
        select(Objective)
        .where(
            Objective.team_id == team_id,
            Objective.owner_id.in_(sorted(owner_ids)),
            Objective.cycle_id == cycle_id,
            Objective.state == "active",
        )
        .options(joinedload(Objective.key_results))
        .order_by(Objective.owner_id, Objective.created_at, Objective.id)
    ).unique()
    for objective in rows:
        found[objective.owner_id].append(objective)
    return found
