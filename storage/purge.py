"""Deleting everything the bot holds about one workspace, in one transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Table, delete, func, select
from sqlalchemy.orm import Session

from storage import installations
from storage.models import Base

# The stores' tables, built once: slack_sdk's definitions, as the migration made them.
_STORE_TABLES = installations.tables()


def _workspace_tables() -> list[Table]:
    """Every table with a team_id, those that refer to others first (so that no foreign key
    stops a delete), the installations' tables last."""
    ours = [t for t in reversed(Base.metadata.sorted_tables) if "team_id" in t.c]
    stores = [t for t in _STORE_TABLES.sorted_tables if "team_id" in t.c]
    return ours + stores


def held(session: Session, team_id: str) -> dict[str, int]:
    """How many rows of each table belong to the workspace (tables with none left out)."""
    counts = {}
    for table in _workspace_tables():
        count = session.scalar(
            select(func.count()).select_from(table).where(table.c.team_id == team_id)
        )
        if count:
            counts[table.name] = int(count)
    return counts


def purge(session: Session, team_id: str, now: datetime) -> dict[str, int]:
    """Delete the workspace's rows from every table, and OAuth states that expired (they name
    no workspace); how many rows of each table went."""
    deleted = {}
    for table in _workspace_tables():
        result = session.execute(delete(table).where(table.c.team_id == team_id))
        if result.rowcount:  # type: ignore[attr-defined]
            deleted[table.name] = int(result.rowcount)  # type: ignore[attr-defined]
    states = _STORE_TABLES.tables["slack_oauth_states"]
    # slack_sdk stores naive UTC instants
    session.execute(
        delete(states).where(states.c.expire_at < now.astimezone(UTC).replace(tzinfo=None))
    )
    return deleted
