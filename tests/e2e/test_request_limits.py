"""What the bot reads of a request: bodies over the cap are refused before they are read,
bodies are verified before they are decoded, and idle connections cannot crowd out others."""

from __future__ import annotations

import hashlib
import hmac
import json
import select
import socket
import time
import tracemalloc
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.bot_fixtures import SIGNING_SECRET, RunningBot
from tests.e2e.door_support import assert_nothing_happened

MB = 1_000_000
CHUNK = b"x" * 65_536
CLIENT_TIMEOUT = 5.0


def request_head(bot: RunningBot, size: int, *, signed: bool, chunked: bool) -> bytes:
    """POST /slack/events for a body of `size` bytes of CHUNKs, signed over all of them."""
    stamp = str(int(time.time()))
    mac = hmac.new(SIGNING_SECRET.encode(), f"v0:{stamp}:".encode(), hashlib.sha256)
    for _ in range(size // len(CHUNK)):
        mac.update(CHUNK)
    signature = "v0=" + mac.hexdigest() if signed else "v0=" + "0" * 64
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}"
    return (
        f"POST /slack/events HTTP/1.1\r\nHost: {bot.url.split('//')[1]}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"X-Slack-Request-Timestamp: {stamp}\r\nX-Slack-Signature: {signature}\r\n"
        f"{framing}\r\n\r\n"
    ).encode()


def body_pieces(size: int, *, chunked: bool) -> Iterator[bytes]:
    for _ in range(size // len(CHUNK)):
        yield b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK) if chunked else CHUNK
    if chunked:
        yield b"0\r\n\r\n"


def connect(bot: RunningBot) -> socket.socket:
    host, port = bot.url.split("//")[1].split(":")
    return socket.create_connection((host, int(port)), timeout=CLIENT_TIMEOUT)


def status_of(sock: socket.socket) -> int:
    return int(sock.makefile("rb").readline().split()[1])


def stream(bot: RunningBot, head: bytes, pieces: Iterator[bytes]) -> int:
    """Send the head, then the body piece by piece until the bot answers or hangs up, as a
    client that streams would; the status of the answer."""
    with connect(bot) as sock:
        sock.sendall(head)
        for piece in pieces:
            if select.select([sock], [], [], 0)[0]:
                break  # answered already: a client stops sending then
            try:
                sock.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
        return status_of(sock)


SIZES = pytest.mark.parametrize("size", [5 * MB, 50 * MB], ids=["5MB", "50MB"])
SIGNED = pytest.mark.parametrize("signed", [True, False], ids=["signed", "unsigned"])


@SIZES
@SIGNED
def test_a_content_length_over_the_cap_is_refused_before_the_body_is_sent(
    bot: RunningBot, size: int, signed: bool
) -> None:
    with connect(bot) as sock:
        sock.sendall(request_head(bot, size, signed=signed, chunked=False))
        assert status_of(sock) == 413  # within CLIENT_TIMEOUT, and not one byte of body sent
    assert_nothing_happened(bot)


@SIZES
@SIGNED
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_streamed_body_over_the_cap_is_refused_without_being_read(
    bot: RunningBot, size: int, signed: bool, chunked: bool
) -> None:
    head = request_head(bot, size, signed=signed, chunked=chunked)
    tracemalloc.start()
    try:
        status = stream(bot, head, body_pieces(size, chunked=chunked))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB, f"the bot's memory grew by {peak / MB:.0f} MB"
    assert status == 413
    assert_nothing_happened(bot)


def test_a_signed_body_that_is_not_utf8_is_refused_with_400(bot: RunningBot) -> None:
    reply = bot.post(b"payload=%7B%7D\xff\xfe", "application/x-www-form-urlencoded")
    assert reply.status == 400
    assert "not UTF-8" in reply.body and "Traceback" not in reply.body
    assert_nothing_happened(bot)


def test_half_open_connections_do_not_keep_the_health_check_out(bot: RunningBot) -> None:
    """Connections that send half a request and wait: more than waitress's default limit."""
    with ExitStack() as stack:
        for _ in range(150):
            sock = stack.enter_context(connect(bot))
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nContent-Length: 100\r\n\r\npayl")
        with urllib.request.urlopen(bot.url + "/healthz", timeout=CLIENT_TIMEOUT) as response:
            assert response.status == 200
            assert json.load(response)["status"] == "ok"
        reply = bot.command("help")
    assert reply.status == 200 and "/okr help" in reply.json()["text"]
