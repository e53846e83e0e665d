"""People with key results in their own time zones, and the prompts job run at an instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import select

from bot.prompts import job
from bot.slack import Clients
from storage.db import Database
from storage.models import OutboxMessage
from tests import factories

CLIENTS = Clients(WebClient(token="xoxb-unused", base_url="http://127.0.0.1:9/"))


def owner(db: Database, user_id: str, zone: str, now: datetime, **person: Any) -> None:
    """Someone in `zone` who owns an objective with one key result of the cycle at `now`."""
    with db.begin() as session:
        row = factories.person(session, user_id, now)
        row.time_zone = zone
        for name, value in person.items():
            setattr(row, name, value)
        factories.objective(session, now, owner=user_id, title=f"Objective of {user_id}")


def tick(db: Database, now: datetime) -> str:
    return job.run(db, CLIENTS, now)


@dataclass(frozen=True)
class Queued:
    key: str
    kind: str
    channel: str
    payload: dict[str, Any]
    not_before: datetime
    created_at: datetime
    edits_key: str | None
    method: str


def queued(db: Database) -> dict[str, Queued]:
    """Every row queued so far, by key."""
    with db.begin() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return {
            row.dedupe_key: Queued(
                row.dedupe_key,
                row.kind,
                row.channel,
                row.payload,
                row.not_before,
                row.created_at,
                row.edits_key,
                row.method,
            )
            for row in rows
        }
