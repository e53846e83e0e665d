"""The `badges` job: at a cycle's end, a badge to each owner whose every key result was at 70 %
or more then; once, however often it runs. And the prompts job's excused periods."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.jobs import commands
from storage.db import Database
from storage.models import ExcusedPeriod
from tests import factories
from tests.bot.prompts.support import CLIENTS, owner, tick
from tests.bot.recognition.support import badge_dms, badges, check_in
from tests.factories import KR

START = datetime(2026, 10, 5, 10, tzinfo=UTC)  # cycle 2026-Q4 ends on 31 Dec
AFTER_END = datetime(2027, 1, 1, 10, tzinfo=UTC)


def owned(db: Database, user_id: str, count: int) -> list[int]:
    with db.begin() as session:
        factories.person(session, user_id, START)
        made = factories.objective(
            session,
            START,
            owner=user_id,
            key_results=[KR(f"KR {n}", start=0, target=10) for n in range(count)],
        )
        return [kr.id for kr in made.key_results]


def run_badges(db: Database, now: datetime) -> str:
    return commands.find("badges").run(db, CLIENTS, now)


def test_every_key_result_at_70_percent_at_cycle_end_earns_a_badge_once(db: Database) -> None:
    strong, weak, late = owned(db, "USTRONG", 2), owned(db, "UWEAK", 2), owned(db, "ULATE", 1)
    for kr_id, value in zip(strong + weak, (7, 10, 9, 6), strict=True):
        check_in(db, kr_id, value, datetime(2026, 12, 20, 10, tzinfo=UTC), author="UX")
    # Checked in only after the end: the cycle ended below 70 % for them.
    check_in(db, late[0], 10, AFTER_END + timedelta(hours=2), author="UX")

    assert run_badges(db, datetime(2026, 12, 31, 23, tzinfo=UTC)).startswith("0 cycle-end")
    line = run_badges(db, AFTER_END + timedelta(hours=3))
    assert line == "1 cycle-end badge given for 1 ended cycle"
    assert badges(db, "USTRONG") == ["cycle_70:2026-Q4"]
    assert badges(db, "UWEAK") == []
    assert badges(db, "ULATE") == ["first_objective_done"], "done after the end: no cycle badge"
    assert run_badges(db, AFTER_END + timedelta(hours=4)).startswith("0 cycle-end badges given")
    dm = badge_dms(db)["badge:USTRONG:cycle_70:2026-Q4"]
    assert "New badge: Strong finish in 2026-Q4" in dm
    assert run_badges(db, AFTER_END + timedelta(days=20)) == (
        "0 cycle-end badges given for 0 ended cycles"
    ), "a cycle long ended is settled"


def test_paused_and_away_people_have_the_period_excused_when_their_prompt_is_due(
    db: Database,
) -> None:
    monday = datetime(2026, 12, 7, 9, tzinfo=UTC)
    owner(db, "UPAUSED", "UTC", monday, paused_until=monday + timedelta(days=7))
    owner(db, "UAWAY", "UTC", monday, status_text="On vacation")
    owner(db, "UOFF", "UTC", monday, prompts_off=True)
    owner(db, "UASKED", "UTC", monday)
    tick(db, monday - timedelta(minutes=1))
    tick(db, monday)
    tick(db, monday + timedelta(minutes=1))
    with db.begin() as session:
        rows = session.execute(
            select(ExcusedPeriod.user_id, ExcusedPeriod.period, ExcusedPeriod.reason).order_by(
                ExcusedPeriod.user_id
            )
        ).all()
    assert [tuple(row) for row in rows] == [
        ("UAWAY", "2026-W50", "away"),
        ("UPAUSED", "2026-W50", "paused"),
    ]
