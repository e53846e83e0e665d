"""Forged requests whose timestamp or signature is wrong: 401, and nothing acts on them.

A malformed timestamp used to make slack_sdk's verifier raise inside Bolt, whose error handler
then answered the unverified body: it posted to the response_url it named, sent a DM to the user
it named and posted into the channel it named."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests import slack_requests
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.e2e.door_support import assert_nothing_happened

MALFORMED_TIMESTAMPS = {
    "not a number": "not-a-number",
    "empty": "",
    "exponent": "1e3",
    "hexadecimal": "0x10",
    "5,000 digits": "9" * 5000,
    "far future": str(int(time.time()) + 10**9),
}


def forged_command(bot: RunningBot) -> tuple[bytes, str]:
    """A slash command naming a response_url: the error handler would answer there."""
    body = slack_requests.slash_command_body(
        "checkin",
        team_id=TEAM_ID,
        user_id="U1",
        response_url=bot.slack.new_response_url(),
        trigger_id=bot.slack.new_trigger_id(),
    )
    return body, "application/x-www-form-urlencoded"


def forged_click(bot: RunningBot) -> tuple[bytes, str]:
    """A click with no response_url: the error handler would send the user it names a DM."""
    payload = slack_requests.block_actions_payload(
        team_id=TEAM_ID, user_id="U2", action_id="checkin_open", trigger_id="forged"
    )
    return slack_requests.interactivity_body(payload), "application/x-www-form-urlencoded"


def forged_message(bot: RunningBot) -> tuple[bytes, str]:
    """A DM event: the error handler would post into the channel it names."""
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "C0ANYCHANNEL",
        "user": "U1",
        "text": "KR1 40",
        "ts": "1700000000.000100",
    }
    return slack_requests.event_body(event, team_id=TEAM_ID), "application/json"


FORGERIES: dict[str, Callable[[RunningBot], tuple[bytes, str]]] = {
    "command": forged_command,
    "click": forged_click,
    "message": forged_message,
}


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
@pytest.mark.parametrize(
    "timestamp", MALFORMED_TIMESTAMPS.values(), ids=MALFORMED_TIMESTAMPS.keys()
)
def test_a_malformed_timestamp_is_refused_and_nothing_acts(
    bot: RunningBot, forge: Callable[[RunningBot], tuple[bytes, str]], timestamp: str
) -> None:
    body, content_type = forge(bot)
    reply = bot.post(body, content_type, timestamp=timestamp, signature="v0=" + "0" * 64)
    assert reply.status == 401
    assert "Traceback" not in reply.body
    assert_nothing_happened(bot)


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
@pytest.mark.parametrize(
    "signature", ["", "v0=", "v0=" + "0" * 64, "v1=abc", "v0=é" * 3, "x" * 5000]
)
def test_a_bad_signature_is_refused_and_nothing_acts(
    bot: RunningBot, forge: Callable[[RunningBot], tuple[bytes, str]], signature: str
) -> None:
    body, content_type = forge(bot)
    reply = slack_requests.post(
        bot.events_url, body, content_type, secret="not-the-secret", signature=signature or None
    )
    assert reply.status == 401
    assert_nothing_happened(bot)
