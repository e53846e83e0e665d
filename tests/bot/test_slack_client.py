"""The bot's Web API client goes where SLACK_API_URL says and rides out 429s and 5xx."""

from __future__ import annotations

import time

import pytest
from slack_sdk.errors import SlackApiError

from bot.settings import Settings
from bot.slack import build_client, busy_for, check_token, in_words
from tests.emulator import SlackEmulator


def settings_for(slack: SlackEmulator, token: str | None = None) -> Settings:
    return Settings(
        slack_bot_token=token or slack.bot_token,
        slack_signing_secret="secret",
        slack_api_url=slack.api_url,
    )


def test_rate_limited_call_is_retried_after_retry_after(slack: SlackEmulator) -> None:
    slack.fail("chat.postMessage", status=429, retry_after=1)
    client = build_client(settings_for(slack))
    started = time.monotonic()
    response = client.chat_postMessage(channel="U1", text="hello")
    assert response["ok"] is True
    first, second = slack.calls_to("chat.postMessage")
    assert (first.status, second.status) == (429, 200)
    # slack_sdk waited out Retry-After (1 s) before the second attempt.
    assert time.monotonic() - started >= 1


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_are_retried(slack: SlackEmulator, status: int) -> None:
    slack.fail("users.info", status=status)
    user = build_client(settings_for(slack)).users_info(user="U1")["user"]
    assert user["id"] == "U1"
    assert [c.status for c in slack.calls_to("users.info")] == [status, 200]


def test_errors_slack_means_are_not_retried(slack: SlackEmulator) -> None:
    slack.fail("chat.postMessage", error="channel_not_found")
    with pytest.raises(SlackApiError) as raised:
        build_client(settings_for(slack)).chat_postMessage(channel="C404", text="hi")
    assert raised.value.response["error"] == "channel_not_found"
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_check_token_explains_a_rejected_token(slack: SlackEmulator) -> None:
    assert check_token(build_client(settings_for(slack))) is None
    problem = check_token(build_client(settings_for(slack, token="xoxb-revoked")))
    assert problem is not None and "invalid_auth" in problem


def test_check_token_explains_an_unreachable_slack() -> None:
    settings = Settings("xoxb-1", "secret", slack_api_url="http://127.0.0.1:9/api/")
    problem = check_token(build_client(settings, timeout=1))
    assert problem is not None and "could not be reached at http://127.0.0.1:9/api/" in problem


def test_a_long_retry_after_fails_at_once_saying_how_long(slack: SlackEmulator) -> None:
    slack.fail("views.open", status=429, retry_after=2)
    client = build_client(settings_for(slack))
    with pytest.raises(SlackApiError) as raised:
        client.views_open(trigger_id=slack.new_trigger_id(), view={"type": "modal"})
    assert busy_for(raised.value) == 2
    assert len(slack.calls_to("views.open")) == 1


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "a second"), (20, "20 seconds"), (60, "a minute"), (61, "2 minutes"), (600, "10 minutes")],
)
def test_waits_in_words(seconds: int, words: str) -> None:
    assert in_words(seconds) == words
