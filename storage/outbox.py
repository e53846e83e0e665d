"""Queries about the outbox: messages decided on, waiting to be sent or sent (bot/delivery/)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import OutboxMessage

# Set on a session that queued a message, so that its commit can wake the sender.
QUEUED = "outbox_queued"

PENDING, SENT, FAILED = "pending", "sent", "failed"


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
                    status=PENDING,
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


@dataclass(frozen=True)
class NewMessage:
    """One row for `enqueue_all`: what `enqueue` takes, but the workspace and the instant."""

    dedupe_key: str
    kind: str
    channel: str
    payload: dict[str, Any]
    not_before: datetime
    method: str = "chat.postMessage"
    edits_key: str | None = None


# Rows an INSERT of enqueue_all carries: SQLAlchemy's insertmanyvalues page, so a caller that
# queues this many at a time sends the statements one call for them all would.
INSERT_BATCH = 1000


def enqueue_all(
    session: Session, team_id: str, messages: Sequence[NewMessage], *, now: datetime
) -> set[str]:
    """Queue many messages as `enqueue` does one, in one INSERT … ON CONFLICT DO NOTHING
    (a batch per 1,000 rows): the keys that were new. A key queued before, by this transaction
    or another at the same moment, changes nothing and is left out of the answer."""
    if not messages:
        return set()
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(OutboxMessage)
        .on_conflict_do_nothing(index_elements=["team_id", "dedupe_key"])
        .returning(OutboxMessage.dedupe_key)
    )
    rows = [
        {
            "team_id": team_id,
            "dedupe_key": message.dedupe_key,
            "kind": message.kind,
            "method": message.method,
            "channel": message.channel,
            "payload": message.payload,
            "status": PENDING,
            "attempts": 0,
            "not_before": message.not_before,
            "created_at": now,
            "edits_key": message.edits_key,
            "unsure": False,
        }
        for message in messages
    ]
    queued = set(session.scalars(statement, rows))
    if queued:
        session.info[QUEUED] = True
    return queued


def find(session: Session, team_id: str, dedupe_key: str) -> OutboxMessage | None:
    """The row queued under that key in the workspace, if any."""
    return session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.team_id == team_id, OutboxMessage.dedupe_key == dedupe_key
        )
    ).one_or_none()


def claim(
    session: Session, *, sender: str, now: datetime, until: datetime, limit: int
) -> list[OutboxMessage]:
    """Up to `limit` rows due at `now`, oldest first, leased to `sender` until `until`, across
    workspaces (the sender serves them all). A row whose lease ran out is due again, and is then
    marked unsure: its sender may have died in the middle of the call.

    PostgreSQL skips rows another sender is claiming (FOR UPDATE SKIP LOCKED); SQLite's
    BEGIN IMMEDIATE lets one writer claim at a time."""
    rows = list(
        session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.status == PENDING,
                OutboxMessage.not_before <= now,
                or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until <= now),
            )
            .order_by(OutboxMessage.not_before, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for row in rows:
        if row.claimed_by is not None:
            row.unsure = True
        row.claimed_by, row.claimed_until = sender, until
    session.flush()
    return rows


@dataclass(frozen=True)
class Settlement:
    """What became of one claimed row: the values it takes, its lease given back."""

    row_id: int
    team_id: str
    values: dict[str, Any]


def sent(row_id: int, team_id: str, *, channel: str, ts: str, now: datetime) -> Settlement:
    """The message is in Slack: `ts` in `channel` (the DM's id when it went to a user id)."""
    values = {"status": SENT, "sent_channel": channel, "slack_ts": ts, "sent_at": now}
    return Settlement(row_id, team_id, values | {"last_error": None, "unsure": False})


def retry(
    row_id: int,
    team_id: str,
    *,
    not_before: datetime,
    error: str | None,
    attempts: int,
    unsure: bool,
) -> Settlement:
    """Not sent this time; tried again from `not_before`. `unsure` when a call may have
    reached Slack all the same."""
    values = {"not_before": not_before, "last_error": error, "attempts": attempts}
    return Settlement(row_id, team_id, values | {"unsure": unsure})


def failed(row_id: int, team_id: str, *, error: str, attempts: int) -> Settlement:
    """Never to be sent: the reason is kept for operators (the dead letters)."""
    return Settlement(
        row_id, team_id, {"status": FAILED, "last_error": error, "attempts": attempts}
    )


def settle(session: Session, sender: str, settlements: Sequence[Settlement]) -> None:
    """Record what became of rows `sender` claimed, one statement per kind of outcome. A row
    whose lease ran out and was claimed by another sender is left to that one."""
    table = OutboxMessage.__table__
    assert isinstance(table, Table)
    by_columns: dict[tuple[str, ...], list[Settlement]] = {}
    for settlement in settlements:
        by_columns.setdefault(tuple(sorted(settlement.values)), []).append(settlement)
    for columns, group in by_columns.items():
        statement = (
            update(table)
            .where(
                table.c.id == bindparam("row_id"),
                table.c.team_id == bindparam("row_team_id"),
                table.c.claimed_by == sender,
            )
            .values({column: bindparam(f"new_{column}") for column in columns})
            .values(claimed_by=None, claimed_until=None)
        )
        session.execute(
            statement,
            [
                {"row_id": s.row_id, "row_team_id": s.team_id}
                | {f"new_{column}": value for column, value in s.values.items()}
                for s in group
            ],
        )


def hold(session: Session, team_id: str, until: datetime) -> None:
    """Slack asked the workspace to wait: none of its pending rows is due before `until`."""
    session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.team_id == team_id,
            OutboxMessage.status == PENDING,
            OutboxMessage.not_before < until,
        )
        .values(not_before=until)
    )


def release(session: Session, sender: str) -> int:
    """Give back the rows `sender` holds and has not called Slack for (a clean stop); how many."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.claimed_by == sender, OutboxMessage.status == PENDING)
        .values(claimed_by=None, claimed_until=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def fail_pending(session: Session, team_id: str, reason: str) -> int:
    """Give up every message still to send to the workspace, keeping why; how many."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.team_id == team_id, OutboxMessage.status == PENDING)
        .values(status=FAILED, last_error=reason, claimed_by=None, claimed_until=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def team_ids(session: Session) -> list[str]:
    """The workspaces that have rows in the outbox."""
    return list(session.scalars(select(OutboxMessage.team_id).distinct()))


def prune(session: Session, team_id: str, sent_before: datetime) -> int:
    """Forget the workspace's messages sent before then; how many. A message some pending
    chat.update still edits is kept."""
    editing = select(OutboxMessage.edits_key).where(
        OutboxMessage.team_id == team_id,
        OutboxMessage.status == PENDING,
        OutboxMessage.edits_key.is_not(None),
    )
    result = session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.team_id == team_id,
            OutboxMessage.status == SENT,
            OutboxMessage.sent_at < sent_before,
            OutboxMessage.dedupe_key.not_in(editing),
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def counts(session: Session) -> dict[str, int]:
    """How many rows are in each status, for operators: pending, sent, failed."""
    found = session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    return {PENDING: 0, SENT: 0, FAILED: 0} | {status: int(n) for status, n in found}


def failures(session: Session, *, limit: int) -> list[OutboxMessage]:
    """The latest rows that will not be sent, with their reasons."""
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status == FAILED)
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
    )
