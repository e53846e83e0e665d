"""storage/people.py: workspaces and people, looked up within one workspace."""

from __future__ import annotations

from bot.people import ensure_workspace
from storage import people
from storage.db import Database
from tests import factories
from tests.clock import FakeClock

OTHER_TEAM = "T0002"


def test_a_person_is_found_only_in_their_own_workspace(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        row = factories.person(session, "U1", clock.now)
        ensure_workspace(session, OTHER_TEAM, clock.now)
        session.flush()
        assert people.person(session, factories.TEAM_ID, "U1") is row
        assert people.person(session, OTHER_TEAM, "U1") is None
        workspace = people.workspace(session, factories.TEAM_ID)
        assert workspace is not None and workspace.team_id == factories.TEAM_ID
        assert people.workspace(session, "T-none") is None


def test_active_people_are_found_by_display_name_in_any_case(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        factories.person(session, "U1", clock.now).display_name = "Ana"
        factories.person(session, "U2", clock.now).display_name = "ana"
        gone = factories.person(session, "U3", clock.now)
        gone.display_name, gone.is_active = "Bo", False
        session.flush()
        assert sorted(people.active_named(session, factories.TEAM_ID, "ANA", limit=2)) == [
            "U1",
            "U2",
        ]
        assert len(people.active_named(session, factories.TEAM_ID, "ana", limit=1)) == 1
        assert people.active_named(session, factories.TEAM_ID, "bo", limit=2) == []
        assert people.active_named(session, OTHER_TEAM, "ana", limit=2) == []
