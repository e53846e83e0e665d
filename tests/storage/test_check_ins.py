"""storage/check_ins.py: each question answered for one workspace only, on both databases."""

from __future__ import annotations

from datetime import timedelta

from storage import check_ins
from storage.db import Database
from tests import factories
from tests.clock import FakeClock
from tests.factories import KR

OTHER_TEAM = "T0002"


def test_a_check_in_is_found_by_id_only_in_its_own_workspace(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        kr = factories.objective(session, clock.now).key_results[0]
        row = factories.check_in(session, kr, clock.now, value=30)
        for for_update in (False, True):
            assert check_ins.find(session, factories.TEAM_ID, row.id, for_update=for_update) is row
            assert check_ins.find(session, OTHER_TEAM, row.id, for_update=for_update) is None
        assert check_ins.locked(session, factories.TEAM_ID, [row.id]) == [row]
        assert check_ins.locked(session, OTHER_TEAM, [row.id]) == []


def test_the_latest_check_in_goes_by_effective_date_then_by_when_written(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        kr = factories.objective(session, clock.now).key_results[0]
        today = clock.now.date()
        newest = factories.check_in(session, kr, clock.now, value=30, effective_on=today)
        factories.check_in(
            session, kr, clock.now + timedelta(hours=1), value=20, effective_on=today - timedelta(1)
        )
        deleted = factories.check_in(session, kr, clock.now + timedelta(hours=2), value=90)
        deleted.deleted_at = clock.now
        session.flush()
        assert check_ins.latest(session, kr) is newest
        live = check_ins.live_of(session, factories.TEAM_ID, [kr.id])
        assert [c.value for c in live] == [20, 30]
        assert check_ins.live_of(session, OTHER_TEAM, [kr.id]) == []
        check_ins.lock_key_results(session, factories.TEAM_ID, [kr.id])


def test_live_check_ins_by_author_leave_out_others_and_deleted(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        objective = factories.objective(session, clock.now, key_results=[KR("A"), KR("B")])
        first, second = objective.key_results
        mine = factories.check_in(session, first, clock.now, value=1)
        theirs = factories.check_in(session, second, clock.now, value=2, author="U2")
        gone = factories.check_in(session, second, clock.now, value=3)
        gone.deleted_at = clock.now
        ids = [gone.id, theirs.id, mine.id]
        assert check_ins.live_by_author(session, factories.TEAM_ID, "U1", ids) == [mine]
        assert check_ins.live_by_author(session, OTHER_TEAM, "U1", ids) == []


def test_a_message_is_read_once_per_workspace(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        kr = factories.objective(session, clock.now).key_results[0]
        row = factories.check_in(session, kr, clock.now, value=30)
        row.source_ref = "D1:1700000000.000100"
        session.flush()
        assert check_ins.read_from(session, factories.TEAM_ID, "D1:1700000000.000100")
        assert not check_ins.read_from(session, OTHER_TEAM, "D1:1700000000.000100")
        assert not check_ins.read_from(session, factories.TEAM_ID, "D1:1700000000.000200")


def test_counts_leave_out_deleted_check_ins_and_other_workspaces(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        objective = factories.objective(session, clock.now, key_results=[KR("A"), KR("B")])
        first, second = objective.key_results
        factories.check_in(session, first, clock.now, value=1)
        factories.check_in(session, first, clock.now, value=2)
        factories.check_in(session, second, clock.now, value=3).deleted_at = clock.now
        session.flush()
        ids = [first.id, second.id]
        assert check_ins.counts(session, factories.TEAM_ID, ids) == {first.id: 2}
        assert check_ins.counts(session, OTHER_TEAM, ids) == {}
        assert check_ins.counts(session, factories.TEAM_ID, []) == {}
