"""storage/charts.py: a subject's uploaded chart, replaced in place, per workspace, on both
databases."""

from __future__ import annotations

from datetime import timedelta

from bot.people import ensure_workspace
from storage import charts
from storage.db import Database
from tests import factories
from tests.clock import FakeClock

OTHER_TEAM = "T0002"


def test_a_chart_is_recorded_then_replaced_and_found_only_in_its_workspace(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        ensure_workspace(session, factories.TEAM_ID, clock.now)
        ensure_workspace(session, OTHER_TEAM, clock.now)
        charts.record(
            session, factories.TEAM_ID, "objective", 7, file_id="F1", fingerprint="a", now=clock.now
        )
        charts.record(
            session, OTHER_TEAM, "objective", 7, file_id="F9", fingerprint="z", now=clock.now
        )
    later = clock.now + timedelta(hours=1)
    with db.begin() as session:
        charts.record(
            session, factories.TEAM_ID, "objective", 7, file_id="F2", fingerprint="b", now=later
        )
    with db.begin() as session:
        found = charts.uploaded(session, factories.TEAM_ID, "objective", [7, 8])
        assert list(found) == [7]
        assert (found[7].file_id, found[7].fingerprint) == ("F2", "b")
        assert found[7].uploaded_at.replace(tzinfo=None) == later.replace(tzinfo=None)
        assert charts.uploaded(session, factories.TEAM_ID, "key_result", [7]) == {}
        assert charts.uploaded(session, OTHER_TEAM, "objective", [7])[7].file_id == "F9"
        assert charts.uploaded(session, factories.TEAM_ID, "objective", []) == {}
