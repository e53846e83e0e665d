"""storage/outbox.py and bot/delivery/outgoing.py: a key is queued once per workspace, and the
commit that queued it wakes the sender."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.delivery.outgoing import Outgoing, queue, queue_all
from bot.people import ensure_workspace
from storage import outbox
from storage.db import Database
from tests import factories
from tests.clock import FakeClock
from tests.databases import counted

OTHER_TEAM = "T0002"
HOUR = timedelta(hours=1)


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


def test_many_keys_queued_at_once_each_once_per_workspace(db: Database, clock: FakeClock) -> None:
    def prompt(user: str, text: str) -> Outgoing:
        return Outgoing(kind="prompt", recipient=user, period="W", channel=user, text=text)

    woken: list[str] = []
    db.after_queueing.append(lambda: woken.append("woken"))
    with db.begin() as session:
        for team_id in (factories.TEAM_ID, OTHER_TEAM):
            ensure_workspace(session, team_id, clock.now)
        assert queue(session, factories.TEAM_ID, prompt("U1", "first"), now=clock.now)
    woken.clear()
    with db.begin() as session:
        fan_out = [prompt("U1", "again"), prompt("U2", "new"), prompt("U2", "twice in one go")]
        assert queue_all(session, factories.TEAM_ID, fan_out, now=clock.now) == {"prompt:U2:W"}
        assert queue_all(session, OTHER_TEAM, [prompt("U1", "other")], now=clock.now) == {
            "prompt:U1:W"
        }
        assert queue_all(session, factories.TEAM_ID, [], now=clock.now) == set()
    assert woken == ["woken"]
    with db.begin() as session:
        texts = {
            (team_id, user): row.payload["text"]
            for team_id in (factories.TEAM_ID, OTHER_TEAM)
            for user in ("U1", "U2")
            if (row := outbox.find(session, team_id, f"prompt:{user}:W")) is not None
        }
        assert texts == {
            (factories.TEAM_ID, "U1"): "first",
            (factories.TEAM_ID, "U2"): "new",
            (OTHER_TEAM, "U1"): "other",
        }
        row = outbox.find(session, factories.TEAM_ID, "prompt:U2:W")
        assert row is not None
        assert (row.status, row.method, row.attempts, row.not_before) == (
            "pending",
            "chat.postMessage",
            0,
            clock.now,
        )
    woken.clear()
    with db.begin() as session:
        assert queue_all(session, factories.TEAM_ID, [prompt("U2", "late")], now=clock.now) == set()
    assert woken == []


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


def _claim(db: Database, sender: str, now: datetime, limit: int = 10) -> list[str]:
    with db.begin() as session:
        rows = outbox.claim(
            session, sender=sender, now=now, until=now + timedelta(minutes=2), limit=limit
        )
        return [row.dedupe_key for row in rows]


def _queue_prompts(db: Database, clock: FakeClock, *users: str) -> None:
    with db.begin() as session:
        ensure_workspace(session, factories.TEAM_ID, clock.now)
        for user in users:
            prompt = Outgoing(kind="prompt", recipient=user, period="W", channel=user, text="hi")
            queue(session, factories.TEAM_ID, prompt, now=clock.now)


def test_a_claim_leases_due_rows_until_it_runs_out(db: Database, clock: FakeClock) -> None:
    _queue_prompts(db, clock, "U1", "U2", "U3")
    with db.begin() as session:
        later = Outgoing(kind="prompt", recipient="U4", period="W", channel="U4", text="later")
        queue(session, factories.TEAM_ID, later, now=clock.now, not_before=clock.now + HOUR)

    assert _claim(db, "a", clock.now, limit=2) == ["prompt:U1:W", "prompt:U2:W"]
    assert _claim(db, "b", clock.now) == ["prompt:U3:W"], "not due yet, or leased to a"
    with db.begin() as session:
        assert outbox.release(session, "b") == 1
        assert not outbox.find(session, factories.TEAM_ID, "prompt:U3:W").unsure  # type: ignore[union-attr]
    clock.advance(minutes=2)
    assert _claim(db, "c", clock.now) == ["prompt:U1:W", "prompt:U2:W", "prompt:U3:W"]
    with db.begin() as session:
        rows = [outbox.find(session, factories.TEAM_ID, f"prompt:U{n}:W") for n in (1, 2, 3)]
        assert [(r.claimed_by, r.unsure) for r in rows if r] == [
            ("c", True),
            ("c", True),
            ("c", False),
        ], "a's lease ran out: it may have died mid-call"


def test_outcomes_are_recorded_only_by_the_lease_holder(db: Database, clock: FakeClock) -> None:
    _queue_prompts(db, clock, "U1", "U2", "U3")
    _claim(db, "a", clock.now)
    with db.begin() as session:
        u1, u2, u3 = (
            outbox.find(session, factories.TEAM_ID, f"prompt:{u}:W") for u in ("U1", "U2", "U3")
        )
        assert u1 is not None and u2 is not None and u3 is not None
        team = factories.TEAM_ID
        outbox.settle(
            session, "b", [outbox.sent(u1.id, team, channel="D1", ts="1.0", now=clock.now)]
        )
        outbox.settle(
            session,
            "a",
            [
                outbox.sent(u2.id, team, channel="D2", ts="2.0", now=clock.now),
                outbox.failed(u3.id, team, error="user_not_found", attempts=1),
            ],
        )
    with db.begin() as session:
        assert outbox.counts(session) == {"pending": 1, "sent": 1, "failed": 1}
        done = outbox.find(session, factories.TEAM_ID, "prompt:U2:W")
        assert done is not None
        assert (done.sent_channel, done.slack_ts, done.claimed_by) == ("D2", "2.0", None)


def test_prune_forgets_old_sent_rows_of_the_workspace_unless_an_edit_waits_for_them(
    db: Database, clock: FakeClock
) -> None:
    _queue_prompts(db, clock, "U1", "U2", "U3")
    _claim(db, "a", clock.now)
    with db.begin() as session:
        for user in ("U1", "U2"):
            found = outbox.find(session, factories.TEAM_ID, f"prompt:{user}:W")
            assert found is not None
            done = outbox.sent(found.id, factories.TEAM_ID, channel="D", ts="1.0", now=clock.now)
            outbox.settle(session, "a", [done])
        edit = Outgoing(
            kind="prompt_done",
            recipient="U2",
            period="W",
            channel="U2",
            text="done",
            edits="prompt:U2:W",
        )
        queue(session, factories.TEAM_ID, edit, now=clock.now + HOUR)
    with db.begin() as session:
        assert outbox.prune(session, factories.TEAM_ID, clock.now) == 0
        assert outbox.prune(session, "T-other", clock.now + HOUR) == 0
        assert outbox.prune(session, factories.TEAM_ID, clock.now + HOUR) == 1
        assert outbox.team_ids(session) == [factories.TEAM_ID]
    with db.begin() as session:
        assert outbox.find(session, factories.TEAM_ID, "prompt:U1:W") is None
        assert outbox.find(session, factories.TEAM_ID, "prompt:U2:W") is not None


def test_a_batch_of_insert_batch_messages_is_one_insert(db: Database, clock: FakeClock) -> None:
    # The prompts job queues INSERT_BATCH at a time, trusting that it costs what one call for
    # them all would: one INSERT per SQLAlchemy page.
    assert db.engine.dialect.insertmanyvalues_page_size == outbox.INSERT_BATCH
    messages = [
        Outgoing(kind="prompt", recipient=f"U{n}", period="2026-W48", channel=f"U{n}", text="hi")
        for n in range(outbox.INSERT_BATCH + 1)
    ]
    with db.begin() as session:
        ensure_workspace(session, factories.TEAM_ID, clock.now)
        with counted(db) as statements:
            queued = queue_all(session, factories.TEAM_ID, messages, now=clock.now)
    assert len(queued) == outbox.INSERT_BATCH + 1
    assert sum(s.lstrip().upper().startswith("INSERT") for s in statements) == 2
