"""Stopping waits for what is in flight, but only for the grace period it is given."""

from __future__ import annotations

import http.client
import threading
import time

import pytest

from bot import draining
from bot.app import create_app
from bot.listener_pool import ListenerPool
from bot.objectives import editor
from bot.server import make_server
from bot.slack import build_client
from storage.db import Database
from tests import slack_requests
from tests.bot_fixtures import SIGNING_SECRET, TEAM_ID, settings_for
from tests.clock import FakeClock
from tests.emulator import SlackEmulator
from tests.objective_forms import ObjectiveForm, values


def test_a_request_unanswered_when_the_grace_runs_out_is_counted_and_cut(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    settings = settings_for(db, slack)
    app = create_app(settings, db=db, client=build_client(settings), clock=clock)
    server = make_server(
        app, db, signing_secret=SIGNING_SECRET, host="127.0.0.1", port=0, loop_timeout=0.05
    )
    with db.begin() as session:
        form = editor.new_form(session, team_id=TEAM_ID, user_id="U1", title="", now=clock.now)
    # Whether the owner named in the form is in the workspace is asked before the answer, which
    # carries the form's errors: Slack is slow, far longer than the grace below.
    slack.fail("users.info", delay=1.0)
    stopping = threading.Event()
    unanswered: list[int] = []

    def serve() -> None:
        draining.serve_until(server, stopping.is_set)
        draining.stop_accepting(server)
        unanswered.append(draining.drain(server, grace=0.1))

    serving = threading.Thread(target=serve)
    serving.start()
    payload = slack_requests.view_submission_payload(
        team_id=TEAM_ID,
        user_id="U1",
        view=form,
        values=values(form, ObjectiveForm(owner="U2")),
        trigger_id=slack.new_trigger_id(),
    )
    body = slack_requests.interactivity_body(payload)
    stamp = int(time.time())
    connection = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=10)
    connection.request(
        "POST",
        "/slack/events",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": str(stamp),
            "X-Slack-Signature": slack_requests.sign(SIGNING_SECRET, stamp, body),
        },
    )
    stopping.set()
    serving.join(timeout=5)

    assert unanswered == [1]
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        connection.getresponse()
    connection.close()
    pool = app.listener_runner.listener_executor
    assert isinstance(pool, ListenerPool)
    assert pool.wait_for_listeners(5) == 0  # the listener ends before its database goes
