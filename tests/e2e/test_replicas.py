"""Three `okr-bot run` replicas on one PostgreSQL database, each serving requests and running
the jobs and a sender: requests sent round-robin are answered once, a DM Slack sends again to
another replica is acted on once, and a fan-out of 1,000 prompts is delivered exactly once
although one replica is killed (SIGKILL) halfway through: its leased rows are taken over when
the lease (OUTBOX_LEASE_SECONDS, shortened here) runs out, and looked for before being sent."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.prompts import job as prompts_job
from storage import outbox
from storage.db import Database
from storage.models import CheckIn, OutboxMessage
from tests import databases, slack_requests
from tests.bot.prompts.support import CLIENTS
from tests.e2e.replicas_support import SECRET, TEAM_ID, Replica, due_now, environment
from tests.e2e.test_checkin_message import dm
from tests.emulator import SlackEmulator
from tests.emulator.calls import Call

FAN_OUT = 1000
ROUND_ROBIN = 6
# Long enough for a batch at the emulator's pace, short enough for the test to wait it out.
LEASE_SECONDS = 10
DELIVERED_WITHIN = 100.0
FORM, JSON = "application/x-www-form-urlencoded", "application/json"


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    """Slack's limits scaled 1,000 times: chat.postMessage at 1,500 a second per workspace
    instead of 1.5, so the fan-out takes seconds rather than 11 minutes."""
    with SlackEmulator(team_id=TEAM_ID, rate_limit_scale=1000) as emulator:
        yield emulator


@pytest.fixture
def replicas() -> Iterator[list[Replica]]:
    """The replicas a test started; killed if it failed before stopping them."""
    started: list[Replica] = []
    yield started
    for replica in started:
        replica.kill()


def outbox_key(call: Call) -> str:
    return str(((call.params.get("metadata") or {}).get("event_payload") or {}).get("key", ""))


def ask_round_robin(slack: SlackEmulator, replicas: list[Replica], users: list[str]) -> None:
    """/okr list and a DM check-in from each person, each to the next replica; the same DM
    again (X-Slack-Retry-Num) to another one."""
    for n, user in enumerate(users):
        here, there = replicas[n % 3], replicas[(n + 1) % 3]
        listing = slack_requests.slash_command_body(
            "list",
            team_id=TEAM_ID,
            user_id=user,
            response_url=slack.new_response_url(),
            trigger_id=slack.new_trigger_id(),
        )
        assert slack_requests.post(here.events_url, listing, FORM, secret=SECRET).status == 200
        body = slack_requests.event_body(
            dm("signups per week 42 on track", user=user, channel=f"DR{n}"), team_id=TEAM_ID
        )
        assert slack_requests.post(there.events_url, body, JSON, secret=SECRET).status == 200
        again = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        other = replicas[(n + 2) % 3]
        reply = slack_requests.post(other.events_url, body, JSON, secret=SECRET, headers=again)
        assert reply.status == 200


def kill_a_sender(db: Database, replicas: list[Replica]) -> tuple[Replica, list[int]]:
    """SIGKILL the replica whose sender holds the most leased rows; it and those rows."""
    with db.begin() as session:
        leases = session.execute(
            select(OutboxMessage.id, OutboxMessage.claimed_by).where(
                OutboxMessage.status == outbox.PENDING, OutboxMessage.claimed_by.is_not(None)
            )
        ).all()
    held = {
        replica.process.pid: [id for id, by in leases if by.startswith(replica.holds_leases_as())]
        for replica in replicas
    }
    victim = max(replicas, key=lambda replica: len(held[replica.process.pid]))
    victim.kill()
    return victim, held[victim.process.pid]


def wait_for_outbox_emptied(db: Database) -> dict[str, int]:
    """Poll until no row is pending (the lease and the senders' polls take seconds)."""
    deadline = time.monotonic() + DELIVERED_WITHIN
    while True:
        with db.begin() as session:
            counts = outbox.counts(session)
        if counts[outbox.PENDING] == 0 or time.monotonic() > deadline:
            return counts
        time.sleep(0.5)  # polling the database other processes write


# PostgreSQL only: replicas share one PostgreSQL database; SQLite is for one process.
@pytest.mark.postgres
def test_three_replicas_answer_once_and_deliver_every_prompt_once_though_one_is_killed(
    request: pytest.FixtureRequest,
    slack: SlackEmulator,
    replicas: list[Replica],
    tmp_path: Path,
) -> None:
    db = Database(request.getfixturevalue("postgres_url"))
    databases.truncate_all(db)
    env = environment(db.url, slack.api_url, slack.bot_token, LEASE_SECONDS)
    replicas.extend(Replica.start(env, tmp_path / f"replica{n}") for n in range(3))
    for replica in replicas:
        replica.wait_until_listening()

    regulars = [f"UR{n}" for n in range(ROUND_ROBIN)]
    fan_out = [f"UF{n:04}" for n in range(FAN_OUT)]
    for user in regulars + fan_out:
        slack.add_user(user, tz="UTC")
    due_now(db, datetime.now(UTC), regulars)
    ask_round_robin(slack, replicas, regulars)
    replies = slack.wait_for(
        "chat.postMessage",
        count=ROUND_ROBIN,
        timeout=30,
        predicate=lambda call: str(call.params.get("channel")).startswith("DR"),
    )
    slack.wait_for("response_url", count=ROUND_ROBIN, timeout=30)

    # The fan-out: queued by the real prompts job as of the real minute (the replicas' own
    # ticks decide the same and queue nothing more). At the 500th prompt, a replica holding
    # leased rows is killed while its call is still unanswered.
    posted, counting = Counter[str](), threading.Lock()
    killed: list[tuple[Replica, list[int]]] = []

    def kill_halfway(call: Call) -> None:
        if call.method == "chat.postMessage" and outbox_key(call).startswith("prompt:UF"):
            with counting:  # the emulator answers calls on several threads
                posted["prompt"] += 1
                if posted["prompt"] == FAN_OUT // 2:
                    killed.append(kill_a_sender(db, replicas))

    slack.watch(kill_halfway)
    slack.set_latency(0.01)
    now = datetime.now(UTC)
    due_now(db, now, fan_out)
    prompts_job.run(db, CLIENTS, now)
    counts = wait_for_outbox_emptied(db)

    with db.begin() as session:
        rows = session.scalars(select(OutboxMessage)).all()
        authors = Counter(session.scalars(select(CheckIn.author_id)).all())
    prompts = {row.dedupe_key for row in rows if row.dedupe_key.startswith("prompt:UF")}
    assert len(prompts) == FAN_OUT, "every person due was queued once"
    assert counts == {"pending": 0, "sent": len(rows), "failed": 0}
    # A check-in landing after its prompt was sent also queues that prompt's update (an edit,
    # chat.update, which keeps the prompt's key): every other row is a message of its own.
    posted_once = {row.dedupe_key: 1 for row in rows if row.edits_key is None}
    assert slack.messages_by_metadata_key() == posted_once
    edits = [row for row in rows if row.edits_key is not None]
    assert len(slack.calls_to("chat.update")) >= len(edits)
    assert len(killed) == 1, "a replica was killed halfway"
    ((victim, held),) = killed
    assert held, "the killed replica held leased rows"
    assert {row.status for row in rows if row.id in held} == {outbox.SENT}
    assert slack.calls_to("conversations.history"), "its rows were looked for before sending"
    assert authors == {user: 1 for user in regulars}, "each DM checked in once"
    assert len(replies) == ROUND_ROBIN
    dm_replies = Counter(
        call.params["channel"]
        for call in slack.calls_to("chat.postMessage")
        if str(call.params.get("channel")).startswith("DR")
    )
    assert dm_replies == {f"DR{n}": 1 for n in range(ROUND_ROBIN)}, "each DM answered once"
    assert len(slack.calls_to("response_url")) == ROUND_ROBIN, "each /okr list answered once"
    survivors = [replica for replica in replicas if replica is not victim]
    for replica in survivors:
        replica.stop()
    for replica in replicas:
        log = replica.log()
        assert "Delivering the outbox; jobs: prompts" in log
        assert "Traceback" not in log, log
    assert any("Outbox: delivered" in replica.log() for replica in survivors)
