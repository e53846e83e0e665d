"""storage/audit.py: the trail of one thing, and which things were edited, per workspace."""

from __future__ import annotations

from datetime import timedelta

from bot import audit
from bot.people import ensure_workspace
from storage import audit as trail_of
from storage.db import Database
from tests import factories
from tests.clock import FakeClock

OTHER_TEAM = "T0002"


def test_the_trail_is_newest_first_limited_and_per_workspace(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        for team_id in (factories.TEAM_ID, OTHER_TEAM):
            ensure_workspace(session, team_id, clock.now)
        for minutes, action in enumerate(("create", "update", "delete")):
            audit.record(
                session,
                team_id=factories.TEAM_ID,
                actor_id="U1",
                entity="check_in",
                entity_id=7,
                action=action,
                at=clock.now + timedelta(minutes=minutes),
            )
        audit.record(
            session,
            team_id=OTHER_TEAM,
            actor_id="U9",
            entity="check_in",
            entity_id=8,
            action="update",
            at=clock.now,
        )
        session.flush()
        events = trail_of.trail(session, factories.TEAM_ID, "check_in", 7, limit=2)
        assert [e.action for e in events] == ["delete", "update"]
        assert trail_of.trail(session, OTHER_TEAM, "check_in", 7, limit=10) == []
        assert trail_of.updated(session, factories.TEAM_ID, "check_in", [7, 8]) == {7}
        assert trail_of.updated(session, OTHER_TEAM, "check_in", [7, 8]) == {8}
        assert trail_of.updated(session, factories.TEAM_ID, "objective", [7]) == set()
