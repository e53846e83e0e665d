"""The `cycle` job runs the same SQL statements for 10 owners as for 100: everyone's
objectives come in one query, their profiles in one, and every DM goes out in one insert."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import Database
from storage.models import Base
from tests import factories
from tests.bot.cycle_turn.support import keys, tick
from tests.databases import counted
from tests.factories import KR

CREATED = datetime(2026, 10, 5, tzinfo=UTC)
ZONES = ("Europe/London", "Africa/Abidjan", "UTC")


def statements_of_ticks(db: Database, count: int, now: datetime) -> tuple[list[int], str]:
    """The statements of two ticks at `now` over a database holding only `count` owners."""
    with db.begin() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
    with db.begin() as session:
        for n in range(count):
            user_id = f"U{n:04}"
            factories.person(session, user_id, CREATED).time_zone = ZONES[n % len(ZONES)]
            krs = [KR(f"KR {k} of {user_id}") for k in range(2 + n % 2)]
            factories.objective(session, CREATED, owner=user_id, key_results=krs)
    found = []
    for _ in range(2):
        with counted(db) as statements:
            line = tick(db, now)
        found.append(len(statements))
    return found, line


def test_a_tick_costs_the_same_statements_for_10_owners_or_100(db: Database) -> None:
    reminder = datetime(2026, 12, 28, 12, tzinfo=UTC)
    few, _ = statements_of_ticks(db, 10, reminder)
    many, line = statements_of_ticks(db, 100, reminder)
    assert many == few
    assert line.startswith("0 close reminders")  # the second tick: queued already
    assert len(keys(db, "cycle_close")) == 100
    invitation = datetime(2027, 1, 2, 12, tzinfo=UTC)
    few, _ = statements_of_ticks(db, 10, invitation)
    many, _ = statements_of_ticks(db, 100, invitation)
    assert many == few
    assert len(keys(db, "cycle_new")) == 100
