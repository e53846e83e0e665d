"""A message queued with a reaction gets it once it is posted, exactly once, even when the
reaction's call fails or the message is found again after an unanswered post."""

from __future__ import annotations

import logging

import pytest

from bot.delivery.outgoing import Outgoing
from storage import outbox
from storage.db import Database
from tests.clock import FakeClock
from tests.delivery import queue_all, row, sender
from tests.emulator import SlackEmulator

CHANNEL = "C0PARTY"
KEY = "celebration:C0PARTY:checkin1"


def shout(channel: str = CHANNEL) -> Outgoing:
    return Outgoing(
        kind="celebration",
        recipient=channel,
        period="checkin1",
        channel=channel,
        text="Halfway there",
        reaction="tada",
    )


def delivered_once(slack: SlackEmulator, channel: str = CHANNEL) -> dict[str, object]:
    assert slack.messages_by_metadata_key() == {f"celebration:{channel}:checkin1": 1}
    (message,) = slack.messages_in(slack.dm_channel(channel) if channel[0] == "U" else channel)
    return message


@pytest.fixture
def party(slack: SlackEmulator) -> SlackEmulator:
    slack.add_channel(CHANNEL, name="party")
    return slack


def test_the_reaction_is_added_to_the_posted_message(
    db: Database, party: SlackEmulator, clock: FakeClock
) -> None:
    queue_all(db, clock, [shout()])
    assert sender(db, party, clock).deliver().sent == 1
    message = delivered_once(party)
    assert party.reactions_on(CHANNEL, str(message["ts"])) == ["tada"]
    (post,) = party.calls_to("chat.postMessage")
    assert "reaction" not in post.params, "Slack is not sent the outbox's own field"


def test_a_dm_gets_its_reaction_in_the_dm(
    db: Database, party: SlackEmulator, clock: FakeClock
) -> None:
    party.add_user("U7")
    queue_all(db, clock, [shout("U7")])
    sender(db, party, clock).deliver()
    message = delivered_once(party, "U7")
    assert party.reactions_on(party.dm_channel("U7"), str(message["ts"])) == ["tada"]


@pytest.mark.parametrize("status", [500, 429])
def test_a_reaction_that_failed_is_added_on_the_next_try_without_posting_again(
    db: Database, party: SlackEmulator, clock: FakeClock, status: int
) -> None:
    queue_all(db, clock, [shout()])
    party.fail("reactions.add", status=status)
    delivery = sender(db, party, clock)
    assert delivery.deliver().retrying == 1
    assert row(db, KEY).unsure, "posted: the next try must look for it first"
    clock.advance(minutes=5)
    assert delivery.deliver().sent == 1
    message = delivered_once(party)
    assert party.reactions_on(CHANNEL, str(message["ts"])) == ["tada"]
    assert party.calls_to("conversations.history"), "looked for, found, not posted again"
    assert row(db, KEY).status == "sent"


def test_an_unanswered_post_found_in_history_still_gets_its_reaction(
    db: Database, party: SlackEmulator, clock: FakeClock
) -> None:
    queue_all(db, clock, [shout()])
    with db.begin() as session:
        found = outbox.find(session, "T0001", KEY)
        assert found is not None
        found.unsure = True  # as a sender that died holding the row leaves it
    # The earlier try had posted it without the reaction.
    party_client = sender(db, party, clock).clients.client_for("T0001")
    party_client.chat_postMessage(
        channel=CHANNEL,
        text="Halfway there",
        metadata={"event_type": "okr_outbox", "event_payload": {"key": KEY}},
    )
    assert sender(db, party, clock).deliver().sent == 1
    message = delivered_once(party)
    assert party.reactions_on(CHANNEL, str(message["ts"])) == ["tada"]


def test_already_reacted_counts_as_done_and_other_refusals_leave_the_message_sent(
    db: Database, party: SlackEmulator, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    queue_all(db, clock, [shout()])
    party.fail("reactions.add", error="already_reacted")
    assert sender(db, party, clock).deliver().sent == 1
    queue_all(db, clock, [shout("C0OTHER")])
    party.add_channel("C0OTHER", name="other")
    party.fail("reactions.add", error="missing_scope")
    with caplog.at_level(logging.WARNING, logger="okr_bot.delivery"):
        assert sender(db, party, clock).deliver().sent == 1
    assert "sent without its :tada: (missing_scope)" in caplog.text
    assert row(db, "celebration:C0OTHER:checkin1").status == "sent"
