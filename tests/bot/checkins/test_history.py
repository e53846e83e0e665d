"""The history view fits Slack's 100 blocks by what it renders: objectives first, then check-ins."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.checkins.checkable import this_cycle
from bot.checkins.history import history_view
from bot.checkins.modal import summary
from bot.paging import VIEW_BLOCKS, block_count
from storage.db import Database
from storage.models import Person
from tests import factories
from tests.bot_fixtures import TEAM_ID
from tests.clock import FakeClock
from tests.factories import KR

KEY_RESULTS = 5


def seed(db: Database, clock: FakeClock, objectives: int, check_ins: int) -> list[int]:
    with db.begin() as session:
        factories.person(session, "U1", clock.now)
        ids = []
        for n in range(objectives):
            krs = [KR(f"KR {k}") for k in range(KEY_RESULTS)]
            row = factories.objective(session, clock.now, title=f"O{n}", key_results=krs)
            for kr in row.key_results:
                for day in range(check_ins):
                    when = clock.now - timedelta(days=day)
                    factories.check_in(session, kr, when, value=day, effective_on=when.date())
            ids.append(row.id)
        return ids


def history(db: Database, clock: FakeClock, ids: list[int]) -> dict[str, Any]:
    with db.begin() as session:
        person = session.get(Person, (TEAM_ID, "U1"))
        assert person is not None
        view: dict[str, Any] = history_view(session, person, ids, clock.now)
        return view


def check_in_rows(view: dict[str, Any]) -> int:
    """Each listed check-in of an objective the person may change carries an Edit button."""
    return sum(
        1
        for block in view["blocks"]
        if (block.get("accessory") or {}).get("action_id") == "checkin_edit"
    )


def test_as_many_check_ins_per_key_result_as_fit(db: Database, clock: FakeClock) -> None:
    ids = seed(db, clock, objectives=5, check_ins=6)
    view = history(db, clock, ids)
    # 1 + 5 objectives + 25 key results = 31 blocks; two check-ins each make 81, three 106.
    assert check_in_rows(view) == 2 * 25
    assert block_count(view) == 81 <= VIEW_BLOCKS
    assert json.loads(view["private_metadata"])["objectives"] == ids


def test_objectives_that_do_not_fit_are_left_out_and_counted(
    db: Database, clock: FakeClock
) -> None:
    ids = seed(db, clock, objectives=20, check_ins=0)
    view = history(db, clock, ids)
    # Each objective takes 6 blocks: 1 + 16 * 6 = 97 leaves room for a check-in; 17 make 103.
    assert block_count(view) == 97
    assert json.loads(view["private_metadata"])["objectives"] == ids[:16]
    assert "4 more objectives did not fit" in view["blocks"][0]["elements"][0]["text"]


def test_at_most_five_check_ins_per_key_result_are_listed(db: Database, clock: FakeClock) -> None:
    ids = seed(db, clock, objectives=1, check_ins=30)
    view = history(db, clock, ids)
    assert check_in_rows(view) == 5 * KEY_RESULTS  # 1 + 1 + 5 + 25 = 32: the most shown
    assert block_count(view) <= VIEW_BLOCKS


def test_the_check_in_summary_fits_however_many_objectives_were_checked_in(
    db: Database, clock: FakeClock
) -> None:
    """Failed before: 90 key results of 30 objectives made a summary of 122 blocks."""
    with db.begin() as session:
        factories.person(session, "U1", clock.now)
        saved = []
        for n in range(30):
            krs = [KR(f"KR {k}") for k in range(3)]
            row = factories.objective(session, clock.now, title=f"O{n}", key_results=krs)
            for kr in row.key_results:
                saved.append(factories.check_in(session, kr, clock.now, value=5))
        session.flush()
        ids = [row.id for row in saved]
    with db.begin() as session:
        person = session.get(Person, (TEAM_ID, "U1"))
        assert person is not None
        cycle = this_cycle(session, person, clock.now)
        view = summary(session, person, ids, cycle, clock.now.date())
    assert block_count(view) <= VIEW_BLOCKS
    listed = [b for b in view["blocks"] if b["type"] == "section" and "KR " in b["text"]["text"]]
    said = view["blocks"][-3]["elements"][0]["text"]  # then History, and what it is for
    assert said == f"…and {90 - len(listed)} more key results."
    assert block_count(view) > VIEW_BLOCKS - 3, "as many as fit are listed"
