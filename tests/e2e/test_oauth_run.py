"""`okr-bot run` in OAuth mode, as a process: no SLACK_BOT_TOKEN, the install link and Slack's
redirect served, and the installed workspace answered with its own token."""

from __future__ import annotations

import http.client
import signal
import subprocess
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.fernet import Fernet

from tests import slack_requests
from tests.e2e.test_run_modes import (  # noqa: F401 (fixtures)
    SECRET,
    Command,
    free_port,
    okr_bot,
    running,
    slack,
    stop,
    wait_until_listening,
)
from tests.emulator import SlackEmulator


def _get(port: int, path: str, cookie: str = "") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_run_serves_the_install_and_answers_the_installed_workspace(
    okr_bot: Command,  # noqa: F811
    slack: SlackEmulator,  # noqa: F811
    running: list[subprocess.Popen[str]],  # noqa: F811
) -> None:
    port = free_port()
    del okr_bot.env["SLACK_BOT_TOKEN"]
    okr_bot.env |= {
        "PORT": str(port),
        "SLACK_CLIENT_ID": slack.grants.client_id,
        "SLACK_CLIENT_SECRET": slack.grants.client_secret,
        "SLACK_STATE_SECRET": "a-state-secret-of-some-length",
        "TOKEN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    }
    process = okr_bot.start("run")
    running.append(process)
    wait_until_listening(process, port, okr_bot)

    start = _get(port, "/slack/install")
    assert start.status == 302
    state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
    cookie = start.headers["Set-Cookie"].split(";")[0]
    query = urlencode({"code": slack.approve_install("T0002", "Beta"), "state": state})
    assert _get(port, f"/slack/oauth_redirect?{query}", cookie).status == 200
    body = slack_requests.slash_command_body(
        "new",
        team_id="T0002",
        user_id="U1",
        response_url=slack.new_response_url(),
        trigger_id=slack.new_trigger_id(team_id="T0002"),
    )
    reply = slack_requests.post(
        f"http://127.0.0.1:{port}/slack/events",
        body,
        "application/x-www-form-urlencoded",
        secret=SECRET,
    )
    assert reply.status == 200
    (opened,) = slack.wait_for("views.open")
    assert [opened.token] == slack.grants.tokens_of("T0002")
    log = stop(process, okr_bot, signal.SIGTERM)
    assert "GET /slack/install, /slack/oauth_redirect" in log
