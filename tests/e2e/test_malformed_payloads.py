"""Signed bodies that are not of a shape Slack sends: a short plain 400 and a log line, never
a 500 with a traceback, and no listener runs."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pytest

from tests import slack_requests
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.e2e.door_support import assert_nothing_happened

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def click(**changes: Any) -> dict[str, Any]:
    """A click on a message's Check in button, with `changes` (None: the field is left out)."""
    payload = slack_requests.block_actions_payload(
        team_id=TEAM_ID,
        user_id="U1",
        action_id="checkin_open",
        value="1",
        trigger_id="T.1",
        response_url="http://127.0.0.1:9/never",
    )
    return _changed(payload, changes)


def submission(**view_changes: Any) -> dict[str, Any]:
    """A submitted objective form whose view has `view_changes`."""
    view = {"id": "V1", "callback_id": "objective_form", "private_metadata": "", "blocks": []}
    payload = slack_requests.view_submission_payload(
        team_id=TEAM_ID, user_id="U1", view=view, values={}, trigger_id="T.1"
    )
    payload["view"] = _changed(payload["view"], view_changes)
    return payload


def home_opened(**changes: Any) -> dict[str, Any]:
    envelope = json.loads(
        slack_requests.event_body({"type": "app_home_opened", "user": "U1"}, team_id=TEAM_ID)
    )
    return _changed(envelope, changes)


def _changed(original: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    changed = {**original, **changes}
    return {k: v for k, v in changed.items() if v is not None}


def interaction(payload: Any) -> tuple[str, bytes]:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return FORM, urllib.parse.urlencode({"payload": text}).encode()


def event(body: Any) -> tuple[str, bytes]:
    return JSON, (body if isinstance(body, str) else json.dumps(body)).encode()


COMMAND = slack_requests.slash_command_body(
    "help", team_id=TEAM_ID, user_id="U1", response_url="http://127.0.0.1:9/", trigger_id="T.1"
)
MESSAGE = {"type": "message", "channel_type": "im", "user": "U1", "text": "KR1 40"}

MALFORMED: dict[str, tuple[str, bytes]] = {
    # interactivity: the form field `payload` holding a JSON object
    "payload not JSON": interaction("{not json"),
    "payload truncated": interaction(json.dumps(click())[:-7]),
    "payload an array": interaction([click()]),
    "payload a string": interaction('"block_actions"'),
    "payload null": interaction("null"),
    "payload nested too deep": interaction("[" * 100_000),
    "payload with a 5,000-digit number": interaction('{"type": ' + "9" * 5000 + "}"),
    "payload without type": interaction(click(type=None)),
    "actions empty": interaction(click(actions=[])),
    "actions not a list": interaction(click(actions="checkin_open")),
    "action not an object": interaction(click(actions=["checkin_open"])),
    "action without action_id": interaction(click(actions=[{"value": "1"}])),
    "click without trigger_id": interaction(click(trigger_id=None)),
    "click without user": interaction(click(user=None)),
    "user without id": interaction(click(user={"name": "ana"})),
    "team a number": interaction(click(team=5)),
    "response_urls a number": interaction(click(response_urls=5)),
    "click in a view that is a list": interaction(click(view=[])),
    "click in a view without id": interaction(click(view={"type": "modal"})),
    "submission without view": interaction(submission() | {"view": None}),
    "view a string": interaction(submission() | {"view": "V1"}),
    "view without callback_id": interaction(submission(callback_id=None)),
    "state a list": interaction(submission(state=[])),
    "state without values": interaction(submission(state={})),
    "state.values a list": interaction(submission(state={"values": []})),
    "state.values block a list": interaction(submission(state={"values": {"title": []}})),
    "state.values entry a string": interaction(
        submission(state={"values": {"title": {"title": "x"}}})
    ),
    "blocks not objects": interaction(submission(blocks=["title"])),
    "suggestion without action_id": interaction(
        {"type": "block_suggestion", "team": {"id": TEAM_ID}, "user": {"id": "U1"}, "value": "x"}
    ),
    # slash commands: form fields
    "form with neither command nor payload": (FORM, b"text=help&user_id=U1"),
    "command without user_id": (FORM, COMMAND.replace(b"user_id=U1&", b"")),
    "command without trigger_id": (FORM, COMMAND.split(b"&trigger_id=")[0]),
    "JSON sent as a form": (FORM, json.dumps(home_opened()).encode()),
    "empty form": (FORM, b""),
    # events: a JSON object
    "form sent as JSON": (JSON, COMMAND),
    "event truncated": event(json.dumps(home_opened())[:-3]),
    "event an array": event([home_opened()]),
    "event a number": event("42"),
    "event without type": event(home_opened(type=None)),
    "event_callback without event": event(home_opened(event=None)),
    "event a list": event(home_opened(event=[])),
    "event without its type": event(home_opened(event={"user": "U1"})),
    "event_callback without team_id": event(home_opened(team_id=None)),
    "app_home_opened without user": event(home_opened(event={"type": "app_home_opened"})),
    "message without channel": event(home_opened(event=MESSAGE | {"ts": "1.2"})),
    "message without ts": event(home_opened(event=MESSAGE | {"channel": "D1"})),
    "event user a number": event(home_opened(event={"type": "app_home_opened", "user": 5})),
    "authorizations a number": event(home_opened(authorizations=5)),
    "url_verification without challenge": event({"type": "url_verification"}),
    "empty JSON body": (JSON, b""),
    # neither
    "plain text": ("text/plain", b"hello"),
    "no content type": ("", COMMAND),
}


@pytest.mark.parametrize(("content_type", "body"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_signed_malformed_body_is_refused_with_400(
    bot: RunningBot, caplog: pytest.LogCaptureFixture, content_type: str, body: bytes
) -> None:
    reply = bot.post(body, content_type)
    assert reply.status == 400
    assert reply.body.startswith("This is not a Slack payload: ")
    assert len(reply.body) < 200 and "Traceback" not in reply.body
    assert "Refused a signed request that is not a Slack payload" in caplog.text
    assert "Traceback" not in caplog.text
    assert_nothing_happened(bot)


def test_the_well_formed_shapes_still_get_through(bot: RunningBot) -> None:
    """The checks refuse nothing Slack sends: each kind reaches its listener."""
    assert "/okr help" in bot.command("help").json()["text"]
    assert bot.event({"type": "app_home_opened", "user": "U1", "tab": "home"}).status == 200
    bot.slack.wait_for("views.publish")
    challenge = {"type": "url_verification", "challenge": "c-1", "token": "t"}
    assert "c-1" in bot.post(json.dumps(challenge).encode(), JSON).body
    assert bot.post(b"ssl_check=1&token=t", FORM).status == 200
