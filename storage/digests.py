"""Queries for the weekly digest (bot/digest/): a workspace's public objectives of a cycle,
their check-ins that tell the week, the owners' names, and the digests already queued. A few
statements for the whole workspace, however many objectives and channels it has."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from storage.models import CheckIn, KeyResult, Objective, OutboxMessage, Person
from storage.objectives import LEVEL_ORDER

DIGEST_KIND = "digest"


def _public_active(team_id: str, cycle_id: int) -> list[ColumnElement[bool]]:
    return [
        Objective.team_id == team_id,
        Objective.cycle_id == cycle_id,
        Objective.state == "active",
        Objective.visibility == "public",
    ]


def public_objectives(session: Session, team_id: str, cycle_id: int) -> list[Objective]:
    """The active public objectives of the cycle with their key results, company first: private
    ones never reach a channel."""
    return list(
        session.scalars(
            select(Objective)
            .where(*_public_active(team_id, cycle_id))
            .options(selectinload(Objective.key_results))
            .order_by(LEVEL_ORDER, Objective.id)
        )
    )


def team_channels(session: Session, team_id: str, cycle_id: int) -> set[str]:
    """The channels of the cycle's active public team objectives."""
    channels = session.scalars(
        select(Objective.team_channel_id)
        .where(
            *_public_active(team_id, cycle_id),
            Objective.level == "team",
            Objective.team_channel_id.is_not(None),
        )
        .distinct()
    )
    return {channel for channel in channels if channel}


def week_check_ins(
    session: Session,
    team_id: str,
    cycle_id: int,
    *,
    first_day: date,
    since: datetime,
    earlier: int,
) -> list[CheckIn]:
    """The live check-ins of the cycle's public objectives that tell the week: those effective
    from `first_day` or recorded since `since`, and the `earlier` latest effective before
    `first_day` of each key result (where it stood when the week began, and the confidences
    just before). Oldest first, in the order that decides the latest; one statement."""
    ranked = (
        select(
            CheckIn.id,
            CheckIn.effective_on,
            CheckIn.created_at,
            func.row_number()
            .over(
                partition_by=(CheckIn.key_result_id, CheckIn.effective_on < first_day),
                order_by=(
                    CheckIn.effective_on.desc(),
                    CheckIn.created_at.desc(),
                    CheckIn.id.desc(),
                ),
            )
            .label("rank"),
        )
        .join(KeyResult, KeyResult.id == CheckIn.key_result_id)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .where(
            CheckIn.team_id == team_id,
            CheckIn.deleted_at.is_(None),
            KeyResult.team_id == team_id,
            *_public_active(team_id, cycle_id),
        )
        .subquery()
    )
    wanted = select(ranked.c.id).where(
        or_(
            ranked.c.effective_on >= first_day,
            ranked.c.created_at >= since,
            ranked.c.rank <= earlier,
        )
    )
    return list(
        session.scalars(
            select(CheckIn)
            .where(CheckIn.team_id == team_id, CheckIn.id.in_(wanted))
            .order_by(CheckIn.effective_on, CheckIn.created_at, CheckIn.id)
        )
    )


def display_names(session: Session, team_id: str, user_ids: Collection[str]) -> dict[str, str]:
    """{user id: display name} of the people stored among `user_ids`."""
    if not user_ids:
        return {}
    rows = session.execute(
        select(Person.user_id, Person.display_name).where(
            Person.team_id == team_id, Person.user_id.in_(sorted(user_ids))
        )
    )
    return {user_id: name for user_id, name in rows}


def queued_channels(session: Session, team_id: str, week: str) -> set[str]:
    """The channels whose digest of `week` was queued (sent or not)."""
    keys = session.scalars(
        select(OutboxMessage.dedupe_key).where(
            OutboxMessage.team_id == team_id,
            OutboxMessage.kind == DIGEST_KIND,
            OutboxMessage.dedupe_key.endswith(f":{week}", autoescape=True),
        )
    )
    return {key.split(":")[1] for key in keys}
