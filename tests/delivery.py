"""Helpers for delivery tests: queueing prompts and a sender pointed at the emulator."""

from __future__ import annotations

from collections.abc import Iterable

from bot.delivery.outgoing import Outgoing, queue
from bot.delivery.pace import Limits
from bot.delivery.sender import Sender
from bot.people import ensure_workspace
from bot.settings import Settings
from bot.slack import Clients, build_delivery_client
from storage import outbox
from storage.db import Database
from storage.models import OutboxMessage
from tests.clock import FakeClock
from tests.emulator import SlackEmulator

TEAM_ID = "T0001"
PERIOD = "2026-W47"


def prompt(user_id: str, *, channel: str | None = None, period: str = PERIOD) -> Outgoing:
    return Outgoing(
        kind="prompt",
        recipient=user_id,
        period=period,
        channel=channel or user_id,
        text=f"Time to check in, {user_id}",
    )


def queue_all(db: Database, clock: FakeClock, messages: Iterable[Outgoing]) -> None:
    with db.begin() as session:
        ensure_workspace(session, TEAM_ID, clock.now)
        for message in messages:
            assert queue(session, TEAM_ID, message, now=clock.now)


def sender(
    db: Database,
    slack: SlackEmulator,
    clock: FakeClock,
    *,
    workers: int = 2,
    name: str = "s1",
    poll_seconds: float = 30.0,
) -> Sender:
    settings = Settings(
        slack_bot_token=slack.bot_token,
        slack_signing_secret="unused",
        database_url=db.url,
        slack_api_url=slack.api_url,
    )
    return Sender(
        db,
        Clients(build_delivery_client(settings, timeout=5)),
        clock=clock,
        workers=workers,
        limits=Limits(per_conversation=None),
        name=name,
        poll_seconds=poll_seconds,
    )


def row(db: Database, key: str) -> OutboxMessage:
    with db.begin() as session:
        found = outbox.find(session, TEAM_ID, key)
        assert found is not None
        return found


def people(slack: SlackEmulator, count: int) -> list[str]:
    users = [f"UP{n:05}" for n in range(count)]
    for user in users:
        slack.add_user(user)
    return users
