"""The Slack emulator and the running bot, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from slack_bolt import App

from bot import draining
from bot.app import create_app
from bot.charts.worker import Drawer
from bot.listener_pool import ListenerPool
from bot.people import describe
from bot.server import make_server
from bot.settings import Settings
from bot.slack import build_client
from storage.db import Database
from tests import slack_requests
from tests.clock import FakeClock
from tests.emulator import SlackEmulator

TEAM_ID = "T0001"
SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"


@pytest.fixture(scope="session")
def emulator() -> Iterator[SlackEmulator]:
    with SlackEmulator(bot_token=BOT_TOKEN, team_id=TEAM_ID, rate_limit_scale=50) as slack:
        yield slack


@pytest.fixture
def slack(emulator: SlackEmulator) -> SlackEmulator:
    """The emulator, forgetting the previous test's calls, faults and rate-limit state."""
    emulator.reset()
    emulator.add_user("U1", name="ana", real_name="Ana Lima", tz="Europe/Lisbon")
    emulator.add_user("U2", name="bo", real_name="Bo Chen", tz="America/New_York")
    # In UTC: the first admin seen gives the workspace their time zone, UTC for most tests.
    emulator.add_user("UADMIN", name="root", real_name="Ada Admin", tz="UTC", is_admin=True)
    return emulator


def settings_for(db: Database, slack: SlackEmulator) -> Settings:
    return Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        database_url=db.url,
        slack_api_url=slack.api_url,
        port=0,
    )


@dataclass
class RunningBot:
    """The bot serving HTTP on a free port, and helpers to talk to it as Slack does."""

    url: str
    slack: SlackEmulator
    db: Database
    clock: FakeClock
    app: App
    # The workspace the requests come from; `in_team` speaks as another one.
    team_id: str = TEAM_ID

    def in_team(self, team_id: str) -> RunningBot:
        """The same bot, talked to as Slack does from the workspace `team_id`."""
        return dataclasses.replace(self, team_id=team_id)

    def settle(self) -> None:
        """Wait for the work the bot goes on with after answering (e.g. refreshing a profile)."""
        pool = self.app.listener_runner.listener_executor
        assert isinstance(pool, ListenerPool)
        assert pool.wait_for_listeners(5) == 0, "listeners still running after 5 s"

    def introduce(self, *user_ids: str) -> None:
        """Store the people as Slack describes them now, as the bot does once it has met them
        (after a first request, or from a user_change event): someone never met is not an admin
        until then."""
        with self.db.begin() as session:
            for user_id in user_ids:
                profile = self.slack.profile(user_id, team_id=self.team_id)
                describe(session, self.team_id, user_id, profile, self.clock.now)

    @property
    def events_url(self) -> str:
        return self.url + "/slack/events"

    def command(
        self, text: str, *, user: str = "U1", channel: str = "C0GENERAL", **signing: Any
    ) -> Any:
        body = slack_requests.slash_command_body(
            text,
            team_id=self.team_id,
            user_id=user,
            channel_id=channel,
            response_url=self.slack.new_response_url(),
            trigger_id=self.slack.new_trigger_id(team_id=self.team_id),
        )
        return self.post(body, "application/x-www-form-urlencoded", **signing)

    def click(
        self,
        action_id: str,
        value: str | None = None,
        *,
        user: str = "U1",
        view: dict[str, Any] | None = None,
        **extra: Any,
    ) -> slack_requests.Reply:
        """A button click (in a message, or in `view` when given), signed as Slack signs it."""
        payload = slack_requests.block_actions_payload(
            team_id=self.team_id,
            user_id=user,
            action_id=action_id,
            value=value,
            trigger_id=self.slack.new_trigger_id(
                view.get("id") if view is not None else None, team_id=self.team_id
            ),
            response_url=None if view is not None else self.slack.new_response_url(),
            view=view,
            **extra,
        )
        return self.interact(payload)

    def submit(
        self,
        view: dict[str, Any],
        values: dict[str, dict[str, dict[str, Any]]],
        *,
        user: str = "U1",
    ) -> slack_requests.Reply:
        """Submit a modal the bot opened (the `view` param of its views.open call)."""
        payload = slack_requests.view_submission_payload(
            team_id=self.team_id,
            user_id=user,
            view=view,
            values=values,
            trigger_id=self.slack.new_trigger_id(team_id=self.team_id),
        )
        return self.interact(payload)

    def suggest(
        self,
        action_id: str,
        value: str,
        *,
        view: dict[str, Any],
        block_id: str | None = None,
        user: str = "U1",
    ) -> slack_requests.Reply:
        """Typing into an external_select of `view`: the bot answers with the options."""
        payload = slack_requests.block_suggestion_payload(
            team_id=self.team_id,
            user_id=user,
            action_id=action_id,
            block_id=block_id or action_id,
            value=value,
            view=view,
        )
        return self.interact(payload)

    def interact(self, payload: dict[str, Any]) -> slack_requests.Reply:
        return self.post(
            slack_requests.interactivity_body(payload), "application/x-www-form-urlencoded"
        )

    def event(self, event: dict[str, Any], **signing: Any) -> slack_requests.Reply:
        body = slack_requests.event_body(event, team_id=self.team_id)
        return self.post(body, "application/json", **signing)

    def post(self, body: bytes, content_type: str, **signing: Any) -> slack_requests.Reply:
        return slack_requests.post(
            self.events_url, body, content_type, secret=SIGNING_SECRET, **signing
        )


def serve_in_thread(server: Any) -> Callable[[], None]:
    """Run waitress's loop in a thread of its own, as `okr-bot run` does (bot.draining), and
    return what stops it: the loop sees the flag within its timeout and closes the server
    itself. Closing it from another thread raced the loop (a write to a pipe it had closed)."""
    stopping = threading.Event()

    def run() -> None:
        draining.serve_until(server, stopping.is_set)
        server.close()
        # waitress's close() leaves its worker threads waiting for work: a suite of a thousand
        # bots would keep thousands of them alive.
        server.task_dispatcher.shutdown()

    thread = threading.Thread(target=run, name="okr-bot-http", daemon=True)
    thread.start()

    def stop() -> None:
        stopping.set()
        thread.join(timeout=5)
        assert not thread.is_alive(), "the bot's HTTP server did not stop"

    return stop


# One drawing process for every bot of the suite, started by the first chart a test asks for:
# a process per bot would start matplotlib again for each and keep them all until the end.
DRAWER = Drawer()


@pytest.fixture(scope="session", autouse=True)
def drawing_process() -> Iterator[None]:
    yield
    DRAWER.close()


@pytest.fixture
def bot(db: Database, slack: SlackEmulator, clock: FakeClock) -> Iterator[RunningBot]:
    with serving(db, slack, clock) as running:
        yield running


@contextmanager
def serving(
    db: Database, slack: SlackEmulator, clock: FakeClock, settings: Settings | None = None
) -> Iterator[RunningBot]:
    """The bot on `db`, serving HTTP on a free port until the block ends."""
    settings = settings or settings_for(db, slack)
    app = create_app(settings, db=db, client=build_client(settings), clock=clock, drawer=DRAWER)
    server = make_server(
        app, db, signing_secret=SIGNING_SECRET, host="127.0.0.1", port=0, loop_timeout=0.05
    )
    stop = serve_in_thread(server)
    yield RunningBot(f"http://127.0.0.1:{server.effective_port}", slack, db, clock, app)
    # What listeners do after answering (a profile refresh) must not reach the next test's
    # emulator; a listener stuck on an injected delay is left to stopping.
    pool = app.listener_runner.listener_executor
    assert isinstance(pool, ListenerPool)
    pool.wait_for_listeners(10)
    stop()
    pool.shutdown(wait=False)  # its idle threads go now, not when the test process ends
