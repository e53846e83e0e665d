"""The server side of RFC 6455 on the standard library, as much of it as Socket Mode uses.

Text messages in single frames, ping/pong and the closing handshake. What a Slack client never
sends (fragments, binary frames, extensions) is refused with a close frame naming the reason,
so a client that starts sending them fails loudly instead of being misread.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import socket
import struct
import threading
from collections.abc import Iterator
from email.message import Message
from enum import IntEnum
from typing import BinaryIO

_ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MAX_MESSAGE_BYTES = 1 << 20


class Opcode(IntEnum):
    CONTINUATION = 0x0
    TEXT = 0x1
    BINARY = 0x2
    CLOSE = 0x8
    PING = 0x9
    PONG = 0xA


class CloseCode(IntEnum):
    NORMAL = 1000
    PROTOCOL_ERROR = 1002
    UNSUPPORTED_DATA = 1003
    INVALID_PAYLOAD = 1007
    MESSAGE_TOO_BIG = 1009


class ProtocolError(Exception):
    def __init__(self, code: CloseCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def handshake_problem(headers: Message) -> str | None:
    """What makes this request no WebSocket opening handshake, or None when it is one."""
    if headers.get("Upgrade", "").lower() != "websocket":
        return "Upgrade: websocket is required"
    if "upgrade" not in {part.strip().lower() for part in headers.get("Connection", "").split(",")}:
        return "Connection: Upgrade is required"
    if headers.get("Sec-WebSocket-Version", "").strip() != "13":
        return "Sec-WebSocket-Version: 13 is required"
    try:
        key = base64.b64decode(headers.get("Sec-WebSocket-Key", "").strip(), validate=True)
    except binascii.Error:
        key = b""
    if len(key) != 16:
        return "Sec-WebSocket-Key must be 16 bytes in base64"
    return None


def accept_key(key: str) -> str:
    """The Sec-WebSocket-Accept answer that proves the server read the client's key."""
    digest = hashlib.sha1((key.strip() + _ACCEPT_GUID).encode()).digest()
    return base64.b64encode(digest).decode()


def encode_frame(opcode: Opcode, payload: bytes) -> bytes:
    """One final, unmasked frame: servers never mask."""
    head = bytes([0x80 | opcode])
    if len(payload) < 126:
        return head + bytes([len(payload)]) + payload
    if len(payload) < 1 << 16:
        return head + struct.pack("!BH", 126, len(payload)) + payload
    return head + struct.pack("!BQ", 127, len(payload)) + payload


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the connection closed mid-frame")
    return data


def read_frame(stream: BinaryIO) -> tuple[Opcode, bytes]:
    """The next client frame, unmasked; ProtocolError for what this server does not accept."""
    first, second = _read_exactly(stream, 2)
    if first & 0x70:
        raise ProtocolError(CloseCode.PROTOCOL_ERROR, "reserved bits set: no extension agreed")
    if not second & 0x80:
        raise ProtocolError(CloseCode.PROTOCOL_ERROR, "client frames must be masked")
    try:
        opcode = Opcode(first & 0x0F)
    except ValueError:
        raise ProtocolError(CloseCode.PROTOCOL_ERROR, f"unknown opcode {first & 0x0F}") from None
    length = second & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", _read_exactly(stream, 2))
    elif length == 127:
        (length,) = struct.unpack("!Q", _read_exactly(stream, 8))
    if opcode >= Opcode.CLOSE and length > 125:
        raise ProtocolError(CloseCode.PROTOCOL_ERROR, "control frames carry at most 125 bytes")
    if not first & 0x80 or opcode == Opcode.CONTINUATION:
        raise ProtocolError(CloseCode.UNSUPPORTED_DATA, "fragmented messages are not supported")
    if opcode == Opcode.BINARY:
        raise ProtocolError(CloseCode.UNSUPPORTED_DATA, "Socket Mode speaks text frames only")
    if length > MAX_MESSAGE_BYTES:
        raise ProtocolError(CloseCode.MESSAGE_TOO_BIG, f"messages over {MAX_MESSAGE_BYTES} bytes")
    mask = _read_exactly(stream, 4)
    masked = _read_exactly(stream, length)
    key = (mask * (length // 4 + 1))[:length]
    return opcode, (int.from_bytes(masked) ^ int.from_bytes(key)).to_bytes(length)


class WebSocket:
    """One accepted connection. `messages()` runs on the connection's thread; `send_text()`
    and `close()` may be called from any thread."""

    def __init__(self, stream: BinaryIO, sock: socket.socket) -> None:
        self._stream = stream
        self._socket = sock
        self._send_lock = threading.Lock()
        self.closed = threading.Event()

    def send_text(self, text: str) -> None:
        self._send(Opcode.TEXT, text.encode())

    def ping(self, payload: bytes) -> None:
        self._send(Opcode.PING, payload)

    def close(self, code: int = CloseCode.NORMAL, reason: str = "") -> None:
        """Send the close frame (once) and end the connection; the reader then stops."""
        with self._send_lock:
            if self.closed.is_set():
                return
            self.closed.set()
            with contextlib.suppress(OSError):
                payload = struct.pack("!H", code) + reason.encode()[:123]
                self._socket.sendall(encode_frame(Opcode.CLOSE, payload))
            # Shutting down (not closing: the server thread owns the socket) wakes the reader.
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)

    def messages(self) -> Iterator[str]:
        """Each text message until either side closes; pings are answered on the way."""
        while True:
            try:
                opcode, payload = read_frame(self._stream)
                if opcode == Opcode.TEXT:
                    yield _decode(payload)
                elif opcode == Opcode.PING:
                    self._send(Opcode.PONG, payload)
                elif opcode == Opcode.CLOSE:
                    # The closing handshake echoes the client's status code.
                    echoed = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1000
                    self.close(echoed)
                    return
            except ProtocolError as error:
                self.close(error.code, error.reason)
                return
            except (EOFError, OSError):
                self.close()
                return

    def _send(self, opcode: Opcode, payload: bytes) -> None:
        with self._send_lock:
            if self.closed.is_set():
                raise ConnectionError("the WebSocket is closed")
            self._socket.sendall(encode_frame(opcode, payload))


def _decode(payload: bytes) -> str:
    try:
        return payload.decode()
    except UnicodeDecodeError:
        raise ProtocolError(CloseCode.INVALID_PAYLOAD, "text frames must be UTF-8") from None
