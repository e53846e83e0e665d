"""The HTTP side: a threaded stdlib server on 127.0.0.1 that hands requests to a router,
and WebSocket upgrades to an upgrader."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol

from . import websocket
from .parsing import Request
from .replies import Reply

Router = Callable[[Request], Reply]

# serve_forever() notices shutdown() only between polls; stop() wakes it at once where the
# platform allows, and this bounds the wait where it does not.
_POLL_INTERVAL = 0.05


class Upgrader(Protocol):
    """Takes over connections that ask for a WebSocket (Socket Mode's /link/)."""

    def admit(self, request: Request) -> Reply | None: ...

    def serve(self, connection: websocket.WebSocket) -> None: ...


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The stdlib default backlog of 5 drops bursts of parallel connections, and the kernel's
    # one-second SYN retry then looks like Slack latency.
    request_queue_size = 128

    def __init__(self, router: Router, upgrader: Upgrader) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.router = router
        self.upgrader = upgrader


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        self._answer(self.server.router(self._request(body)))

    def do_GET(self) -> None:
        if "Upgrade" not in self.headers:
            # Slack accepts GET with query parameters for most methods.
            self.do_POST()
            return
        problem = websocket.handshake_problem(self.headers)
        refusal = (
            Reply(400, {}, text=problem) if problem else self.server.upgrader.admit(self._request())
        )
        if refusal is not None:
            self._answer(refusal)
            return
        self.protocol_version = "HTTP/1.1"  # RFC 6455 answers an upgrade in HTTP/1.1 only
        self.send_response(101, "Switching Protocols")
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        key = self.headers["Sec-WebSocket-Key"]
        self.send_header("Sec-WebSocket-Accept", websocket.accept_key(key))
        self.end_headers()
        self.close_connection = True
        self.server.upgrader.serve(websocket.WebSocket(self.rfile, self.connection))

    def _request(self, body: bytes = b"") -> Request:
        path, _, query = self.path.partition("?")
        return Request(path, query, self.headers, body)

    def _answer(self, reply: Reply) -> None:
        if reply.text is not None:
            payload = reply.text.encode()
            content_type = "text/plain; charset=utf-8"
        else:
            payload = json.dumps(reply.body).encode()
            content_type = "application/json; charset=utf-8"
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out during an injected delay; nobody is listening

    def log_message(self, format: str, *args: object) -> None:
        pass  # keeps pytest output readable; calls are inspectable via SlackEmulator.calls


class HttpServer:
    def __init__(self, router: Router, upgrader: Upgrader) -> None:
        self._server = _Server(router, upgrader)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": _POLL_INTERVAL},
            name="slack-emulator",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        # Shutting the listening socket makes select() return now (Linux); the accept that
        # follows fails harmlessly inside socketserver.
        with contextlib.suppress(OSError):
            self._server.socket.shutdown(socket.SHUT_RDWR)
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
