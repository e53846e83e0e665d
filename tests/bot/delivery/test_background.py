"""`okr-bot run`'s background: a queued message reaches Slack within seconds, the jobs tick,
and stopping leaves no outbox row claimed."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.background import POLL_SECONDS, jobs_and_delivery
from bot.delivery.outgoing import queue
from bot.jobs import JOBS, Job, schedule
from bot.settings import Settings
from bot.slack import Clients, build_client, build_delivery_client
from storage import outbox
from storage.db import Database
from tests.clock import FakeClock
from tests.delivery import TEAM_ID, people, prompt, queue_all, row
from tests.emulator import SlackEmulator


def clients_for(db: Database, slack: SlackEmulator) -> tuple[Clients, Clients]:
    settings = Settings(
        slack_bot_token=slack.bot_token,
        slack_signing_secret="unused",
        database_url=db.url,
        slack_api_url=slack.api_url,
    )
    return Clients(build_client(settings)), Clients(build_delivery_client(settings))


def test_a_newly_queued_message_is_sent_at_once_not_at_the_next_poll(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    (user,) = people(slack, 1)
    clients, delivery = clients_for(db, slack)
    with jobs_and_delivery(db, clients=clients, delivery_clients=delivery, clock=clock, jobs=()):
        queue_all(db, clock, [prompt(user)])
        (call,) = slack.wait_for("chat.postMessage", timeout=POLL_SECONDS / 2)
    assert call.params["channel"] == user
    assert row(db, f"prompt:{user}:2026-W47").status == "sent"
    assert db.after_queueing == []


def test_jobs_tick_and_stopping_mid_fan_out_leaves_no_row_claimed(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    users = people(slack, 40)
    queue_all(db, clock, [])  # the workspace
    slack.set_latency(0.05)

    def fan_out(db: Database, clients: Clients, now: datetime) -> str:
        with db.begin() as session:
            queued = sum(queue(session, TEAM_ID, prompt(u), now=now) for u in users)
        return f"fan_out: queued {queued}"

    every_second = Job("fan_out", timedelta(seconds=1), "queues 40 prompts", fan_out)
    clients, delivery = clients_for(db, slack)
    with jobs_and_delivery(
        db, clients=clients, delivery_clients=delivery, clock=clock, jobs=(every_second,)
    ):
        slack.wait_for("chat.postMessage", count=3, timeout=10)

    keys = [f"prompt:{u}:2026-W47" for u in users]
    rows = [row(db, key) for key in keys]
    assert [r.claimed_by for r in rows] == [None] * 40
    sent = {r.dedupe_key for r in rows if r.status == "sent"}
    assert 3 <= len(sent) < 40, "stopped in the middle of the fan-out"
    assert slack.messages_by_metadata_key() == dict.fromkeys(sent, 1)
    with db.begin() as session:
        assert outbox.counts(session)["pending"] == 40 - len(sent)


def test_each_job_is_scheduled_by_its_name_coalesced_one_at_a_time(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    clients, _ = clients_for(db, slack)
    scheduler = schedule.start(JOBS, db, clients, clock)
    try:
        entries = {job.id: job for job in scheduler.get_jobs()}
        assert set(entries) == {job.name for job in JOBS}
        prune = entries["prune"]
        assert (prune.coalesce, prune.max_instances) == (True, 1)
        assert prune.next_run_time == schedule.next_run(
            JOBS[0], prune.next_run_time - timedelta(seconds=1)
        )
    finally:
        scheduler.shutdown(wait=True)
