"""The prompts job runs the same SQL statements for 10 people due as for 200: everyone's key
results come in one query and every prompt goes to the outbox in one insert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import Database
from storage.models import Base
from tests import factories
from tests.bot.prompts.support import queued, tick
from tests.databases import analyze, counted
from tests.factories import KR

MONDAY_NINE = datetime(2026, 12, 7, 9, tzinfo=UTC)
ZONES = ("Europe/London", "Africa/Abidjan", "Atlantic/Reykjavik")  # 09:00 there at 09:00 UTC


def seed(db: Database, count: int) -> None:
    """`count` people due at 09:00 UTC with 2 or 3 key results each; three in five held
    back: one paused, one away, one checked in yesterday."""
    now = MONDAY_NINE - timedelta(days=7)
    with db.begin() as session:
        for n in range(count):
            user_id = f"U{n:04}"
            person = factories.person(session, user_id, now)
            person.time_zone = ZONES[n % len(ZONES)]
            krs = [KR(f"KR {k} of {user_id}") for k in range(2 + n % 2)]
            objective = factories.objective(session, now, owner=user_id, key_results=krs)
            if n % 5 == 1:
                person.paused_until = MONDAY_NINE + timedelta(days=7)
            if n % 5 == 2:
                person.status_text = "Out of office"
            if n % 5 == 3:
                yesterday = MONDAY_NINE - timedelta(days=1)
                factories.check_in(
                    session, objective.key_results[0], yesterday, value=5, author=user_id
                )


def statements_of_a_tick(db: Database, count: int) -> tuple[int, str]:
    """The statements of one tick at 09:00 UTC over a database holding only `count` people."""
    with db.begin() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
    seed(db, count)
    analyze(db)  # the statistics of these rows, not of the last test's
    with counted(db) as statements:
        line = tick(db, MONDAY_NINE)
    return len(statements), line


def test_a_tick_costs_the_same_statements_for_10_people_or_200(db: Database) -> None:
    few, few_line = statements_of_a_tick(db, 10)
    many, many_line = statements_of_a_tick(db, 200)
    assert few_line.startswith(
        "4 prompts and 0 reminders queued, 2 skipped (checked in recently), 2 paused, 2 away"
    )
    assert many_line.startswith(
        "80 prompts and 0 reminders queued, 40 skipped (checked in recently), 40 paused, 40 away"
    )
    assert many == few
    prompts = [row for key, row in queued(db).items() if key.startswith("prompt:")]
    assert len(prompts) == 80
    assert "KR 2 of U0199" in str(next(r for r in prompts if r.channel == "U0199").payload)
