"""A failing listener is logged with its traceback and the person is told in plain words;
a request whose signature was not verified is only logged, whatever it names."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pytest
from slack_bolt import BoltRequest, BoltResponse
from slack_sdk import WebClient

from bot.app import create_app
from bot.front_door import verified_request
from handlers.errors import handle_error
from storage.db import Database
from tests import slack_requests
from tests.bot_fixtures import TEAM_ID, RunningBot, settings_for
from tests.emulator import SlackEmulator
from tests.logs import waiting_logs

FORM = {"content-type": "application/x-www-form-urlencoded"}


def client_for(slack: SlackEmulator) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.api_url)


def form_text(body: dict[str, Any]) -> str:
    """A slash command's fields, or an interaction's payload, as Slack posts them."""
    fields = body if "command" in body else {"payload": json.dumps(body)}
    return urllib.parse.urlencode(fields)


def verified(body: dict[str, Any]) -> BoltRequest:
    return verified_request(form_text(body), "", FORM)


def test_a_failed_command_is_answered_on_its_response_url(
    slack: SlackEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    body = {"command": "/okr", "user_id": "U1", "response_url": slack.new_response_url()}
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        response = handle_error(exc, verified(body), client_for(slack), BoltResponse(status=500))
    assert response is not None and response.status == 200
    (call,) = slack.calls_to("response_url")
    assert call.params["response_type"] == "ephemeral"
    assert "something went wrong on our side" in call.params["text"]
    assert "boom" not in call.params["text"], "no internals reach the person"
    assert "boom" in caplog.text and "the person was told" in caplog.text


def test_a_failed_button_is_answered_by_direct_message(slack: SlackEmulator) -> None:
    body = {"type": "block_actions", "user": {"id": "U2"}}
    handle_error(RuntimeError("boom"), verified(body), client_for(slack))
    (call,) = slack.calls_to("chat.postMessage")
    assert call.params["channel"] == "U2"
    assert "try again" in call.params["text"]


def test_after_the_ack_the_person_is_told_and_no_answer_is_returned(slack: SlackEmulator) -> None:
    """Bolt passes no response once the listener acknowledged, and asserts on any returned."""
    body = {"type": "block_actions", "user": {"id": "U2"}}
    assert handle_error(RuntimeError("boom"), verified(body), client_for(slack), None) is None
    (call,) = slack.calls_to("chat.postMessage")
    assert "try again" in call.params["text"]


def test_a_socket_mode_request_is_answered_as_slack_sent_it(slack: SlackEmulator) -> None:
    """Socket Mode has no signature: it comes over the connection our app token opened."""
    body = {"command": "/okr", "user_id": "U1", "response_url": slack.new_response_url()}
    request = BoltRequest(body=body, mode="socket_mode")
    response = handle_error(
        RuntimeError("boom"), request, client_for(slack), BoltResponse(status=500)
    )
    assert response is not None and response.status == 200
    (call,) = slack.calls_to("response_url")
    assert "something went wrong on our side" in call.params["text"]


def test_a_request_the_door_did_not_verify_is_only_logged(
    slack: SlackEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    body = {"command": "/okr", "user_id": "U1", "response_url": slack.new_response_url()}
    unverified = BoltRequest(body=form_text(body), headers=FORM)
    response = handle_error(
        RuntimeError("boom"), unverified, client_for(slack), BoltResponse(status=500)
    )
    assert response is not None and response.status == 401
    assert slack.calls == []
    assert "not verified" in caplog.text and "boom" in caplog.text


def test_a_verifier_failure_inside_bolt_acts_on_nothing(
    db: Database, slack: SlackEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    """Bolt's own verifier raises on a malformed timestamp and Bolt calls the error handler:
    the body it hands over names a response_url, a user and a channel that are anyone's."""
    settings = settings_for(db, slack)
    app = create_app(settings, db=db, client=client_for(slack))
    command = slack_requests.slash_command_body(
        "checkin",
        team_id=TEAM_ID,
        user_id="U1",
        response_url=slack.new_response_url(),
        trigger_id=slack.new_trigger_id(),
    )
    forged = BoltRequest(
        body=command.decode(),
        headers={
            **FORM,
            "x-slack-request-timestamp": "not-a-number",
            "x-slack-signature": "v0=" + "0" * 64,
        },
    )
    response = app.dispatch(forged)
    assert response.status == 401
    assert slack.calls == []
    assert "not verified" in caplog.text


def test_home_tab_failure_is_logged_without_bothering_anyone(bot: RunningBot) -> None:
    bot.slack.fail("views.publish", error="internal_error")
    with waiting_logs("okr_bot.errors") as logs:
        assert bot.event({"type": "app_home_opened", "user": "U1", "tab": "home"}).status == 200
        record = logs.wait_for("Listener failed on event_callback app_home_opened")
    assert "nobody was told" in record.getMessage()
    assert record.exc_info is not None and "internal_error" in str(record.exc_info[1])
    assert bot.slack.calls_to("chat.postMessage") == []
