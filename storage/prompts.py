"""Queries for check-in prompts: who is asked (owners of active key results), when each last
checked in, and the prompts and reminders already queued (bot/prompts/)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage.models import CheckIn, KeyResult, Objective, OutboxMessage, Person, Workspace

ASKING_KINDS = ("prompt", "reminder")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person who owns active key results in the cycle: what deciding their prompt reads of
    them, and their latest check-in. Plain values, not the `Person` entity: a workspace of
    10,000 people is 10,000 of these at once, kept out of the session's identity map."""

    user_id: str
    time_zone: str
    prompt_weekday: int | None
    prompt_minute: int | None
    prompts_off: bool
    paused_until: datetime | None
    snoozed_until: datetime | None
    skipped_period: str | None
    status_emoji: str
    status_text: str
    status_expiration: datetime | None
    last_check_in: datetime | None


def candidates(
    session: Session, team_id: str, cycle_id: int, checked_in_since: datetime
) -> list[Candidate]:
    """Everyone active in the workspace who owns an active key result of the cycle, with their
    latest check-in since `checked_in_since`: one query for the whole workspace."""
    owners = (
        select(Objective.owner_id)
        .join(KeyResult, KeyResult.objective_id == Objective.id)
        .where(
            Objective.team_id == team_id,
            Objective.cycle_id == cycle_id,
            Objective.state == "active",
            KeyResult.team_id == team_id,
        )
        .distinct()
    )
    latest = (
        select(CheckIn.author_id, func.max(CheckIn.created_at).label("at"))
        .where(
            CheckIn.team_id == team_id,
            CheckIn.deleted_at.is_(None),
            CheckIn.created_at >= checked_in_since,
        )
        .group_by(CheckIn.author_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Person.user_id,
            Person.time_zone,
            Person.prompt_weekday,
            Person.prompt_minute,
            Person.prompts_off,
            Person.paused_until,
            Person.snoozed_until,
            Person.skipped_period,
            Person.status_emoji,
            Person.status_text,
            Person.status_expiration,
            latest.c.at.label("last_check_in"),
        )
        .outerjoin(latest, latest.c.author_id == Person.user_id)
        .where(Person.team_id == team_id, Person.is_active, Person.user_id.in_(owners))
        .order_by(Person.user_id)
    )
    return [Candidate(**row._mapping) for row in rows]


def snoozes_done(session: Session, team_id: str, user_ids: Collection[str]) -> None:
    """The snoozed prompts of these people were sent again: one update for all of them."""
    if user_ids:
        session.execute(
            update(Person)
            .where(Person.team_id == team_id, Person.user_id.in_(sorted(user_ids)))
            .values(snoozed_until=None)
            .execution_options(synchronize_session=False)
        )


def asked_since(session: Session, team_id: str, since: datetime) -> dict[str, datetime]:
    """Prompts and reminders queued since `since`: key -> when it was queued."""
    rows = session.execute(
        select(OutboxMessage.dedupe_key, OutboxMessage.created_at).where(
            OutboxMessage.team_id == team_id,
            OutboxMessage.kind.in_(ASKING_KINDS),
            OutboxMessage.created_at >= since,
        )
    )
    return {key: at for key, at in rows}


def prompts_of_period(
    session: Session, team_id: str, user_id: str, key_prefix: str
) -> list[OutboxMessage]:
    """The prompts DMed to the person whose key starts with `key_prefix` ("prompt:U1:2026-W49"),
    latest last. By their DM channel (a prompt goes to its person's user id), which an index
    searches: a key's prefix is not searchable (LIKE with a parameter), so it only filters."""
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.team_id == team_id,
                OutboxMessage.channel == user_id,
                OutboxMessage.kind == "prompt",
                OutboxMessage.dedupe_key.startswith(key_prefix, autoescape=True),
            )
            .order_by(OutboxMessage.created_at, OutboxMessage.id)
        )
    )


def team_ids(session: Session) -> list[str]:
    """Every workspace the bot is installed in: each job walks them one transaction at a time
    (one that uninstalled the app is skipped until it installs again)."""
    return list(
        session.scalars(
            select(Workspace.team_id)
            .where(Workspace.uninstalled_at.is_(None))
            .order_by(Workspace.team_id)
        )
    )
