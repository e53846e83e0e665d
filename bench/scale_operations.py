"""The operations bench/scale.py measures, as Slack sends them: signed requests to the bot,
each timed until what Slack would show reaches the emulator (or, for a saved modal, the HTTP
answer), and checked to say what it should, so that a refusal is not timed as an answer."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bench import people
from tests import slack_requests
from tests.e2e.checkin_support import page_values
from tests.e2e.replicas_support import SECRET
from tests.emulator import SlackEmulator
from tests.emulator.calls import Call

# The small workspace's people are numbered apart, so that no user id is in both.
SMALL_FIRST = 900_000


@dataclass(frozen=True)
class Workspace:
    label: str
    team_id: str
    actor: str

    @property
    def dm(self) -> str:
        return f"D{self.actor}"


BIG = Workspace("big", people.TEAM_ID, people.user_id(1))
SMALL = Workspace("small", "T0002", people.user_id(SMALL_FIRST + 1))


class Arrivals:
    """When each call reached the emulator (its watcher runs as the call is answered)."""

    def __init__(self, slack: SlackEmulator) -> None:
        self._changed = threading.Condition()
        self._seen: list[tuple[float, Call]] = []
        slack.watch(self._record)

    def _record(self, call: Call) -> None:
        with self._changed:
            self._seen.append((time.perf_counter(), call))
            self._changed.notify_all()

    def mark(self) -> int:
        with self._changed:
            return len(self._seen)

    def wait(self, method: str, since: int, timeout: float = 30) -> tuple[float, Call]:
        """The first call to `method` after the `since`-th."""

        def found() -> tuple[float, Call] | None:
            return next((s for s in self._seen[since:] if s[1].method == method), None)

        with self._changed:
            if self._changed.wait_for(lambda: found() is not None, timeout=timeout):
                arrived = found()
                assert arrived is not None
                return arrived
        raise SystemExit(f"no {method} reached the emulator within {timeout} s")


@dataclass
class Session:
    """What the bench needs to send a request and see what it did."""

    events_url: str
    slack: SlackEmulator
    arrivals: Arrivals
    opened: dict[str, dict[str, Any]] = field(default_factory=dict)
    counter: Iterator[int] = field(default_factory=itertools.count)

    def post(self, body: bytes, content_type: str) -> slack_requests.Reply:
        reply = slack_requests.post(self.events_url, body, content_type, secret=SECRET, timeout=30)
        if reply.status != 200:
            raise SystemExit(f"HTTP {reply.status}: {reply.body[:300]}")
        return reply

    def command(self, ws: Workspace, text: str) -> slack_requests.Reply:
        body = slack_requests.slash_command_body(
            text,
            team_id=ws.team_id,
            user_id=ws.actor,
            response_url=self.slack.new_response_url(),
            trigger_id=self.slack.new_trigger_id(),
        )
        return self.post(body, "application/x-www-form-urlencoded")

    def event(self, ws: Workspace, event: dict[str, Any]) -> slack_requests.Reply:
        return self.post(slack_requests.event_body(event, team_id=ws.team_id), "application/json")


def until(method: str, send: Callable[[Session, Workspace], object], shows: str) -> Operation:
    """An operation that ends when `method` reaches the emulator, saying `shows`."""

    def measure(session: Session, ws: Workspace) -> float:
        since = session.arrivals.mark()
        started = time.perf_counter()
        send(session, ws)
        answered = time.perf_counter()
        arrived, call = session.arrivals.wait(method, since)
        if not call.response.get("ok", True) or call.status != 200:
            raise SystemExit(f"{method} failed: {call.response}")
        if shows not in json.dumps(call.params, ensure_ascii=False):
            raise SystemExit(f"{method} does not say {shows!r}: {str(call.params)[:500]}")
        if method == "views.open":
            session.opened[ws.label] = call.response["view"]
        return (max(answered, arrived) - started) * 1000

    return measure


Operation = Callable[[Session, Workspace], float]


def save_check_in(session: Session, ws: Workspace) -> float:
    """Submit the check-in modal the previous operation opened, a new value for every key
    result; ends with the HTTP answer (the modal's next view)."""
    view = session.opened.pop(ws.label)
    value = new_value(session)
    ids = [int(b["block_id"].split("-")[1]) for b in view["blocks"] if _is_value(b)]
    values = page_values({kr_id: (value, "on_track", "bench") for kr_id in ids})
    payload = slack_requests.view_submission_payload(
        team_id=ws.team_id,
        user_id=ws.actor,
        view=view,
        values=values,
        trigger_id=session.slack.new_trigger_id(),
    )
    started = time.perf_counter()
    reply = session.post(
        slack_requests.interactivity_body(payload), "application/x-www-form-urlencoded"
    )
    elapsed = (time.perf_counter() - started) * 1000
    if reply.json().get("response_action") != "update" or not ids:
        raise SystemExit(f"the check-in was not saved: {reply.body[:300]}")
    return elapsed


def new_value(session: Session) -> str:
    """A value not sent before: the same check-in again within 10 minutes is not recorded."""
    return f"{10 + next(session.counter) / 100:.2f}"


def _is_value(block: dict[str, Any]) -> bool:
    return str(block.get("block_id", "")).startswith("value-")


def home(session: Session, ws: Workspace) -> None:
    stamp = f"{time.time():.6f}"  # a new event each time: Slack's event ids differ
    session.event(
        ws, {"type": "app_home_opened", "user": ws.actor, "tab": "home", "event_ts": stamp}
    )


def dm_check_in(session: Session, ws: Workspace) -> None:
    n = next(session.counter)
    ts = f"1764500000.{n:06d}"
    value = new_value(session)
    text = f"1: {value} on track\n2: {value} on track"
    event = {
        "type": "message",
        "channel": ws.dm,
        "channel_type": "im",
        "user": ws.actor,
        "text": text,
        "ts": ts,
        "event_ts": ts,
    }
    session.event(ws, event)


OPERATIONS: dict[str, Operation] = {
    "/okr list": until("response_url", lambda s, ws: s.command(ws, "list"), "Objective of"),
    "/okr list company": until(
        "response_url", lambda s, ws: s.command(ws, "list company"), "Objective of"
    ),
    "Home tab publish": until("views.publish", home, "Objective of"),
    "check-in modal open": until(
        "views.open", lambda s, ws: s.command(ws, "checkin"), "Key result 5"
    ),
    "check-in modal save": save_check_in,
    "DM check-in": until("chat.postMessage", dm_check_in, "Checked in 2 key results"),
    "history": until("views.open", lambda s, ws: s.command(ws, "history"), "Key result 5"),
}
