"""`okr-bot run` as a person or a service manager runs it: a process of its own, configured by
its environment, talking to the emulator in HTTP mode and in Socket Mode, stopped by signal."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storage.db import Database
from storage.migrate import head_revision
from tests import databases, slack_requests
from tests.blockkit import validate_message, validate_view
from tests.emulator import SlackEmulator

ROOT = Path(__file__).resolve().parents[2]
TEAM_ID = "T0001"
SECRET = "e2e-signing-secret"
FORM = "application/x-www-form-urlencoded"
APP_TOKEN = "xapp-1-A0OKRBOT-1-e2e"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(
        team_id=TEAM_ID,
        app_token=APP_TOKEN,
        # apps.connections.open is Tier 1 (one a minute): the reconnect would wait it out.
        rate_limit_scale=1000,
        # slack_sdk's reader blocks up to 3 s on a quiet socket and stopping waits for it;
        # Slack's pings wake it, and frequent ones keep this test's stop short.
        socket_ping_interval=0.1,
    ) as emulator:
        emulator.add_user("U1", name="ana", real_name="Ana Lima", tz="Europe/Lisbon")
        yield emulator


@dataclass
class Command:
    """`okr-bot …` with an environment of its own: nothing from ours but PATH and the like,
    and run in an empty directory so that no .env is read."""

    tmp_path: Path
    env: dict[str, str]

    def start(self, *args: str) -> subprocess.Popen[str]:
        with (self.tmp_path / "okr-bot.log").open("w") as log:
            return subprocess.Popen(
                [sys.executable, "-m", "bot", *args],
                cwd=self.tmp_path,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
            )

    def log(self) -> str:
        return (self.tmp_path / "okr-bot.log").read_text()


@pytest.fixture
def okr_bot(tmp_path: Path, slack: SlackEmulator) -> Command:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("SLACK_") and name not in {"DATABASE_URL", "PORT", "LOG_LEVEL"}
    }
    return Command(
        tmp_path,
        {
            **inherited,
            "PYTHONPATH": os.pathsep.join([str(ROOT), inherited.get("PYTHONPATH", "")]),
            "SLACK_BOT_TOKEN": slack.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.api_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'okr.db'}",
        },
    )


@pytest.fixture
def running() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes a test started; killed if the test failed before stopping them."""
    processes: list[subprocess.Popen[str]] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(process: subprocess.Popen[str], port: int, command: Command) -> None:
    """Until the port accepts connections; waiting on the process between tries, so that a
    bot that exits is reported at once with its log."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except ConnectionRefusedError:
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing listens on {port}:\n{command.log()}") from None
        try:
            code = process.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"okr-bot run exited with {code}:\n{command.log()}")


def stop(process: subprocess.Popen[str], command: Command, sig: signal.Signals) -> str:
    """Send `sig` as a service manager would; the log once the bot has exited cleanly."""
    process.send_signal(sig)
    assert process.wait(timeout=STOP_TIMEOUT) == 0, command.log()
    log = command.log()
    assert f"Stopped ({sig.name})" in log
    assert "Traceback" not in log and "ERROR" not in log
    return log


def ask_for_help(slack: SlackEmulator) -> dict[str, Any]:
    """/okr help as a Socket Mode envelope; the ack that answers it."""
    command = slack_requests.slash_command_fields(
        "help",
        team_id=TEAM_ID,
        user_id="U1",
        response_url=slack.new_response_url(),
        trigger_id=slack.new_trigger_id(),
    )
    return slack.wait_for_socket_ack(slack.socket_send("slash_commands", command))


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_http_mode_upgrades_answers_and_stops_on_signal(
    okr_bot: Command,
    slack: SlackEmulator,
    running: list[subprocess.Popen[str]],
    stop_signal: signal.Signals,
) -> None:
    port = free_port()
    okr_bot.env["PORT"] = str(port)
    process = okr_bot.start("run")
    running.append(process)
    wait_until_listening(process, port, okr_bot)
    url = f"http://127.0.0.1:{port}"

    with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
        health = json.load(response)
    with urllib.request.urlopen(url + "/livez", timeout=5) as response:
        alive = json.load(response)
    body = slack_requests.slash_command_body(
        "help",
        team_id=TEAM_ID,
        user_id="U1",
        response_url=slack.new_response_url(),
        trigger_id=slack.new_trigger_id(),
    )
    reply = slack_requests.post(
        url + "/slack/events", body, "application/x-www-form-urlencoded", secret=SECRET
    )

    assert health["schema"] == head_revision()
    assert alive["status"] == "alive"
    assert reply.status == 200
    validate_message(reply.json())
    assert "/okr help" in reply.json()["text"]
    assert f"on port {port}" in stop(process, okr_bot, stop_signal)


def test_socket_mode_answers_publishes_reconnects_and_stops_on_sigterm(
    okr_bot: Command, slack: SlackEmulator, running: list[subprocess.Popen[str]]
) -> None:
    okr_bot.env["SLACK_APP_TOKEN"] = APP_TOKEN
    process = okr_bot.start("run")
    running.append(process)
    slack.wait_for_socket_connection(timeout=START_TIMEOUT)

    help_ack = ask_for_help(slack)
    home = slack.socket_send(
        "events_api",
        slack_requests.event_callback(
            {"type": "app_home_opened", "user": "U1", "tab": "home"}, team_id=TEAM_ID
        ),
    )
    home_ack = slack.wait_for_socket_ack(home)
    (published,) = slack.wait_for("views.publish")

    validate_message(help_ack["payload"])
    assert "/okr help" in help_ack["payload"]["text"]
    assert help_ack["payload"]["response_type"] == "ephemeral"
    assert home_ack == {"envelope_id": home}
    assert published.params["user_id"] == "U1" and published.response["ok"] is True
    validate_view(published.params["view"])

    slack.socket_disconnect()
    slack.wait_for_socket_connection(count=2)
    assert ask_for_help(slack)["payload"] == help_ack["payload"]
    assert [c.token for c in slack.calls_to("apps.connections.open")] == [APP_TOKEN] * 2

    stop(process, okr_bot, signal.SIGTERM)


def help_body(slack: SlackEmulator, text: str = "help", user: str = "U1") -> bytes:
    return slack_requests.slash_command_body(
        text,
        team_id=TEAM_ID,
        user_id=user,
        response_url=slack.new_response_url(),
        trigger_id=slack.new_trigger_id(),
    )


def refuses_connections_while_stopping(
    process: subprocess.Popen[str], command: Command, port: int
) -> bool:
    """Once the bot says it is stopping (and before it exits), whether a new connection is
    refused; False if it never says so."""
    deadline = time.monotonic() + START_TIMEOUT
    while "Stopping (SIGTERM)" not in command.log():
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.05)  # polling the log file of another process
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        return True
    return False


# users.info is delayed so that the requests of people never seen are still in flight when
# SIGTERM comes. On SQLite those requests take the write lock in turn (users.info is asked
# inside the transaction), so a short delay keeps the last one within Slack's 3 s.
SLOW_USERS_INFO = {"sqlite": 0.1, "postgresql": 1.5}


def signed_post(connection: http.client.HTTPConnection, body: bytes, content_type: str) -> None:
    stamp = int(time.time())
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": slack_requests.sign(SECRET, stamp, body),
    }
    connection.request("POST", "/slack/events", body, headers)


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_sigterm_lets_every_request_and_listener_in_flight_finish(
    okr_bot: Command,
    slack: SlackEmulator,
    running: list[subprocess.Popen[str]],
    request: pytest.FixtureRequest,
    database: str,
) -> None:
    if database == "postgresql":
        okr_bot.env["DATABASE_URL"] = request.getfixturevalue("postgres_url")
        databases.truncate_all(Database(okr_bot.env["DATABASE_URL"]))
    port = free_port()
    okr_bot.env["PORT"] = str(port)
    process = okr_bot.start("run")
    running.append(process)
    wait_until_listening(process, port, okr_bot)
    url = f"http://127.0.0.1:{port}/slack/events"
    # The workspace's first request creates it: made here, not by 15 requests at once.
    assert slack_requests.post(url, help_body(slack, "checkin"), FORM, secret=SECRET).status == 200

    people = [f"U{n:02}" for n in range(2, 18)]
    for user in people:
        slack.add_user(user, name=user.lower())
    slack.fail("users.info", delay=SLOW_USERS_INFO[database], times=len(people))
    # A DM check-in is acknowledged at once; its listener then asks users.info and replies.
    writer, checkers = people[0], people[1:]
    dm = {"type": "message", "channel_type": "im", "channel": "D17", "user": writer}
    dm_body = slack_requests.event_body(dm | {"text": "1 40", "ts": "1.1"}, team_id=TEAM_ID)
    assert slack_requests.post(url, dm_body, "application/json", secret=SECRET).status == 200

    sent = threading.Barrier(len(checkers) + 1)
    answers: dict[str, tuple[int, str] | BaseException] = {}

    def check_in(user: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            signed_post(connection, help_body(slack, "checkin", user), FORM)
            sent.wait()
            response = connection.getresponse()
            answers[user] = (response.status, response.read().decode())
        except Exception as exc:
            answers[user] = exc
        finally:
            connection.close()

    clients = [threading.Thread(target=check_in, args=(user,)) for user in checkers]
    for client in clients:
        client.start()
    sent.wait()  # every request is on the wire: now stop, as a service manager does
    process.send_signal(signal.SIGTERM)
    refused = refuses_connections_while_stopping(process, okr_bot, port)
    for client in clients:
        client.join(timeout=30)

    assert process.wait(timeout=30) == 0, okr_bot.log()
    for user in checkers:
        answer = answers[user]
        assert isinstance(answer, tuple), f"{user} got no answer: {answer!r}"
        status, body = answer
        assert status == 200, f"{user} got {status}: {body}"
        assert "objective" in json.loads(body)["text"]
    (reply,) = slack.calls_to("chat.postMessage")
    assert reply.params["channel"] == "D17", "the DM's listener finished too"
    assert refused, "new connections are refused from the start of the stop"
    log = okr_bot.log()
    assert "Stopped (SIGTERM)" in log
    assert "Traceback" not in log and "ERROR" not in log


def ready_health(url: str) -> dict[str, Any]:
    """/healthz's body once it says 200: the bot notes its connection a moment after Slack
    (the emulator) has accepted it."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return dict(json.load(response))
        except urllib.error.HTTPError as error:
            if error.code != 503 or time.monotonic() > deadline:
                raise
        time.sleep(0.05)  # polling another process's state


def test_socket_mode_serves_health_checks_on_health_port(
    okr_bot: Command, slack: SlackEmulator, running: list[subprocess.Popen[str]]
) -> None:
    port = free_port()
    okr_bot.env |= {"SLACK_APP_TOKEN": APP_TOKEN, "HEALTH_PORT": str(port)}
    process = okr_bot.start("run")
    running.append(process)
    wait_until_listening(process, port, okr_bot)
    slack.wait_for_socket_connection(timeout=START_TIMEOUT)
    url = f"http://127.0.0.1:{port}"

    with urllib.request.urlopen(url + "/livez", timeout=5) as response:
        alive = json.load(response)
    ready = ready_health(url + "/healthz")

    assert alive["status"] == "alive"
    assert ready["status"] == "ok" and ready["socket"] == "connected"
    assert ready["schema"] == head_revision()
    assert f"HEALTH_PORT {port}" in stop(process, okr_bot, signal.SIGTERM)
