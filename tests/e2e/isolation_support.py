"""Two workspaces installed by OAuth, Acme (T0001) and Globex (T0002), each with its own people
(Ana and Ula are both U1, on purpose), channel and words; what each one lives through in a week,
over signed HTTP; and the calls that reached the emulator, by the workspace of their token."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.delivery.pace import Limits
from bot.delivery.sender import Sender
from bot.jobs import commands
from storage.db import Database
from storage.models import KeyResult, Objective, Workspace
from tests.bot_fixtures import RunningBot
from tests.clock import FakeClock
from tests.e2e.checkin_support import opened_view, page_values
from tests.e2e.oauth_support import install, oauth_bot, oauth_clients
from tests.e2e.test_checkin_message import dm
from tests.emulator import Call, SlackEmulator
from tests.objective_forms import KRForm, ObjectiveForm, create


@dataclass(frozen=True)
class Side:
    """A workspace: its owner U1 and a teammate, its channel, and a word only it uses."""

    team_id: str
    name: str
    teammate: str
    channel: str
    word: str

    @property
    def title(self) -> str:
        return f"{self.word} customers"

    @property
    def teammates_title(self) -> str:
        return f"{self.word} the backlog"


ACME = Side("T0001", "Acme", "U2", "C0ACME", "Anvil")
GLOBEX = Side("T0002", "Globex", "U7", "C0GLOBEX", "Gizmo")
SIDES = (ACME, GLOBEX)
# Who each workspace's people are, as its own users.info says (U1 is someone else in each).
NAMES = {ACME: ("Ana Lima", "Bo Chen"), GLOBEX: ("Ula Gomez", "Gus Weber")}


def other(side: Side) -> Side:
    return GLOBEX if side is ACME else ACME


@pytest.fixture
def workspaces(db: Database, slack: SlackEmulator, clock: FakeClock) -> Iterator[RunningBot]:
    """The bot in OAuth mode with Acme and Globex installed."""
    # Display names are what digests show; both workspaces have a U1.
    people = {ACME: ("Europe/Lisbon", "America/New_York"), GLOBEX: ("America/Chicago",) * 2}
    for side, zones in people.items():
        for user, name, zone in zip(("U1", side.teammate), NAMES[side], zones, strict=True):
            slack.add_user(user, name=name, real_name=name, tz=zone, team_id=side.team_id)
    slack.add_channel(ACME.channel, name="acme-growth")
    slack.add_channel(GLOBEX.channel, name="globex-sales", team_id=GLOBEX.team_id)
    with oauth_bot(db, slack, clock) as bot:
        for side in SIDES:
            assert install(bot, side.team_id, side.name).status == 200
        yield bot


def objective_ids(bot: RunningBot, side: Side) -> dict[str, int]:
    """Title → id of the workspace's objectives, and of its key results."""
    with bot.db.begin() as session:
        rows = session.execute(
            select(Objective.title, Objective.id).where(Objective.team_id == side.team_id)
        ).all()
        krs = session.execute(
            select(KeyResult.title, KeyResult.id).where(KeyResult.team_id == side.team_id)
        ).all()
    return {title: id_ for title, id_ in [*rows, *krs]}


def create_objectives(bot: RunningBot, side: Side) -> None:
    """U1's team objective in the workspace's channel and the teammate's, by the modal."""
    speaking = bot.in_team(side.team_id)
    mine = ObjectiveForm(
        title=side.title,
        level="team",
        channel=side.channel,
        key_results=[KRForm(f"{side.word} signups", start="0", target="100")],
    )
    theirs = ObjectiveForm(
        title=side.teammates_title,
        owner=side.teammate,
        key_results=[KRForm(f"{side.word} tickets", start="0", target="10")],
    )
    for form, user in ((mine, "U1"), (theirs, side.teammate)):
        answer = create(speaking, form, user=user)
        assert answer is None or "errors" not in answer, answer
    bot.settle()
    with bot.db.begin() as session:
        workspace = session.get(Workspace, side.team_id)
        assert workspace is not None
        workspace.celebration_channel_id = side.channel


def check_in_by_modal_and_dm(bot: RunningBot, side: Side) -> None:
    """U1 checks in 30 by the modal, then 60 by DM: past 50 %, a shout-out."""
    speaking = bot.in_team(side.team_id)
    ids = objective_ids(bot, side)
    before = len(bot.slack.calls_to("views.open"))
    speaking.click("checkin_open", str(ids[side.title]))
    view = opened_view(speaking, count=before + 1)
    kr = ids[f"{side.word} signups"]
    answer = speaking.submit(view, page_values({kr: ("30", "on_track", f"{side.word} week")}))
    assert answer.status == 200, answer.body
    bot.clock.advance(hours=1)
    channel = bot.slack.dm_channel("U1", team_id=side.team_id)
    assert speaking.event(dm("1: 60 on track", channel=channel)).status == 200
    bot.slack.wait_for("chat.postMessage", predicate=lambda c: c.params.get("channel") == channel)
    bot.settle()


@contextmanager
def oauth_sender(bot: RunningBot) -> Iterator[Sender]:
    """A sender delivering with each workspace's own token."""
    clients = oauth_clients(bot.db, bot.slack)
    sender = Sender(
        bot.db, clients, clock=bot.clock, limits=Limits(per_conversation=None), name="iso"
    )
    try:
        yield sender
    finally:
        sender.close()


def deliver(bot: RunningBot) -> None:
    """What the requests queued (shout-outs, notices), delivered."""
    with oauth_sender(bot) as sender:
        assert sender.deliver().line().endswith(" 0 failed"), "every message was delivered"


def run_job(bot: RunningBot, name: str, now: datetime) -> str:
    """The job as of `now`, then what it queued delivered."""
    bot.clock.now = now
    with oauth_sender(bot) as sender:
        clients = oauth_clients(bot.db, bot.slack)
        return commands.run_once(commands.find(name), bot.db, clients, sender, now)


def calls_of(slack: SlackEmulator, side: Side) -> list[Call]:
    """The Web API calls made with the workspace's tokens; every call had a known token."""
    tokens = {s: set(slack.grants.tokens_of(s.team_id)) for s in SIDES}
    api = [c for c in slack.calls if c.token is not None]
    unknown = [c.method for c in api if not any(c.token in t for t in tokens.values())]
    assert unknown == [], f"calls with no workspace's token: {unknown}"
    return [c for c in api if c.token in tokens[side]]


def told(call: Call) -> str:
    """Everything a call said and was answered, as text to search."""
    return json.dumps([call.params, call.response], ensure_ascii=False, default=str)


def foreign_words(side: Side) -> list[str]:
    """What only the other workspace's objectives, people and channel are called."""
    stranger = other(side)
    return [stranger.word, stranger.channel, *NAMES[stranger]]


def leaks(calls: list[Call], side: Side) -> list[tuple[str, str]]:
    return [(c.method, w) for c in calls for w in foreign_words(side) if w in told(c)]


def shown_to(messages: list[dict[str, Any]]) -> str:
    return json.dumps(messages, ensure_ascii=False)


def keyed(messages: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """The messages the outbox sent with a key starting with `prefix` (its metadata)."""
    return [
        m
        for m in messages
        if str(m.get("metadata", {}).get("event_payload", {}).get("key", "")).startswith(prefix)
    ]
