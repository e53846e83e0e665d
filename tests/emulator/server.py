"""The HTTP side: a threaded stdlib server on 127.0.0.1 that hands requests to a router."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .parsing import Request
from .replies import Reply

Router = Callable[[Request], Reply]

# serve_forever() notices shutdown() only between polls; stop() wakes it at once where the
# platform allows, and this bounds the wait where it does not.
_POLL_INTERVAL = 0.05


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The stdlib default backlog of 5 drops bursts of parallel connections, and the kernel's
    # one-second SYN retry then looks like Slack latency.
    request_queue_size = 128

    def __init__(self, router: Router) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.router = router


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        path, _, query = self.path.partition("?")
        reply = self.server.router(Request(path, query, self.headers, body))
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

    # Slack accepts GET with query parameters for most methods.
    do_GET = do_POST

    def log_message(self, format: str, *args: object) -> None:
        pass  # keeps pytest output readable; calls are inspectable via SlackEmulator.calls


class HttpServer:
    def __init__(self, router: Router) -> None:
        self._server = _Server(router)
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
