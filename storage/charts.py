"""Queries about the charts uploaded to Slack: which file shows which objective, drawn from what."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import ChartFile


def uploaded(
    session: Session, team_id: str, subject: str, subject_ids: Collection[int]
) -> dict[int, ChartFile]:
    """{subject id: its uploaded chart} for those of these subjects that have one."""
    if not subject_ids:
        return {}
    rows = session.scalars(
        select(ChartFile).where(
            ChartFile.team_id == team_id,
            ChartFile.subject == subject,
            ChartFile.subject_id.in_(subject_ids),
        )
    )
    return {row.subject_id: row for row in rows}


def record(
    session: Session,
    team_id: str,
    subject: str,
    subject_id: int,
    *,
    file_id: str,
    fingerprint: str,
    now: datetime,
) -> None:
    """Remember the file now showing the subject; two uploads at once: the later one stays
    (INSERT … ON CONFLICT DO UPDATE, so neither fails on the unique key)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(ChartFile).values(
        team_id=team_id,
        subject=subject,
        subject_id=subject_id,
        file_id=file_id,
        fingerprint=fingerprint,
        uploaded_at=now,
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["team_id", "subject", "subject_id"],
            set_={"file_id": file_id, "fingerprint": fingerprint, "uploaded_at": now},
        )
    )
