"""One person's requests cannot fill the listener pool: past a few running at once, the next
one is answered straight away, in plain words, instead of queueing behind them."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.listener.listener_completion_handler import ListenerCompletionHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.clock import Clock
from bot.render import render
from handlers.deps import Deps
from handlers.errors import tell

log = logging.getLogger("okr_bot.fairness")

# Requests of one person (team, user) running at once; the pool has LISTENER_THREADS
# (bot/listener_pool.py).
MOST_RUNNING = 4
# A request that no listener took never reports its end: it stops counting after this long,
# well past the longest a listener runs (Slack calls time out after 10 s, retries are short).
FORGET_AFTER = timedelta(minutes=2)

Who = tuple[str, str]


class Running:
    """The start times of each person's requests still running."""

    def __init__(self, clock: Clock, most: int = MOST_RUNNING) -> None:
        self._clock = clock
        self._most = most
        self._lock = threading.Lock()
        self._started: dict[Who, list[datetime]] = {}

    def start(self, who: Who) -> datetime | None:
        """The new request's start, or None when the person has `most` running already."""
        with self._lock:
            now = self._clock()
            started = [t for t in self._started.get(who, []) if now - t < FORGET_AFTER]
            if len(started) >= self._most:
                self._started[who] = started
                return None
            self._started[who] = [*started, now]
            return now

    def end(self, who: Who, started: datetime) -> None:
        with self._lock:
            running = self._started.get(who, [])
            if started in running:
                running.remove(started)
            if not running:
                self._started.pop(who, None)


class _Ended(ListenerCompletionHandler):
    def __init__(self, running: Running) -> None:
        self._running = running

    def handle(self, request: BoltRequest, response: BoltResponse | None) -> None:
        started = request.context.get("running_since")
        if started is not None:
            self._running.end((str(request.context.team_id), str(request.context.user_id)), started)


def register(app: App, deps: Deps) -> None:
    running = Running(deps.clock)
    app.middleware(limit(running))
    # Global middleware runs before the listener, which goes on in the pool after the ack; the
    # runner's completion handler is where it ends, errors included (as `app.error` sets its
    # error handler).
    app.listener_runner.listener_completion_handler = _Ended(running)


def limit(running: Running) -> Callable[..., BoltResponse | None]:
    def limit_running(
        context: BoltContext, body: dict[str, Any], client: WebClient, next_: Callable[[], None]
    ) -> BoltResponse | None:
        if not context.user_id:
            next_()
            return None
        team_id, user_id = str(context.team_id), str(context.user_id)
        started = running.start((team_id, user_id))
        if started is None:
            log.info("Turned a request of %s (%s) away: %s running", user_id, team_id, MOST_RUNNING)
            return answer_now(body, client)
        context["running_since"] = started
        next_()
        return None

    return limit_running


def answer_now(body: dict[str, Any], client: WebClient) -> BoltResponse:
    """The refusal, where each kind of request shows it without taking a listener."""
    message = render("error", reason="still_running")
    if "command" in body:
        return BoltResponse(status=200, body=message)
    kind = body.get("type")
    if kind == "block_suggestion":
        return BoltResponse(status=200, body={"options": []})
    if kind == "event_callback":
        return BoltResponse(status=503, body="")  # Slack sends the event again, later
    view = body.get("view") if kind == "view_submission" else None
    first_input = next(
        (b.get("block_id") for b in (view or {}).get("blocks", []) if b.get("type") == "input"),
        None,
    )
    if first_input:  # keeps the modal open with what the person typed
        errors = {str(first_input): message["text"]}
        return BoltResponse(status=200, body={"response_action": "errors", "errors": errors})
    try:
        tell(body, client, message)
    except (SlackApiError, OSError):
        log.exception("Could not tell someone that too many of their requests are running")
    return BoltResponse(status=200, body="")
