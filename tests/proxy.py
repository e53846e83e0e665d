"""A TCP relay in front of PostgreSQL that can freeze, as a stopped server or a stalled network
path does: connections stay open (the kernel still accepts and acknowledges bytes), nothing
answers."""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

from sqlalchemy.engine import make_url


class FreezableProxy:
    def __init__(self, database_url: str) -> None:
        server = make_url(database_url)
        self._upstream = (server.host or "127.0.0.1", server.port or 5432)
        self._listener = socket.create_server(("127.0.0.1", 0))
        port: int = self._listener.getsockname()[1]
        # The same database, reached through this relay.
        self.url = server.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
        self._thawed = threading.Event()
        self._thawed.set()
        self._closed = False
        self._sockets: list[socket.socket] = [self._listener]
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, name="proxy-accept", daemon=True).start()

    def freeze(self) -> None:
        """Stop passing bytes and accepting connections, closing nothing."""
        self._thawed.clear()

    def thaw(self) -> None:
        self._thawed.set()

    def close(self) -> None:
        """Close every connection: whatever still waits on the frozen relay gets an error."""
        self._closed = True
        self._thawed.set()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def __enter__(self) -> FreezableProxy:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while True:
            self._thawed.wait()
            try:
                client, _ = self._listener.accept()
                server = socket.create_connection(self._upstream)
            except OSError:
                return  # closed
            with self._lock:
                self._sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(
                    target=self._relay, args=(source, target), name="proxy-relay", daemon=True
                ).start()

    def _relay(self, source: socket.socket, target: socket.socket) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            self._thawed.wait()  # frozen: hold what arrived, answer nothing
            if not data or self._closed:
                with contextlib.suppress(OSError):
                    target.shutdown(socket.SHUT_WR)
                return
            try:
                target.sendall(data)
            except OSError:
                return
