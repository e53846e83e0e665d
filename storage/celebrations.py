"""Queries about milestones reached: each written once, whoever writes it first."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import MilestoneReached


def reach(
    session: Session,
    team_id: str,
    subject: str,
    subject_id: int,
    milestones: Collection[int],
    *,
    check_in_id: int | None,
    now: datetime,
) -> set[int]:
    """Write the milestones the subject (a key_result or an objective) reached: the ones that
    were new. One reached before, by this transaction or another committing at the same moment,
    changes nothing and is left out of the answer (INSERT … ON CONFLICT DO NOTHING)."""
    if not milestones:
        return set()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(MilestoneReached)
        .on_conflict_do_nothing(index_elements=["team_id", "subject", "subject_id", "milestone"])
        .returning(MilestoneReached.milestone)
    )
    rows = [
        {
            "team_id": team_id,
            "subject": subject,
            "subject_id": subject_id,
            "milestone": milestone,
            "check_in_id": check_in_id,
            "reached_at": now,
        }
        for milestone in sorted(set(milestones))
    ]
    return set(session.scalars(statement, rows))
