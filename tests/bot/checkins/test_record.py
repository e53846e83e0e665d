"""Writing check-ins: the key result follows its latest live check-in; edits are audited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.checkins import record
from bot.checkins.values import Entry
from storage.db import Database
from storage.models import AuditEvent, CheckIn, KeyResult
from tests import factories

NOW = datetime(2026, 11, 16, 14, tzinfo=UTC)


def signups(db: Database) -> int:
    with db.begin() as session:
        return factories.objective(session, NOW).key_results[0].id


def write(db: Database, kr_id: int, value: float, day: date, at: datetime, **kw: str) -> int:
    with db.begin() as session:
        kr = session.get(KeyResult, kr_id)
        assert kr is not None
        (row,) = record.record(
            session,
            author_id="U1",
            key_results=[kr],
            entries=[Entry(kr_id, value, kw.get("confidence", "on_track"), "")],
            effective_on=day,
            now=at,
            source="message",
            source_ref=kw.get("source_ref"),
        )
        return row.id


def check_in(session: Session, check_in_id: int) -> CheckIn:
    found = session.get(CheckIn, check_in_id)
    assert found is not None
    return found


def current(db: Database, kr_id: int) -> tuple[float | None, str | None]:
    with db.begin() as session:
        kr = session.get(KeyResult, kr_id)
        assert kr is not None
        return kr.current_value, kr.confidence


def test_the_latest_effective_date_wins_then_the_latest_written(db: Database) -> None:
    kr_id = signups(db)
    write(db, kr_id, 30, date(2026, 11, 10), NOW)
    assert current(db, kr_id) == (30, "on_track")
    write(db, kr_id, 25, date(2026, 11, 2), NOW + timedelta(hours=1), confidence="at_risk")
    assert current(db, kr_id) == (30, "on_track")  # backdated: not the latest
    write(db, kr_id, 31, date(2026, 11, 10), NOW + timedelta(hours=2), confidence="off_track")
    assert current(db, kr_id) == (31, "off_track")


def test_deleting_falls_back_to_the_check_in_before_and_leaves_an_audit_row(db: Database) -> None:
    kr_id = signups(db)
    first = write(db, kr_id, 30, date(2026, 11, 2), NOW)
    second = write(db, kr_id, 40, date(2026, 11, 9), NOW)
    later = NOW + timedelta(days=1)
    with db.begin() as session:
        record.remove(
            session, [session.get(CheckIn, second)], actor_id="U1", now=later, action="delete"
        )  # type: ignore[list-item]
    assert current(db, kr_id) == (30, "on_track")
    with db.begin() as session:
        record.remove(
            session, [session.get(CheckIn, first)], actor_id="U1", now=later, action="undo"
        )  # type: ignore[list-item]
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.entity_id, e.action) for e in events] == [(second, "delete"), (first, "undo")]
        assert events[0].changes == {"deleted_at": {"old": None, "new": later.isoformat()}}
    assert current(db, kr_id) == (None, None)


def test_an_edit_records_old_and_new_and_an_unchanged_one_records_nothing(db: Database) -> None:
    kr_id = signups(db)
    row_id = write(db, kr_id, 30, date(2026, 11, 16), NOW)
    with db.begin() as session:
        row = check_in(session, row_id)
        assert not record.change(
            session,
            row,
            actor_id="U1",
            now=NOW,
            value=30,
            confidence="on_track",
            note="",
            effective_on=date(2026, 11, 16),
        )
        assert record.change(
            session,
            row,
            actor_id="UADMIN",
            now=NOW,
            value=35,
            confidence="on_track",
            note="",
            effective_on=date(2026, 11, 16),
        )
        (event,) = session.scalars(select(AuditEvent)).all()
        assert (event.actor_id, event.changes) == ("UADMIN", {"value": {"old": 30, "new": 35}})
    assert current(db, kr_id) == (35, "on_track")


def test_one_message_cannot_record_a_key_result_twice(db: Database) -> None:
    kr_id = signups(db)
    write(db, kr_id, 30, date(2026, 11, 16), NOW, source_ref="D1:1763300000.000001")
    with pytest.raises(IntegrityError):  # another value: the same one is a repeat, not written
        write(db, kr_id, 29, date(2026, 11, 16), NOW, source_ref="D1:1763300000.000001")
    write(db, kr_id, 31, date(2026, 11, 16), NOW, source_ref="D1:1763300000.000002")
    write(db, kr_id, 32, date(2026, 11, 16), NOW)
    write(db, kr_id, 33, date(2026, 11, 16), NOW)  # modal check-ins carry no source
