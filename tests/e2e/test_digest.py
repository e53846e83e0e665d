"""The weekly digest end to end, over HTTP on SQLite and PostgreSQL: the `digest` job posts it
through the outbox to the digest channel and each team channel, with the right people and
risks, named and never mentioned, once however many times or replicas run it; private
objectives never appear; `/okr digest` previews it for the person who asks."""

from __future__ import annotations

import json
from typing import Any

from bot.jobs import commands
from tests.bot.digest.support import DIGESTS, NOW, OTHER, TEAM, WEEK, arrange
from tests.bot.prompts.support import CLIENTS
from tests.bot_fixtures import RunningBot
from tests.delivery import sender
from tests.e2e.checkin_support import blocks_text

CHANNELS = (TEAM, OTHER, DIGESTS)


def posted(bot: RunningBot, channel: str) -> list[dict[str, Any]]:
    return bot.slack.messages_in(channel)


def run_digest(bot: RunningBot, name: str) -> str:
    return commands.run_once(
        commands.find("digest"),
        bot.db,
        CLIENTS,
        sender(bot.db, bot.slack, bot.clock, name=name),
        NOW,
    )


def test_the_job_posts_each_channel_its_digest_once_naming_people_and_risks(
    bot: RunningBot,
) -> None:
    for channel in CHANNELS:
        bot.slack.add_channel(channel, name=channel.lower())
    arrange(bot.db)
    bot.clock.now = NOW
    line = run_digest(bot, "replica-1")
    assert line.startswith("digest: 3 digests queued, 1 workspace due this week; delivered 3"), line
    # A second replica, and a later tick, find every digest queued: nothing more is posted.
    assert run_digest(bot, "replica-2").startswith("digest: 0 digests queued")
    bot.clock.advance(hours=5)
    assert run_digest(bot, "replica-1").startswith("digest: 0 digests queued")
    counts = bot.slack.messages_by_metadata_key()
    assert {key: n for key, n in counts.items() if key.startswith("digest:")} == {
        f"digest:{channel}:{WEEK}": 1 for channel in CHANNELS
    }

    (team,) = posted(bot, TEAM)
    text = blocks_text(team)
    assert "The team objectives of <#C0TEAM>" in text
    assert "*Checked in in the last 7 days:* Ana Lima, Bo Chen" in text
    assert "*No check-in in the last 7 days:* Cy Diaz" in text
    assert "*Behind pace, at risk or off track*" in text
    assert "*Monthly churn* (Keep our customers, Bo Chen)" in text
    assert "*Tickets closed* (Faster support, Cy Diaz)" in text
    assert ":large_yellow_circle: At risk" in text
    assert "*Beta testers* (Ship the mobile app, Ana Lima): up 45 points, now 65%" in text
    assert ":large_green_circle: *Monthly churn*" in text, "back on track"
    assert "expected by today 70%" in text
    assert "Home tab" in text
    assert "Learn Rust" not in text and "Hire two engineers" not in text

    (everyone,) = posted(bot, DIGESTS)
    text = blocks_text(everyone)
    assert "Every public objective of the workspace" in text
    assert "Learn Rust" in text and "Hire two engineers" in text
    # A name that looks like a mention is shown as text, escaped.
    assert "&lt;!channel&gt; &lt;@U999&gt; Dee, Ana Lima, Bo Chen" in text

    for channel in CHANNELS:
        for message in posted(bot, channel):
            raw = json.dumps(message)
            assert "<@" not in raw and "<!" not in raw, "people are named, never mentioned"
            assert "Secret plan" not in raw and "Eve Secret" not in raw, "private stays private"


def test_okr_digest_previews_the_channels_digest_or_the_workspaces(bot: RunningBot) -> None:
    arrange(bot.db)
    bot.clock.now = NOW
    here = bot.command("digest", channel=TEAM).json()
    assert here["response_type"] == "ephemeral"
    text = blocks_text(here)
    assert "*Preview, only you see this.* Posted in <#C0TEAM> every Friday at 16:00 (UTC)." in text
    assert "The team objectives of <#C0TEAM>" in text
    assert "*No check-in in the last 7 days:* Cy Diaz" in text
    assert "Secret plan" not in json.dumps(here) and "<@" not in json.dumps(here)

    elsewhere = blocks_text(bot.command("digest", channel="C0GENERAL").json())
    assert "Posted in <#C0DIGEST> every Friday at 16:00 (UTC)." in elsewhere
    assert "Every public objective of the workspace" in elsewhere
    assert "Learn Rust" in elsewhere
    assert "Secret plan" not in elsewhere, "not even for its owner: the preview is the channel's"
    # Nothing was queued or posted by a preview.
    assert not bot.slack.calls_to("chat.postMessage")

    help_text = json.dumps(bot.command("help").json())
    assert "/okr digest" in help_text


def test_the_preview_says_when_no_digest_channel_is_set(bot: RunningBot) -> None:
    arrange(bot.db, digest_channel=None)
    bot.clock.now = NOW
    text = blocks_text(bot.command("digest", channel="C0GENERAL").json())
    assert "No digest channel is set" in text and "/okr settings" in text
    assert "Every public objective of the workspace" in text


def test_an_empty_preview_says_there_is_nothing_to_show_yet(bot: RunningBot) -> None:
    bot.introduce("U1")
    answer = bot.command("digest", channel="C0GENERAL").json()
    assert answer["text"] == "Weekly OKR digest: nothing to show yet", answer["text"]
    text = blocks_text(answer)
    assert "Nothing to show yet: no public objective in" in text
    assert "once there is something to show" not in text, "no digest channel is set"
    assert "Home tab" in text, "the next step"
