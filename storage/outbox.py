"""Queries about the outbox: messages decided on, waiting to be sent or sent (bot/delivery/)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import OutboxMessage

# Set on a session that queued a message, so that its commit can wake the sender.
QUEUED = "outbox_queued"


def enqueue(
    session: Session,
    *,
    team_id: str,
    dedupe_key: str,
    kind: str,
    channel: str,
    payload: dict[str, Any],
    not_before: datetime,
    now: datetime,
    method: str = "chat.postMessage",
    edits_key: str | None = None,
) -> bool:
    """Queue a message once per (team_id, dedupe_key): False, changing nothing, when that key
    was queued before. The caller's transaction holds the decision and the row together."""
    if find(session, team_id, dedupe_key) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(
                OutboxMessage(
                    team_id=team_id,
                    dedupe_key=dedupe_key,
                    kind=kind,
                    method=method,
                    channel=channel,
                    payload=payload,
                    status="pending",
                    attempts=0,
                    not_before=not_before,
                    created_at=now,
                    edits_key=edits_key,
                )
            )
    except IntegrityError:  # queued at the same moment by another transaction
        return False
    session.info[QUEUED] = True
    return True


def find(session: Session, team_id: str, dedupe_key: str) -> OutboxMessage | None:
    """The row queued under that key in the workspace, if any."""
    return session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.team_id == team_id, OutboxMessage.dedupe_key == dedupe_key
        )
    ).one_or_none()
