"""A failing listener is logged with its traceback and the person is told in plain words."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from handlers.errors import handle_error
from tests.bot_fixtures import RunningBot
from tests.emulator import SlackEmulator
from tests.logs import waiting_logs


def client_for(slack: SlackEmulator) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.api_url)


def test_a_failed_command_is_answered_on_its_response_url(
    slack: SlackEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    body = {"command": "/okr", "user_id": "U1", "response_url": slack.new_response_url()}
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        response = handle_error(exc, body, client_for(slack))
    assert response.status == 200
    (call,) = slack.calls_to("response_url")
    assert call.params["response_type"] == "ephemeral"
    assert "something went wrong on our side" in call.params["text"]
    assert "boom" not in call.params["text"], "no internals reach the person"
    assert "boom" in caplog.text and "the person was told" in caplog.text


def test_a_failed_button_is_answered_by_direct_message(slack: SlackEmulator) -> None:
    body = {"type": "block_actions", "user": {"id": "U2"}}
    handle_error(RuntimeError("boom"), body, client_for(slack))
    (call,) = slack.calls_to("chat.postMessage")
    assert call.params["channel"] == "U2"
    assert "try again" in call.params["text"]


def test_home_tab_failure_is_logged_without_bothering_anyone(bot: RunningBot) -> None:
    bot.slack.fail("views.publish", error="internal_error")
    with waiting_logs("okr_bot.errors") as logs:
        assert bot.event({"type": "app_home_opened", "user": "U1", "tab": "home"}).status == 200
        record = logs.wait_for("Listener failed on event_callback app_home_opened")
    assert "nobody was told" in record.getMessage()
    assert record.exc_info is not None and "internal_error" in str(record.exc_info[1])
    assert bot.slack.calls_to("chat.postMessage") == []
