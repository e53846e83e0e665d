"""Past MOST_RUNNING requests of one person at once, the next is answered straight away."""

from __future__ import annotations

import json
from typing import Any

import pytest
from slack_sdk import WebClient

from handlers.fairness import MOST_RUNNING, Running, answer_now
from tests.bot_fixtures import RunningBot
from tests.clock import FakeClock
from tests.emulator import SlackEmulator

STILL_RUNNING = "You have several requests still running; try again in a moment."


def test_a_person_may_have_a_few_requests_running_at_once(clock: FakeClock) -> None:
    running = Running(clock)
    ana, bo = ("T1", "U1"), ("T1", "U2")
    started = [running.start(ana) for _ in range(MOST_RUNNING)]
    assert None not in started
    assert running.start(ana) is None
    assert running.start(bo) is not None, "one person's requests do not count for another"
    first = started[0]
    assert first is not None
    running.end(ana, first)
    assert running.start(ana) is not None


def test_a_request_that_never_ends_stops_counting_after_a_while(clock: FakeClock) -> None:
    running = Running(clock)
    for _ in range(MOST_RUNNING):
        running.start(("T1", "U1"))
    clock.advance(minutes=1)
    assert running.start(("T1", "U1")) is None
    clock.advance(minutes=1, seconds=1)
    assert running.start(("T1", "U1")) is not None


def client_for(slack: SlackEmulator) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.api_url)


def test_a_command_is_answered_in_its_ack(slack: SlackEmulator) -> None:
    answer = answer_now({"command": "/okr", "user_id": "U1"}, client_for(slack))
    assert answer.status == 200
    assert json.loads(answer.body)["text"] == STILL_RUNNING
    assert slack.calls == []


def test_a_form_keeps_what_was_typed_and_says_so_on_its_first_field(slack: SlackEmulator) -> None:
    view = {"blocks": [{"type": "section"}, {"type": "input", "block_id": "objective_title"}]}
    answer = answer_now({"type": "view_submission", "view": view}, client_for(slack))
    assert json.loads(answer.body) == {
        "response_action": "errors",
        "errors": {"objective_title": STILL_RUNNING},
    }


@pytest.mark.parametrize(
    ("body", "status", "answered"),
    [
        ({"type": "block_suggestion", "value": "gro"}, 200, {"options": []}),
        ({"type": "event_callback", "event": {"type": "message"}}, 503, None),
    ],
    ids=["suggestions", "event: Slack sends it again later"],
)
def test_other_requests_are_answered_without_a_listener(
    slack: SlackEmulator, body: dict[str, Any], status: int, answered: Any
) -> None:
    answer = answer_now(body, client_for(slack))
    assert answer.status == status
    assert (json.loads(answer.body) if answer.body else None) == answered


def test_a_click_is_answered_where_it_was_made(slack: SlackEmulator) -> None:
    body = {"type": "block_actions", "user": {"id": "U1"}, "response_url": slack.new_response_url()}
    assert answer_now(body, client_for(slack)).status == 200
    (call,) = slack.calls_to("response_url")
    assert call.params["text"] == STILL_RUNNING


def test_finished_requests_no_longer_count(bot: RunningBot) -> None:
    for _ in range(3 * MOST_RUNNING):
        assert "/okr new" in bot.command("help", user="U1").json()["text"]
