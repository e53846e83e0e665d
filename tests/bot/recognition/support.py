"""Check-ins recorded as the bot records them, and the badges and their DMs read back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.checkins import record
from bot.checkins.values import Entry
from storage.db import Database
from storage.models import Badge, KeyResult, OutboxMessage


def check_in(db: Database, kr_id: int, value: float, at: datetime, author: str = "U1") -> None:
    """A check-in made at `at`, dated that UTC day (the workspace's zone)."""
    with db.begin() as session:
        kr = session.get(KeyResult, kr_id)
        assert kr is not None
        rows = record.record(
            session,
            author_id=author,
            key_results=[kr],
            entries=[Entry(kr_id, value, "on_track", "")],
            effective_on=at.date(),
            now=at,
            source="modal",
        )
        assert rows


def badges(db: Database, user_id: str = "U1") -> list[str]:
    with db.begin() as session:
        return list(
            session.scalars(select(Badge.badge).where(Badge.user_id == user_id).order_by(Badge.id))
        )


def badge_dms(db: Database) -> dict[str, str]:
    """Every badge DM queued: key → its text."""
    with db.begin() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "badge").order_by(OutboxMessage.id)
        )
        return {row.dedupe_key: str(row.payload["blocks"]) for row in rows}
