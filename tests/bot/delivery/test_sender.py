"""bot/delivery/sender.py through the emulator: each row sent once with its metadata, the
results recorded, transient failures retried, permanent ones kept with their reason."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk import WebClient

from bot.delivery.attempt import PRIVATE_CHANNEL, PRIVATE_CHANNEL_HIDDEN, metadata
from bot.delivery.outgoing import Outgoing
from bot.delivery.recording import ATTEMPTS
from bot.delivery.sender import LEASE
from storage import outbox
from storage.db import Database
from tests.clock import FakeClock
from tests.delivery import people, prompt, queue_all, row, sender
from tests.emulator import SlackEmulator


def test_a_row_is_sent_once_with_its_metadata_and_its_ts_recorded(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    (user,) = people(slack, 1)
    queue_all(db, clock, [prompt(user)])
    delivery = sender(db, slack, clock)

    assert delivery.step().sent == 1
    assert delivery.step().sent == 0
    delivery.close()

    (call,) = slack.calls_to("chat.postMessage")
    key = f"prompt:{user}:2026-W47"
    assert call.params["metadata"] == {"event_type": "okr_outbox", "event_payload": {"key": key}}
    sent = row(db, key)
    dm = slack.dm_channel(user)
    assert (sent.status, sent.sent_channel, sent.slack_ts) == ("sent", dm, call.response["ts"])
    assert (sent.claimed_by, sent.sent_at, sent.attempts) == (None, clock.now, 0)
    assert [m["ts"] for m in slack.messages_in(dm)] == [sent.slack_ts]


def test_a_permanent_error_is_recorded_and_not_retried(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    _, left = people(slack, 2)
    slack.deactivate(left)
    queue_all(db, clock, [prompt("UNOBODY"), prompt(left)])
    delivery = sender(db, slack, clock)

    report = delivery.step()
    clock.advance(days=1)
    assert delivery.step().failed == 0
    delivery.close()

    assert report.failed == 2
    assert len(slack.calls_to("chat.postMessage")) == 2
    with db.begin() as session:
        assert outbox.counts(session) == {"pending": 0, "sent": 0, "failed": 2}
        reasons = {r.dedupe_key: r.last_error for r in outbox.failures(session, limit=10)}
    assert reasons == {
        "prompt:UNOBODY:2026-W47": "user_not_found",
        f"prompt:{left}:2026-W47": "account_inactive",
    }


def test_channel_errors_join_a_public_channel_once_and_keep_the_others(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    slack.grant_chat_write_public(False)  # installed before the scope: it joins to post
    slack.add_channel("CPUBLIC", name="okrs", is_member=False)
    slack.add_channel("CPRIVATE", name="leads", is_member=False, is_private=True)
    slack.add_channel("COLD", name="old", is_archived=True)
    queue_all(
        db,
        clock,
        [
            prompt("CPUBLIC", channel="CPUBLIC"),
            prompt("CPRIVATE", channel="CPRIVATE"),
            prompt("COLD", channel="COLD"),
            prompt("CNONE", channel="CNONE"),
        ],
    )
    delivery = sender(db, slack, clock)
    delivery.step()
    delivery.close()

    assert row(db, "prompt:CPUBLIC:2026-W47").status == "sent"
    assert sorted(c.params["channel"] for c in slack.calls_to("conversations.join")) == [
        "CPRIVATE",
        "CPUBLIC",
    ]
    assert {
        key: (
            row(db, f"prompt:{key}:2026-W47").status,
            row(db, f"prompt:{key}:2026-W47").last_error,
        )
        for key in ("CPRIVATE", "COLD", "CNONE")
    } == {
        "CPRIVATE": ("failed", PRIVATE_CHANNEL),
        "COLD": ("failed", "is_archived"),
        "CNONE": ("failed", PRIVATE_CHANNEL_HIDDEN),
    }


def test_transient_errors_back_off_then_fail_after_the_last_attempt(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    (user,) = people(slack, 1)
    key = f"prompt:{user}:2026-W47"
    queue_all(db, clock, [prompt(user)])
    slack.fail("chat.postMessage", status=503, times=ATTEMPTS)
    delivery = sender(db, slack, clock)

    assert delivery.step().retrying == 1
    first = row(db, key)
    assert (first.status, first.attempts, first.last_error) == ("pending", 1, "service_unavailable")
    assert first.unsure, "a 5xx may have posted it: look before sending again"
    assert first.not_before == clock.now + timedelta(seconds=10)
    assert delivery.step().retrying == 0, "not due before its backoff"
    for _ in range(ATTEMPTS - 1):
        clock.now = row(db, key).not_before
        delivery.step()
    delivery.close()

    failed = row(db, key)
    assert (failed.status, failed.attempts) == ("failed", ATTEMPTS)
    assert failed.last_error == f"gave up after {ATTEMPTS} attempts: service_unavailable"
    assert len(slack.calls_to("chat.postMessage")) == ATTEMPTS
    assert len(slack.calls_to("conversations.history")) == ATTEMPTS - 1


def test_a_message_whose_look_ups_fail_is_still_sent_once_when_slack_answers_again(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    """A retry of a message that may have been posted first looks for it; those look-ups can
    fail too, and each uses up a try, so there are tries enough for Slack's bad minutes."""
    (user,) = people(slack, 1)
    key = f"prompt:{user}:2026-W47"
    queue_all(db, clock, [prompt(user)])
    slack.fail("chat.postMessage", status=503)
    slack.fail("conversations.history", status=502, times=ATTEMPTS - 3)
    delivery = sender(db, slack, clock)

    while row(db, key).status == "pending":
        delivery.step()
        clock.now = max(clock.now, row(db, key).not_before)
    delivery.close()

    sent = row(db, key)
    assert (sent.status, sent.attempts) == ("sent", ATTEMPTS - 2)
    assert len(slack.calls_to("conversations.history")) == ATTEMPTS - 2
    assert [m["ts"] for m in slack.messages_in(slack.dm_channel(user))] == [sent.slack_ts]


def test_retry_after_holds_the_whole_workspace(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    users = people(slack, 3)
    queue_all(db, clock, [prompt(u) for u in users])
    slack.fail("chat.postMessage", retry_after=30)
    delivery = sender(db, slack, clock, workers=1)

    report = delivery.step()
    assert (report.sent, report.retrying) == (0, 3)
    assert len(slack.calls_to("chat.postMessage")) == 1, "no other row is tried meanwhile"
    for user in users:
        waiting = row(db, f"prompt:{user}:2026-W47")
        assert (waiting.attempts, waiting.not_before) == (0, clock.now + timedelta(seconds=30))
    clock.advance(seconds=29)
    assert delivery.step().sent == 0
    clock.advance(seconds=1)
    assert delivery.step().sent == 3
    delivery.close()
    assert len(slack.calls_to("chat.postMessage")) == 4


def test_a_row_whose_sender_died_mid_call_is_found_in_history_not_sent_again(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    first, second = people(slack, 2)
    queue_all(db, clock, [prompt(first), prompt(second)])
    # The sender that died: it claimed both rows, posted the first, and never recorded it.
    with db.begin() as session:
        outbox.claim(session, sender="dead", now=clock.now, until=clock.now + LEASE, limit=10)
    posted = WebClient(token=slack.bot_token, base_url=slack.api_url).chat_postMessage(
        channel=first, text="Time to check in", metadata=metadata(f"prompt:{first}:2026-W47")
    )
    survivor = sender(db, slack, clock, name="s2")

    assert survivor.step().sent == 0, "leased to the dead sender until its lease runs out"
    clock.advance(seconds=LEASE.total_seconds())
    assert survivor.step().sent == 2
    survivor.close()

    assert slack.messages_by_metadata_key() == {
        f"prompt:{first}:2026-W47": 1,
        f"prompt:{second}:2026-W47": 1,
    }
    assert row(db, f"prompt:{first}:2026-W47").slack_ts == posted["ts"]
    assert len(slack.calls_to("conversations.history")) == 2
    assert len(slack.calls_to("chat.postMessage")) == 2


def test_chat_update_waits_for_its_message_then_edits_it_and_drops_when_it_failed(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    ana, bo = people(slack, 2)
    slack.deactivate(bo)

    def done(user: str) -> Outgoing:
        return Outgoing(
            kind="prompt_done",
            recipient=user,
            period="2026-W47",
            channel=user,
            text="Checked in",
            edits=f"prompt:{user}:2026-W47",
        )

    queue_all(db, clock, [prompt(ana), done(ana), done("UNEVER")])
    delivery = sender(db, slack, clock, workers=1)
    report = delivery.step()
    assert (report.sent, report.failed, report.retrying) == (1, 1, 1)
    assert row(db, "prompt_done:UNEVER:2026-W47").last_error == (
        "the message it edits was never queued"
    )
    waiting = row(db, f"prompt_done:{ana}:2026-W47")
    assert (waiting.status, waiting.not_before) == ("pending", clock.now + timedelta(seconds=5))
    assert slack.calls_to("chat.update") == []

    queue_all(db, clock, [prompt(bo), done(bo)])
    clock.advance(seconds=5)
    report = delivery.step()
    assert (report.sent, report.failed, report.retrying) == (1, 1, 1)
    clock.advance(seconds=5)
    report = delivery.step()
    delivery.close()

    assert (report.sent, report.failed) == (0, 1)
    (update,) = slack.calls_to("chat.update")
    original = row(db, f"prompt:{ana}:2026-W47")
    assert (update.params["channel"], update.params["ts"]) == (
        original.sent_channel,
        original.slack_ts,
    )
    assert [m["text"] for m in slack.messages_in(slack.dm_channel(ana))] == ["Checked in"]
    assert row(db, f"prompt_done:{bo}:2026-W47").last_error == (
        "the message it edits was not sent (account_inactive)"
    )


def test_an_unsure_row_that_cannot_be_looked_for_is_kept_failed_not_sent_again(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    (user,) = people(slack, 1)
    key = f"prompt:{user}:2026-W47"
    queue_all(db, clock, [prompt(user)])
    slack.fail("chat.postMessage", status=500)
    slack.fail("conversations.history", error="missing_scope")
    delivery = sender(db, slack, clock)
    delivery.step()
    clock.now = row(db, key).not_before
    report = delivery.step()
    delivery.close()

    assert report.failed == 1
    assert row(db, key).last_error == (
        "an earlier try may have sent it, and missing_scope kept the bot from looking in the "
        "conversation"
    )
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_an_unsure_post_in_a_public_channel_the_bot_is_not_in_is_looked_for_after_a_join(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    """chat:write.public posts without a join, but only a member reads the channel's history."""
    slack.add_channel("CWINS", name="wins", is_member=False)
    key = "prompt:CWINS:2026-W47"
    queue_all(db, clock, [prompt("CWINS", channel="CWINS")])
    with db.begin() as session:
        outbox.claim(session, sender="dead", now=clock.now, until=clock.now + LEASE, limit=10)
    WebClient(token=slack.bot_token, base_url=slack.api_url).chat_postMessage(
        channel="CWINS", text="Posted before the sender died", metadata=metadata(key)
    )
    clock.advance(seconds=LEASE.total_seconds())
    survivor = sender(db, slack, clock, name="s2")
    survivor.step()
    survivor.close()

    assert row(db, key).status == "sent"
    assert slack.messages_by_metadata_key() == {key: 1}
    assert [c.params["channel"] for c in slack.calls_to("conversations.join")] == ["CWINS"]
