"""storage/reviews.py: the latest check-ins of each key result in one statement, who checked in
within a period, and a review or a tree costing the same statements for few or many."""

from __future__ import annotations

from datetime import date, timedelta

from bot import people
from bot.review import person, team, tree
from storage import reviews
from storage.db import Database
from tests import factories
from tests.clock import FakeClock
from tests.databases import counted
from tests.factories import KR


def test_the_latest_check_ins_of_each_key_result_oldest_first(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        objective = factories.objective(
            session, clock.now, key_results=[KR("One"), KR("Two"), KR("Three")]
        )
        one, two, _ = objective.key_results
        for days in range(6):
            factories.check_in(
                session, one, clock.now, value=days, effective_on=date(2026, 11, 1 + days)
            )
        gone = factories.check_in(session, two, clock.now, value=9)
        gone.deleted_at = clock.now
        kept = factories.check_in(session, two, clock.now, value=3, effective_on=date(2026, 11, 2))
        ids = [kr.id for kr in objective.key_results]
        found = reviews.latest_check_ins(session, factories.TEAM_ID, ids, 4)
        assert [(r.key_result_id, r.value) for r in found if r.key_result_id == one.id] == [
            (one.id, 2.0),
            (one.id, 3.0),
            (one.id, 4.0),
            (one.id, 5.0),
        ]
        assert [r.id for r in found if r.key_result_id == two.id] == [kept.id]
        assert reviews.latest_check_ins(session, "T0002", ids, 4) == []


def test_who_checked_in_within_the_period(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        cycle_day = clock.now.date()
        for owner, day in (("U1", cycle_day), ("U2", cycle_day - timedelta(days=8))):
            objective = factories.objective(session, clock.now, owner=owner)
            factories.check_in(
                session, objective.key_results[0], clock.now, value=1, effective_on=day
            )
        factories.objective(session, clock.now, owner="U3")
        cycle_id = objective.cycle_id
        monday = cycle_day - timedelta(days=cycle_day.weekday())
        found = reviews.checked_in_owners(
            session,
            factories.TEAM_ID,
            cycle_id,
            {"U1", "U2", "U3"},
            first_day=monday,
            next_first_day=monday + timedelta(days=7),
        )
        assert found == {"U1"}


def seed(db: Database, clock: FakeClock, how_many: int) -> None:
    with db.begin() as session:
        parent = factories.objective(session, clock.now, owner="U2", level="company")
        for n in range(how_many):
            objective = factories.objective(
                session,
                clock.now,
                owner="U2" if n % 2 else "U3",
                title=f"Objective {n}",
                parent_id=parent.id,
                key_results=[KR(f"KR {n}.{k}") for k in range(2)],
            )
            for day in range(3):
                factories.check_in(
                    session,
                    objective.key_results[0],
                    clock.now,
                    value=day,
                    effective_on=clock.now.date() - timedelta(days=day),
                )


def statements(db: Database, clock: FakeClock) -> list[int]:
    counts = []
    with db.begin() as session:
        viewer = people.person(session, factories.TEAM_ID, "U1", clock.now)
    for build in (
        lambda s, v: person.review(s, v, "U2", clock.now),
        lambda s, v: team.team_review(s, v, "<#C0TEAM>", ["U1", "U2", "U3"], clock.now),
        lambda s, v: tree.tree_page(s, v, cycle_name=None, offset=0, now=clock.now),
    ):
        with counted(db) as sent, db.begin() as session:
            viewer = people.person(session, factories.TEAM_ID, "U1", clock.now)
            build(session, viewer)
        counts.append(len(sent))
    return counts


def test_reviews_and_the_tree_cost_the_same_statements_for_few_or_many(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        factories.person(session, "U1", clock.now)
    seed(db, clock, 3)
    few = statements(db, clock)
    seed(db, clock, 30)
    many = statements(db, clock)
    assert few == many, f"{few} statements for 3 objectives, {many} for 33: a query per row?"
    assert max(many) <= 12, many
