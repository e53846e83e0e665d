"""Milestone shout-outs over HTTP, on SQLite and PostgreSQL: check-ins sent to the running bot
as Slack sends them, and the shout-outs its sender (woken by the commit, never by its poll)
posts to the emulator with their 🎉, once each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import select

from bot.delivery.sender import run_in_thread
from storage.db import Database
from storage.models import MilestoneReached, OutboxMessage, Workspace
from tests import factories
from tests.bot_fixtures import RunningBot, serving
from tests.delivery import sender
from tests.e2e.checkin_support import blocks_text, check_ins
from tests.e2e.parallel import at_once
from tests.e2e.test_checkin_message import dm
from tests.factories import KR

WINS = "C0WINS"
TEAM = "C0TEAM"
# Faster than the sender's poll by far: a shout-out within this came from the commit's wake-up.
WITHIN = 10.0


@contextmanager
def delivering(bot: RunningBot, *dbs: Database) -> Iterator[None]:
    """The running bot's sender, polling only every 10 minutes, woken by each commit."""
    running = sender(bot.db, bot.slack, bot.clock, poll_seconds=600)
    for db in dbs or (bot.db,):
        db.after_queueing.append(running.wake)
    stop = run_in_thread(running)
    try:
        yield
    finally:
        stop()
        running.close()
        for db in dbs or (bot.db,):
            db.after_queueing.remove(running.wake)


def arrange(bot: RunningBot, **objective: Any) -> None:
    """Ana (U1) owns one objective with one key result, 0 → 100; wins go to #wins."""
    bot.slack.add_channel(WINS, name="wins")
    bot.slack.add_channel(TEAM, name="team-growth")
    with bot.db.begin() as session:
        factories.person(session, "U1", bot.clock.now)
        quiet = objective.pop("celebrate_quietly", False)
        row = factories.objective(
            session, bot.clock.now, key_results=[KR("Raise NPS", start=0, target=100)], **objective
        )
        row.celebrate_quietly = quiet
        workspace = session.get(Workspace, factories.TEAM_ID)
        assert workspace is not None
        workspace.celebration_channel_id = WINS


def check_in(bot: RunningBot, text: str, *, replies: int) -> None:
    """A check-in by DM, answered in the DM (the `replies`-th answer there)."""
    bot.clock.advance(hours=1)
    assert bot.event(dm(text)).status == 200
    bot.slack.wait_for(
        "chat.postMessage", count=replies, predicate=lambda c: c.params["channel"] == "D0000001"
    )


def shoutouts(bot: RunningBot, channel: str) -> list[dict[str, Any]]:
    return [
        m
        for m in bot.slack.messages_in(channel)
        if m.get("metadata", {}).get("event_payload", {}).get("key", "").startswith("celebration:")
    ]


def queued_shoutouts(db: Database) -> list[OutboxMessage]:
    with db.begin() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == "celebration")
        return list(session.scalars(query))


def test_a_key_result_going_40_55_45_60_100_is_celebrated_at_50_and_100_once_each(
    bot: RunningBot,
) -> None:
    arrange(bot)
    with delivering(bot):
        check_in(bot, "1: 40 on track", replies=1)
        check_in(bot, "1: 55 on track halfway, <!channel> come see", replies=2)
        bot.slack.wait_for("reactions.add", timeout=WITHIN)
        for n, text in enumerate(["1: 45 at risk", "1: 60 on track"], start=3):
            check_in(bot, text, replies=n)
        check_in(bot, "1: 100 on track we made it", replies=5)
        bot.slack.wait_for("reactions.add", count=2, timeout=WITHIN)

    assert [row.value for row in check_ins(bot)] == [40, 55, 45, 60, 100]
    half, whole = shoutouts(bot, WINS)
    assert "<@U1> reached 50 % on the key result *Raise NPS*" in blocks_text(half)
    assert "“halfway, &lt;!channel&gt; come see”" in blocks_text(half), "the note, escaped"
    assert "<@U1> completed the objective *Delight our customers*" in blocks_text(whole)
    assert "“we made it”" in blocks_text(whole)
    for message in (half, whole):
        assert json.dumps(message).count("<@") == 1, "one mention, of the owner"
        assert bot.slack.reactions_on(WINS, message["ts"]) == ["tada"]
    assert len(queued_shoutouts(bot.db)) == 2, "45 and 60 queued nothing"
    with bot.db.begin() as session:
        milestones = session.scalars(select(MilestoneReached)).all()
        assert sorted((m.subject, m.milestone) for m in milestones) == [
            ("key_result", 50),
            ("key_result", 100),
            ("objective", 100),
        ]


@pytest.mark.parametrize(
    ("objective", "why"),
    [
        ({"visibility": "private"}, "Your objective is private, so only you see this."),
        ({"celebrate_quietly": True}, "celebrate this objective quietly, so only you see this."),
    ],
    ids=["private", "quiet"],
)
def test_private_and_quiet_objectives_are_celebrated_in_the_owners_dm_only(
    bot: RunningBot, objective: dict[str, Any], why: str
) -> None:
    arrange(bot, **objective)
    with delivering(bot):
        check_in(bot, "1: 70 on track", replies=1)
        bot.slack.wait_for("reactions.add", timeout=WITHIN)
    assert shoutouts(bot, WINS) == [] and bot.slack.calls_to("conversations.join") == []
    (shout,) = shoutouts(bot, bot.slack.dm_channel("U1"))
    assert "<@U1> reached 50 %" in blocks_text(shout) and why in blocks_text(shout)
    posted = [c.params["channel"] for c in bot.slack.calls_to("chat.postMessage")]
    assert not [c for c in posted if c.startswith("C")], "nothing posted in any channel"


def test_a_team_objective_is_celebrated_in_its_own_channel(bot: RunningBot) -> None:
    arrange(bot, level="team", team_channel_id=TEAM)
    with delivering(bot):
        check_in(bot, "1: 100 on track", replies=1)
        bot.slack.wait_for("reactions.add", timeout=WITHIN)
    assert shoutouts(bot, WINS) == []
    (shout,) = shoutouts(bot, TEAM)
    assert "<@U1> completed the objective *Delight our customers*" in blocks_text(shout)
    assert bot.slack.reactions_on(TEAM, shout["ts"]) == ["tada"]


def test_the_same_crossing_checked_in_at_once_through_two_bot_processes_is_celebrated_once(
    bot: RunningBot,
) -> None:
    arrange(bot)
    other_db = Database(bot.db.url)  # a second process: its own engine and connections
    try:
        with serving(other_db, bot.slack, bot.clock) as other, delivering(bot, bot.db, other_db):
            bot.clock.advance(hours=1)
            answers = at_once(
                [
                    lambda: bot.event(dm("1: 55 on track")),
                    lambda: other.event(dm("1: 60 on track")),
                ]
            )
            assert [a.status for a in answers] == [200, 200]
            bot.slack.wait_for(
                "chat.postMessage",
                count=2,
                predicate=lambda c: c.params["channel"] == "D0000001",
            )
            bot.slack.wait_for("reactions.add", timeout=WITHIN)
    finally:
        other_db.dispose()
    assert sorted(row.value for row in check_ins(bot)) == [55, 60], "both recorded"
    assert len(shoutouts(bot, WINS)) == 1
    assert len(queued_shoutouts(bot.db)) == 1
