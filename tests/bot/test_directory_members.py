"""bot/directory.Directory.channel_members: a channel's members from Slack, kept a while, and
None for a channel the bot may not see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient

from bot.directory import MEMBERS_KEPT_FOR, Directory
from tests.emulator import SlackEmulator

NOW = datetime(2026, 11, 16, 14, 0, tzinfo=UTC)


def test_members_are_asked_once_per_period_and_paged(slack: SlackEmulator) -> None:
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    everyone = [f"U{n:03d}" for n in range(250)]
    slack.add_channel("C1", name="team", members=everyone)
    directory = Directory()
    assert directory.channel_members(client, "T0001", "C1", NOW) == everyone
    asked = len(slack.calls_to("conversations.members"))
    assert asked == 2, "200 a page"
    slack.add_channel("C1", name="team", members=["U1"])
    assert directory.channel_members(client, "T0001", "C1", NOW + timedelta(minutes=1)) == everyone
    assert len(slack.calls_to("conversations.members")) == asked
    later = NOW + MEMBERS_KEPT_FOR
    assert directory.channel_members(client, "T0001", "C1", later) == ["U1"]


def test_a_channel_the_bot_may_not_see_has_no_members_to_tell(slack: SlackEmulator) -> None:
    client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    slack.add_channel("C2", name="hush", is_private=True, is_member=False, members=["U1"])
    assert Directory().channel_members(client, "T0001", "C2", NOW) is None
    assert Directory().channel_members(client, "T0001", "C404", NOW) is None
