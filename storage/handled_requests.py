"""Queries about the requests the bot has acted on (see bot/replays.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import HandledRequest


def find(session: Session, team_id: str, key: str) -> HandledRequest | None:
    """The record of a request; its primary key holds the team_id."""
    return session.get(HandledRequest, (team_id, key))


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
