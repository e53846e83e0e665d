"""storage/objectives.py: look-ups by id and by owner stay within one workspace."""

from __future__ import annotations

from datetime import timedelta

from storage import objectives
from storage.db import Database
from tests import factories
from tests.clock import FakeClock

OTHER_TEAM = "T0002"


def test_objectives_and_key_results_are_found_by_id_only_in_their_workspace(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        objective = factories.objective(session, clock.now)
        kr = objective.key_results[0]
        factories.objective(session, clock.now, team_id=OTHER_TEAM)
        for for_update in (False, True):
            found = objectives.find(session, factories.TEAM_ID, objective.id, for_update=for_update)
            assert found is objective
            assert objectives.find(session, OTHER_TEAM, objective.id, for_update=for_update) is None
        assert objectives.key_result(session, factories.TEAM_ID, kr.id) is kr
        assert objectives.key_result(session, OTHER_TEAM, kr.id) is None


def test_own_active_objectives_come_oldest_first(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        newer = factories.objective(session, clock.now + timedelta(hours=1), title="Newer")
        older = factories.objective(session, clock.now, title="Older")
        factories.objective(session, clock.now, title="Archived", state="archived")
        factories.objective(session, clock.now, title="Theirs", owner="U2")
        factories.objective(session, clock.now, title="Elsewhere", team_id=OTHER_TEAM)
        cycle_id = older.cycle_id
        assert objectives.own_active(session, factories.TEAM_ID, "U1", cycle_id) == [older, newer]
        assert objectives.own_active(session, OTHER_TEAM, "U1", cycle_id) == []
