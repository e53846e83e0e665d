"""Queries for check-in prompts: who is asked (owners of active key results), when each last
checked in, and the prompts and reminders already queued (bot/prompts/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import CheckIn, KeyResult, Objective, OutboxMessage, Person, Workspace

ASKING_KINDS = ("prompt", "reminder")


@dataclass(frozen=True)
class Candidate:
    """A person who owns active key results in the cycle, and their latest check-in."""

    person: Person
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
        select(Person, latest.c.at)
        .outerjoin(latest, latest.c.author_id == Person.user_id)
        .where(Person.team_id == team_id, Person.is_active, Person.user_id.in_(owners))
        .order_by(Person.user_id)
    )
    return [Candidate(person, at) for person, at in rows]


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
