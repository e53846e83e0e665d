"""storage/handled_requests.py: records found by workspace and key, pruned per workspace."""

from __future__ import annotations

from datetime import timedelta

from bot.people import ensure_workspace
from storage import handled_requests
from storage.db import Database
from storage.models import HandledRequest
from tests import factories
from tests.clock import FakeClock

OTHER_TEAM = "T0002"


def test_records_are_found_and_pruned_within_one_workspace(db: Database, clock: FakeClock) -> None:
    old = clock.now - timedelta(days=2)
    with db.begin() as session:
        for team_id in (factories.TEAM_ID, OTHER_TEAM):
            ensure_workspace(session, team_id, clock.now)
            session.add(HandledRequest(team_id=team_id, key="old", handled_at=old))
            session.add(HandledRequest(team_id=team_id, key="new", handled_at=clock.now))
    with db.begin() as session:
        assert handled_requests.find(session, factories.TEAM_ID, "old") is not None
        assert handled_requests.find(session, "T-none", "old") is None
        handled_requests.prune(session, factories.TEAM_ID, clock.now - timedelta(days=1))
    with db.begin() as session:
        assert handled_requests.find(session, factories.TEAM_ID, "old") is None
        assert handled_requests.find(session, factories.TEAM_ID, "new") is not None
        assert handled_requests.find(session, OTHER_TEAM, "old") is not None
