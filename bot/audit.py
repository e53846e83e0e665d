"""The audit trail: who changed what, when, from which value to which."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from storage.models import AuditEvent


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """{field: {"old": …, "new": …}} for the fields whose value changed."""
    return {
        key: {"old": _plain(before.get(key)), "new": _plain(after[key])}
        for key in after
        if before.get(key) != after[key]
    }


def record(
    session: Session,
    *,
    team_id: str,
    actor_id: str,
    entity: str,
    entity_id: int,
    action: str,
    at: datetime,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        team_id=team_id,
        actor_id=actor_id,
        entity=entity,
        entity_id=entity_id,
        action=action,
        at=at,
        changes=changes or {},
    )
    session.add(event)
    return event
