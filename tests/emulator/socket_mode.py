"""Socket Mode: the URLs apps.connections.open hands out, the /link/ WebSocket behind them,
the envelopes Slack sends down it and the acks the app sends back."""

from __future__ import annotations

import contextlib
import json
import threading
import uuid
from typing import Any
from urllib.parse import parse_qsl

from .calls import Call, CallLog
from .parsing import Request
from .replies import Reply
from .websocket import WebSocket

LINK_PATH = "/link/"
ENVELOPE_TYPES = ("slash_commands", "interactive", "events_api")
# Slack lets the app answer commands and interactions in the ack; events are only acknowledged.
_ANSWERABLE = {"slash_commands": True, "interactive": True, "events_api": False}
DEBUG_INFO = {"host": "applink-emulator"}
DISCONNECT = {"type": "disconnect", "debug_info": DEBUG_INFO}


class SocketMode:
    """Thread-safe: connections run on the HTTP server's threads, tests call from theirs."""

    def __init__(self, app_id: str, log: CallLog, ping_interval: float) -> None:
        self._app_id = app_id
        self._log = log
        self._ping_interval = ping_interval
        self._changed = threading.Condition()
        self._tickets: set[str] = set()
        self._open: list[WebSocket] = []
        self._accepted = 0
        self._sent: set[str] = set()

    def new_url(self, base_url: str) -> str:
        """A one-use WebSocket URL, as apps.connections.open returns it."""
        ticket = str(uuid.uuid4())
        with self._changed:
            self._tickets.add(ticket)
        host = base_url.removeprefix("http://")
        return f"ws://{host}{LINK_PATH}?ticket={ticket}&app_id={self._app_id}"

    def admit(self, request: Request) -> Reply | None:
        """None lets the handshake proceed (using up its ticket); else the refusal to send."""
        ticket = dict(parse_qsl(request.query)).get("ticket", "")
        with self._changed:
            if request.path != LINK_PATH:
                refusal: Reply | None = Reply(404, {}, text="not_found")
            elif ticket not in self._tickets:
                refusal = Reply(401, {}, text="invalid_ticket")
            else:
                self._tickets.discard(ticket)
                refusal = None
        status, body = (101, {}) if refusal is None else (refusal.status, refusal.body)
        self._log.record(Call("socket.connect", {"ticket": ticket}, status, body, None))
        return refusal

    def serve(self, connection: WebSocket) -> None:
        """The life of one connection, on its own thread: hello, then acks until it closes."""
        with self._changed:
            self._accepted += 1
            hello = {
                "type": "hello",
                "num_connections": len(self._open) + 1,
                "debug_info": {**DEBUG_INFO, "approximate_connection_time": 18060},
                "connection_info": {"app_id": self._app_id},
            }
        # Hello goes out before the connection is announced, so no envelope can overtake it.
        try:
            connection.send_text(json.dumps(hello))
        except OSError:
            return
        with self._changed:
            self._open.append(connection)
            self._changed.notify_all()
        threading.Thread(target=self._keep_alive, args=(connection,), daemon=True).start()
        try:
            for text in connection.messages():
                self._receive(text)
        finally:
            with self._changed:
                self._open.remove(connection)
                self._changed.notify_all()

    def _keep_alive(self, connection: WebSocket) -> None:
        # Slack pings every connection; clients use the pings to tell a dead one.
        while not connection.closed.wait(self._ping_interval):
            try:
                connection.ping(b"keepalive")
            except OSError:
                return

    def _receive(self, text: str) -> None:
        try:
            ack = json.loads(text)
        except ValueError:
            ack = {"text": text}
        if not isinstance(ack, dict):
            ack = {"text": text}
        with self._changed:
            known = ack.get("envelope_id") in self._sent
        # Slack drops what answers no envelope it sent; recording it as 400 shows the mistake.
        self._log.record(Call("socket.ack", ack, 200 if known else 400, {}, None))

    def send(
        self, envelope_type: str, payload: dict[str, Any], accepts_response_payload: bool | None
    ) -> str:
        if envelope_type not in ENVELOPE_TYPES:
            raise ValueError(f"envelope_type is one of {ENVELOPE_TYPES}, not {envelope_type!r}")
        envelope_id = str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": _ANSWERABLE[envelope_type]
            if accepts_response_payload is None
            else accepts_response_payload,
        }
        if envelope_type == "events_api":
            envelope.update(retry_attempt=0, retry_reason="")
        with self._changed:
            self._sent.add(envelope_id)
        self._newest().send_text(json.dumps(envelope))
        return envelope_id

    def wait_for_connection(self, timeout: float, count: int) -> None:
        with self._changed:
            if not self._changed.wait_for(
                lambda: self._accepted >= count and bool(self._open), timeout=timeout
            ):
                raise AssertionError(
                    f"expected {count} Socket Mode connection(s) within {timeout}s; "
                    f"{self._accepted} accepted, {len(self._open)} open"
                )

    def wait_for_ack(self, envelope_id: str, timeout: float) -> dict[str, Any]:
        def answers(call: Call) -> bool:
            return call.params.get("envelope_id") == envelope_id

        return self._log.wait_for("socket.ack", timeout=timeout, predicate=answers)[0].params

    def disconnect(self, reason: str | None) -> None:
        """Close every open connection, first telling the clients why when `reason` is set."""
        with self._changed:
            connections = list(self._open)
        for connection in connections:
            if reason is not None:
                with contextlib.suppress(OSError):
                    connection.send_text(json.dumps({**DISCONNECT, "reason": reason}))
            connection.close()

    def reset(self) -> None:
        self.disconnect(None)
        with self._changed:
            # Their threads unregister them; a stale one must not pass for the next connection.
            self._changed.wait_for(lambda: not self._open, timeout=5.0)
            self._tickets.clear()
            self._sent.clear()
            self._accepted = 0

    def _newest(self) -> WebSocket:
        with self._changed:
            if not self._open:
                raise AssertionError("no Socket Mode client is connected")
            return self._open[-1]
