"""The emulator's WebSocket at the byte level: the handshake, framing, and what it refuses."""

from __future__ import annotations

import base64
import json
import os
import socket
import struct
from collections.abc import Callable, Iterator
from urllib.parse import urlparse

import pytest
from slack_sdk import WebClient

from tests.emulator import SlackEmulator
from tests.emulator.websocket import accept_key

KEY = base64.b64encode(b"sixteen byte key").decode()


class RawClient:
    """A bare RFC 6455 client that can also break the rules on purpose."""

    def __init__(self, url: str) -> None:
        parsed = urlparse(url)
        self.path = f"{parsed.path}?{parsed.query}"
        self.socket = socket.create_connection((parsed.hostname, parsed.port), timeout=5)
        self.stream = self.socket.makefile("rb")

    def handshake(self, **headers: str) -> tuple[int, dict[str, str]]:
        sent = {
            "Host": "127.0.0.1",
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Key": KEY,
            "Sec-WebSocket-Version": "13",
            **{name.replace("_", "-"): value for name, value in headers.items()},
        }
        lines = [f"GET {self.path} HTTP/1.1", *(f"{k}: {v}" for k, v in sent.items()), "", ""]
        self.socket.sendall("\r\n".join(lines).encode())
        status = int(self.stream.readline().split()[1])
        received = {}
        while line := self.stream.readline().strip():
            name, _, value = line.decode().partition(":")
            received[name.lower()] = value.strip()
        return status, received

    def send(self, opcode: int, payload: bytes, *, fin: bool = True, mask: bool = True) -> None:
        head = bytes([(0x80 if fin else 0) | opcode])
        length = len(payload)
        size = bytes([length]) if length < 126 else struct.pack("!BH", 126, length)
        if not mask:
            self.socket.sendall(head + bytes([size[0]]) + size[1:] + payload)
            return
        key = os.urandom(4)
        masked = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
        self.socket.sendall(head + bytes([0x80 | size[0]]) + size[1:] + key + masked)

    def receive(self) -> tuple[int, bytes]:
        first, second = self.stream.read(2)
        assert second & 0x80 == 0, "servers never mask"
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self.stream.read(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self.stream.read(8))
        return first & 0x0F, self.stream.read(length)

    def close_frame(self) -> tuple[int, str]:
        """The server's close frame, skipping the hello before it."""
        opcode, payload = self.receive()
        while opcode != 0x8:
            opcode, payload = self.receive()
        return struct.unpack("!H", payload[:2])[0], payload[2:].decode()


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(rate_limit_scale=1000) as emulator:
        yield emulator


def link_url(slack: SlackEmulator) -> str:
    response = WebClient(base_url=slack.api_url).apps_connections_open(app_token="xapp-test-token")
    return str(response["url"])


@pytest.fixture
def connect() -> Iterator[Callable[[str], RawClient]]:
    """Opens raw clients, all closed after the test."""
    clients: list[RawClient] = []

    def open_client(url: str) -> RawClient:
        clients.append(RawClient(url))
        return clients[-1]

    yield open_client
    for client in clients:
        client.stream.close()
        client.socket.close()


@pytest.fixture
def connected(slack: SlackEmulator, connect: Callable[[str], RawClient]) -> RawClient:
    client = connect(link_url(slack))
    assert client.handshake()[0] == 101
    return client


def test_accept_key_is_rfc_6455s_example() -> None:
    assert accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


def test_handshake_switches_protocols_and_says_hello(
    slack: SlackEmulator, connect: Callable[[str], RawClient]
) -> None:
    client = connect(link_url(slack))

    status, headers = client.handshake()

    assert status == 101
    assert headers["upgrade"] == "websocket" and headers["connection"] == "Upgrade"
    assert headers["sec-websocket-accept"] == accept_key(KEY)
    opcode, payload = client.receive()
    assert (opcode, json.loads(payload)["type"]) == (0x1, "hello")


def test_a_ticket_opens_one_connection_only(
    slack: SlackEmulator, connect: Callable[[str], RawClient]
) -> None:
    url = link_url(slack)
    assert connect(url).handshake()[0] == 101

    assert connect(url).handshake()[0] == 401
    assert [c.status for c in slack.calls_to("socket.connect")] == [101, 401]


def test_what_is_not_a_websocket_handshake_is_refused(
    slack: SlackEmulator, connect: Callable[[str], RawClient]
) -> None:
    url = link_url(slack)
    assert connect(url).handshake(Sec_WebSocket_Version="8")[0] == 400
    assert connect(url).handshake(Sec_WebSocket_Key="c2hvcnQ=")[0] == 400
    assert connect(url.replace("/link/", "/elsewhere/")).handshake()[0] == 404
    # None of these used up the ticket.
    assert connect(url).handshake()[0] == 101


def test_pings_are_answered_with_the_same_payload(connected: RawClient) -> None:
    connected.receive()  # hello

    connected.send(0x9, b"are you there")

    assert connected.receive() == (0xA, b"are you there")


def test_the_server_pings_each_connection(connect: Callable[[str], RawClient]) -> None:
    with SlackEmulator(socket_ping_interval=0.01) as slack:
        client = connect(link_url(slack))
        client.handshake()
        client.receive()  # hello

        assert client.receive() == (0x9, b"keepalive")
        client.send(0xA, b"keepalive")
        assert client.receive() == (0x9, b"keepalive")


def test_server_frames_use_each_length_encoding(slack: SlackEmulator, connected: RawClient) -> None:
    connected.receive()  # hello
    slack.wait_for_socket_connection()
    for size in (10, 1_000, 70_000):
        slack.socket_send("events_api", {"blob": "x" * size})
        opcode, payload = connected.receive()
        assert opcode == 0x1 and len(json.loads(payload)["payload"]["blob"]) == size


def test_client_close_is_echoed(connected: RawClient) -> None:
    connected.send(0x8, struct.pack("!H", 1000) + b"bye")

    assert connected.close_frame() == (1000, "")


@pytest.mark.parametrize(
    ("opcode", "payload", "fin", "mask", "code", "reason"),
    [
        (0x1, b"{}", True, False, 1002, "client frames must be masked"),
        (0x1, b"{", False, True, 1003, "fragmented messages"),
        (0x2, b"\x00", True, True, 1003, "text frames only"),
        (0x1, b"\xff\xfe", True, True, 1007, "UTF-8"),
        (0x9, b"p" * 126, True, True, 1002, "control frames"),
    ],
)
def test_unsupported_frames_close_the_connection_saying_why(
    connected: RawClient, opcode: int, payload: bytes, fin: bool, mask: bool, code: int, reason: str
) -> None:
    connected.send(opcode, payload, fin=fin, mask=mask)

    received_code, received_reason = connected.close_frame()
    assert received_code == code and reason in received_reason
