"""Queries about the requests the bot has acted on (see bot/replays.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, literal, select
from sqlalchemy.orm import Session

from storage.models import HandledRequest


def find(session: Session, team_id: str, key: str) -> HandledRequest | None:
    """The record of a request; its primary key holds the team_id."""
    return session.get(HandledRequest, (team_id, key))


def hold_without_waiting(session: Session, team_id: str, key: str) -> bool:
    """Hold the request's key until the transaction ends; False, at once, when another
    transaction holds it (PostgreSQL's advisory lock on the key's 64-bit hash). On SQLite the
    transaction's write lock already keeps every other one out: always True."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    lock = func.hashtextextended(f"{team_id}:{key}", literal(0))
    held = session.scalar(select(func.pg_try_advisory_xact_lock(lock)))
    return bool(held)


def prune(session: Session, team_id: str, handled_before: datetime) -> int:
    """Forget the workspace's requests handled before then; how many."""
    result = session.execute(
        delete(HandledRequest).where(
            HandledRequest.team_id == team_id, HandledRequest.handled_at < handled_before
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def team_ids(session: Session) -> list[str]:
    """The workspaces with handled requests on record."""
    return list(session.scalars(select(HandledRequest.team_id).distinct()))
