"""storage/outbox.py and bot/delivery/outgoing.py: a key is queued once per workspace, and the
commit that queued it wakes the sender."""

from __future__ import annotations

from bot.delivery.outgoing import Outgoing, queue
from bot.people import ensure_workspace
from storage import outbox
from storage.db import Database
from tests import factories
from tests.clock import FakeClock

OTHER_TEAM = "T0002"


def _prompt(text: str) -> Outgoing:
    return Outgoing(kind="prompt", recipient="U1", period="2026-W49", channel="U1", text=text)


def test_a_key_is_queued_once_per_workspace(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        for team_id in (factories.TEAM_ID, OTHER_TEAM):
            ensure_workspace(session, team_id, clock.now)
    with db.begin() as session:
        assert queue(session, factories.TEAM_ID, _prompt("first"), now=clock.now)
        assert not queue(session, factories.TEAM_ID, _prompt("second"), now=clock.now)
        assert queue(session, OTHER_TEAM, _prompt("other team"), now=clock.now)
    with db.begin() as session:
        row = outbox.find(session, factories.TEAM_ID, "prompt:U1:2026-W49")
        assert row is not None
        assert (row.kind, row.channel, row.status, row.payload) == (
            "prompt",
            "U1",
            "pending",
            {"text": "first"},
        )
        assert outbox.find(session, "T-none", "prompt:U1:2026-W49") is None


def test_the_commit_that_queued_wakes_the_sender_and_only_that_one(
    db: Database, clock: FakeClock
) -> None:
    woken: list[str] = []
    db.after_queueing.append(lambda: woken.append("woken"))
    with db.begin() as session:
        ensure_workspace(session, factories.TEAM_ID, clock.now)
    assert woken == []
    with db.begin() as session:
        queue(session, factories.TEAM_ID, _prompt("hello"), now=clock.now)
        assert woken == []
    assert woken == ["woken"]
