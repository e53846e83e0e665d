"""Exactly once under trouble: Slack failing a fifth of the calls, and two senders at once."""

from __future__ import annotations

import threading

import pytest

from storage import outbox
from storage.db import Database
from tests.clock import FakeClock
from tests.delivery import people, prompt, queue_all, sender
from tests.emulator import SlackEmulator


def test_with_a_fifth_of_the_calls_failing_every_message_arrives_exactly_once(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    users = people(slack, 60)
    queue_all(db, clock, [prompt(u) for u in users])
    slack.fail_randomly(0.2, seed=10)
    delivery = sender(db, slack, clock, workers=4)

    rounds = 0
    while True:
        delivery.deliver()
        with db.begin() as session:
            if outbox.counts(session)["pending"] == 0:
                break
        clock.advance(minutes=20)  # past any backoff or Retry-After
        rounds += 1
        assert rounds < 20, "still pending after 20 rounds"
    delivery.close()

    with db.begin() as session:
        assert outbox.counts(session) == {"pending": 0, "sent": 60, "failed": 0}
    assert slack.messages_by_metadata_key() == {f"prompt:{u}:2026-W47": 1 for u in users}
    statuses = {c.status for c in slack.calls_to("chat.postMessage")}
    assert 429 in statuses and statuses & {500, 502, 503}
    assert slack.calls_to("conversations.history"), "5xx answers made some rows unsure"


@pytest.mark.parametrize(
    "db", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_two_senders_on_one_postgresql_database_send_each_message_once(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    users = people(slack, 200)
    queue_all(db, clock, [prompt(u) for u in users])
    slack.set_latency(0.005)
    senders = [sender(db, slack, clock, workers=3, name=f"s{n}") for n in (1, 2)]
    reports = {}
    start = threading.Barrier(2)

    def run(index: int) -> None:
        start.wait()
        reports[index] = senders[index].deliver()
        senders[index].close()

    threads = [threading.Thread(target=run, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert reports[0].sent + reports[1].sent == 200
    assert reports[0].sent > 0 and reports[1].sent > 0, "both took a share"
    assert slack.messages_by_metadata_key() == {f"prompt:{u}:2026-W47": 1 for u in users}
    with db.begin() as session:
        assert outbox.counts(session) == {"pending": 0, "sent": 200, "failed": 0}
