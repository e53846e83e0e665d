"""The carry-over rule on a real database: unfinished key results from their last value, the
parent's copy kept, one copy however often it is carried, the original untouched."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from bot.closing import carry
from bot.closing.cycle_choice import just_ended, next_cycle
from bot.people import ensure_workspace
from storage.db import Database
from storage.models import AuditEvent, Cycle, Objective
from tests import factories
from tests.clock import FakeClock
from tests.factories import KR


def test_unfinished_key_results_are_copied_from_their_last_value_with_the_parent(
    db: Database, clock: FakeClock
) -> None:
    now = clock.now
    with db.begin() as session:
        parent = factories.objective(session, now, title="Win", level="company", owner="U2")
        child = factories.objective(
            session,
            now,
            title="Delight",
            parent_id=parent.id,
            team_channel_id="C0TEAM",
            level="team",
            visibility="private",
            key_results=[
                KR("NPS", start=20, target=40),
                KR("Churn", kind="decrease", start=8, target=4, unit_kind="percent"),
                KR("Survey", kind="milestone", start=None, target=None),
            ],
        )
        factories.check_in(session, child.key_results[0], now, value=31)
        factories.check_in(session, child.key_results[1], now, value=4)  # reached
        workspace = ensure_workspace(session, factories.TEAM_ID, now)
        old_cycle = child.cycle_id
        into = next_cycle(session, workspace, session.get_one(Cycle, old_cycle))
        assert into.name == "2027-Q1"
        done = carry.carry(session, [child, parent], into, actor_id="U1", now=now)
        assert [(c.title, c.key_results, c.new) for c in done] == [
            ("Win", 1, True),
            ("Delight", 2, True),
        ]
        copies = {
            o.title: o
            for o in session.scalars(select(Objective).where(Objective.cycle_id == into.id))
        }
        win, delight = copies["Win"], copies["Delight"]
        assert delight.parent_id == win.id and delight.carried_from_id == child.id
        assert (delight.level, delight.team_channel_id, delight.visibility, delight.owner_id) == (
            "team",
            "C0TEAM",
            "private",
            "U1",
        )
        assert [
            (k.title, k.start_value, k.current_value, k.due_on) for k in delight.key_results
        ] == [
            ("NPS", 31, None, date(2027, 3, 31)),
            ("Survey", None, None, date(2027, 3, 31)),
        ]
        assert child.cycle_id == old_cycle and child.key_results[0].current_value == 31

    with db.begin() as session:
        original_id = child.id
        child = session.get_one(Objective, original_id)
        again = carry.carry(session, [child], into, actor_id="U1", now=now)
        assert [c.new for c in again] == [False]
        count = session.scalar(
            select(func.count())
            .select_from(Objective)
            .where(Objective.carried_from_id == original_id)
        )
        assert count == 1


def test_a_child_carried_before_its_parent_aligns_to_the_parents_copy_then(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        parent = factories.objective(session, clock.now, title="Win", level="company", owner="U2")
        child = factories.objective(session, clock.now, title="Delight", parent_id=parent.id)
        workspace = ensure_workspace(session, factories.TEAM_ID, clock.now)
        into = next_cycle(session, workspace, session.get_one(Cycle, child.cycle_id))
        (done,) = carry.carry(session, [child], into, actor_id="U1", now=clock.now)
        copy = session.get_one(Objective, done.copy_id)
        assert copy.parent_id is None

        # The parent's owner carries theirs later: the child's copy aligns to it, audited.
        (parent_done,) = carry.carry(session, [parent], into, actor_id="U2", now=clock.now)
        assert copy.parent_id == parent_done.copy_id
        realigned = session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == copy.id, AuditEvent.action == "update")
        ).one()
        assert realigned.changes == {"parent_id": {"old": None, "new": parent_done.copy_id}}
        assert realigned.actor_id == "U2"


def test_parents_are_carried_before_their_children() -> None:
    a, b, c = (
        Objective(id=1, parent_id=None),
        Objective(id=2, parent_id=1),
        Objective(id=3, parent_id=2),
    )
    assert [o.id for o in carry.in_parent_order([c, b, a])] == [1, 2, 3]


def test_the_cycle_that_just_ended_is_closed_for_three_weeks() -> None:
    assert just_ended(date(2027, 1, 21), date(2027, 1, 1))
    assert not just_ended(date(2027, 1, 22), date(2027, 1, 1))
