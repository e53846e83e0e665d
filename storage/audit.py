"""Queries about the audit trail: what was done to one thing, and which things were edited."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import AuditEvent


def trail(
    session: Session, team_id: str, entity: str, entity_id: int, *, limit: int
) -> list[AuditEvent]:
    """The latest `limit` events of one thing, newest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.team_id == team_id,
                AuditEvent.entity == entity,
                AuditEvent.entity_id == entity_id,
            )
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )


def updated(session: Session, team_id: str, entity: str, ids: Collection[int]) -> set[int]:
    """Which of these things were ever updated after they were created."""
    return set(
        session.scalars(
            select(AuditEvent.entity_id).where(
                AuditEvent.team_id == team_id,
                AuditEvent.entity == entity,
                AuditEvent.action == "update",
                AuditEvent.entity_id.in_(ids),
            )
        )
    )
