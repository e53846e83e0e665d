"""Stopping waits for what is in flight, but only for the grace period it is given."""

from __future__ import annotations

import http.client
import threading
import time

import pytest

from bot import draining, people
from bot.app import create_app
from bot.listener_pool import ListenerPool
from bot.objectives import editor
from bot.server import make_server
from bot.slack import build_client
from storage import objectives as stored
from storage.db import Database
from tests import factories, slack_requests
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
        objective_id = factories.objective(session, clock.now).id
        person = people.person(session, TEAM_ID, "U1", clock.now)
        form = editor.edit_form(session, person, objective_id=objective_id, now=clock.now)
    assert isinstance(form, dict)
    stopping = threading.Event()
    unanswered: list[int] = []

    def serve() -> None:
        draining.serve_until(server, stopping.is_set)
        draining.stop_accepting(server)
        unanswered.append(draining.drain(server, grace=0.1))

    # The answer is written in one transaction with the objective locked, and the lock is held
    # here far longer than the grace below.
    with db.begin() as holding:
        stored.find(holding, TEAM_ID, objective_id, for_update=True)
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
