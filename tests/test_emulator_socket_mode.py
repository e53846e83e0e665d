"""Socket Mode in the emulator, driven by slack_sdk's own built-in SocketModeClient."""

from __future__ import annotations

import logging
import queue
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from tests.emulator import SlackEmulator
from tests.logs import waiting_logs

APP_TOKEN = "xapp-1-A0OKRBOT-1-secret"
COMMAND = {"command": "/okr", "text": "help", "user_id": "U1", "team_id": "T0001"}


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    # apps.connections.open is Tier 1 (one a minute); reconnecting tests would wait it out.
    with SlackEmulator(app_token=APP_TOKEN, rate_limit_scale=1000) as emulator:
        yield emulator


class Recorder:
    """What the client received, to wait on without sleeping; answers requests as an app would."""

    def __init__(self) -> None:
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.requests: queue.Queue[SocketModeRequest] = queue.Queue()

    def on_message(self, client: SocketModeClient, message: dict[str, Any], _: str | None) -> None:
        self.messages.put(message)

    def on_request(self, client: SocketModeClient, request: SocketModeRequest) -> None:
        self.requests.put(request)
        # slack_sdk's built-in client cannot send a frame over 64 KiB: keep answers short.
        answer = {"text": f"got {request.payload.get('text', '')[:200]}"}
        payload = answer if request.accepts_response_payload else None
        client.send_socket_mode_response(SocketModeResponse(request.envelope_id, payload))

    def next_message(self) -> dict[str, Any]:
        return self.messages.get(timeout=5)

    def next_request(self) -> SocketModeRequest:
        return self.requests.get(timeout=5)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def client(slack: SlackEmulator, recorder: Recorder) -> Iterator[SocketModeClient]:
    logger = logging.getLogger("tests.socket_mode_client")
    logger.setLevel(logging.INFO)
    client = SocketModeClient(
        app_token=APP_TOKEN, web_client=WebClient(base_url=slack.api_url), logger=logger
    )
    client.message_listeners.append(recorder.on_message)
    client.socket_mode_request_listeners.append(recorder.on_request)
    with waiting_logs(logger.name) as logs:
        yield client
        # The emulator closes first: that wakes the client's reader at once, where close()
        # would wait out its 3 s receive timeout. close() must then wait for the reader to let
        # go of the socket (slack_sdk races itself otherwise), and a last queued message
        # ends its 1 s queue poll.
        session_id = client.session_id()
        slack.socket_disconnect(None)
        if session_id is not None:
            logs.wait_for(f"The connection has been closed (session id: {session_id})")
        client.closed = True
        client.message_queue.put(None)
        client.close()


def test_apps_connections_open_gives_a_websocket_url_for_the_app_token(
    slack: SlackEmulator,
) -> None:
    response = WebClient(base_url=slack.api_url).apps_connections_open(app_token=APP_TOKEN)

    assert response["url"].startswith(f"ws://127.0.0.1:{slack.base_url.rsplit(':', 1)[1]}/link/")
    assert "ticket=" in response["url"] and "app_id=A0OKRBOT" in response["url"]
    assert slack.calls_to("apps.connections.open")[0].token == APP_TOKEN


@pytest.mark.parametrize(
    ("token", "error"),
    [
        ("xoxb-test-token", "not_allowed_token_type"),
        ("xapp-1-A0OKRBOT-1-wrong", "invalid_auth"),
        ("", "not_authed"),
    ],
)
def test_apps_connections_open_takes_only_the_app_token(
    slack: SlackEmulator, token: str, error: str
) -> None:
    with pytest.raises(SlackApiError) as refused:
        WebClient(base_url=slack.api_url).apps_connections_open(app_token=token)
    assert refused.value.response["error"] == error


def test_the_app_token_cannot_call_bot_methods(slack: SlackEmulator) -> None:
    with pytest.raises(SlackApiError) as refused:
        WebClient(token=APP_TOKEN, base_url=slack.api_url).auth_test()
    assert refused.value.response["error"] == "not_allowed_token_type"


def test_client_connects_and_is_greeted_with_hello(
    slack: SlackEmulator, client: SocketModeClient, recorder: Recorder
) -> None:
    client.connect()
    slack.wait_for_socket_connection()

    hello = recorder.next_message()
    assert hello["type"] == "hello"
    assert hello["num_connections"] == 1
    assert hello["connection_info"] == {"app_id": "A0OKRBOT"}
    assert [c.status for c in slack.calls_to("socket.connect")] == [101]


def test_slash_command_is_acked_with_the_response_payload(
    slack: SlackEmulator, client: SocketModeClient, recorder: Recorder
) -> None:
    client.connect()
    slack.wait_for_socket_connection()

    envelope_id = slack.socket_send("slash_commands", COMMAND)
    ack = slack.wait_for_socket_ack(envelope_id)

    request = recorder.next_request()
    assert (request.type, request.payload, request.accepts_response_payload) == (
        "slash_commands",
        COMMAND,
        True,
    )
    assert ack == {"envelope_id": envelope_id, "payload": {"text": "got help"}}
    assert slack.calls_to("socket.ack")[0].status == 200


def test_events_are_sent_as_slack_sends_them_and_acked_without_payload(
    slack: SlackEmulator, client: SocketModeClient, recorder: Recorder
) -> None:
    client.connect()
    slack.wait_for_socket_connection()
    event = {"type": "event_callback", "event": {"type": "app_home_opened", "user": "U1"}}

    envelope_id = slack.socket_send("events_api", event)

    request = recorder.next_request()
    assert request.accepts_response_payload is False
    assert (request.retry_attempt, request.retry_reason) == (0, "")
    assert slack.wait_for_socket_ack(envelope_id) == {"envelope_id": envelope_id}


def test_client_reconnects_when_slack_asks_it_to_refresh(
    slack: SlackEmulator, client: SocketModeClient, recorder: Recorder
) -> None:
    client.connect()
    slack.wait_for_socket_connection()

    slack.socket_disconnect()
    slack.wait_for_socket_connection(count=2)

    envelope_id = slack.socket_send("slash_commands", COMMAND)
    assert slack.wait_for_socket_ack(envelope_id)["payload"] == {"text": "got help"}
    assert len(slack.calls_to("apps.connections.open")) == 2


def test_a_large_envelope_and_ack_cross_intact(
    slack: SlackEmulator, client: SocketModeClient, recorder: Recorder
) -> None:
    client.connect()
    slack.wait_for_socket_connection()
    command = {**COMMAND, "text": "x" * 70_000}  # past the 16-bit frame length

    envelope_id = slack.socket_send("slash_commands", command)

    assert recorder.next_request().payload == command
    assert slack.wait_for_socket_ack(envelope_id)["payload"]["text"] == "got " + "x" * 200


def test_an_ack_for_no_envelope_is_recorded_as_refused(
    slack: SlackEmulator, client: SocketModeClient
) -> None:
    client.connect()
    slack.wait_for_socket_connection()

    client.send_socket_mode_response({"envelope_id": "never-sent"})

    assert slack.wait_for_socket_ack("never-sent") == {"envelope_id": "never-sent"}
    assert slack.calls_to("socket.ack")[0].status == 400


def test_sending_needs_a_connection_and_a_known_envelope_type(slack: SlackEmulator) -> None:
    with pytest.raises(AssertionError, match="no Socket Mode client is connected"):
        slack.socket_send("slash_commands", COMMAND)
    with pytest.raises(ValueError, match="envelope_type"):
        slack.socket_send("hello", {})


def test_reset_closes_the_connections(slack: SlackEmulator, client: SocketModeClient) -> None:
    client.connect()
    slack.wait_for_socket_connection()

    slack.reset()

    with pytest.raises(AssertionError, match="no Socket Mode client is connected"):
        slack.socket_send("slash_commands", COMMAND)
