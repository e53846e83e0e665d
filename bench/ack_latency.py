"""Ack latency of a signed `/okr help`: the real bot against a bare Bolt app that only acks.

Both apps run in this process behind the same waitress server on 127.0.0.1 and receive the same
signed requests over real HTTP, alternating, so the ratio isolates what the bot adds. Their Web
API client points at the project's Slack emulator (Bolt calls auth.test once, on the first request).

    .venv/bin/python -m bench.ack_latency [-n 2000] [--warmup 100]
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bench.stats import line, summary
from bot.app import create_app
from bot.server import make_server
from bot.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests.emulator import SlackEmulator
from tests.slack_requests import sign, slash_command_body

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"


def bare_app(api_url: str) -> App:
    client = WebClient(token=TOKEN, base_url=api_url)
    app = App(signing_secret=SECRET, client=client, token_verification_enabled=False)

    @app.command("/okr")
    def only_ack(ack: Ack) -> None:
        ack()

    return app


def serve(app: App, db: Database) -> tuple[Any, int]:
    server = make_server(app, db, signing_secret=SECRET, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    return server, server.effective_port


def one_request(connection: http.client.HTTPConnection, body: bytes) -> float:
    stamp = int(time.time())
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": sign(SECRET, stamp, body),
    }
    started = time.perf_counter()
    connection.request("POST", "/slack/events", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise SystemExit(f"unexpected HTTP {response.status}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=2000, help="measured requests per app")
    parser.add_argument("--warmup", type=int, default=100)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory, SlackEmulator(bot_token=TOKEN) as slack:
        db = Database(f"sqlite:///{Path(directory) / 'bench.db'}")
        upgrade(db)
        settings = Settings(
            slack_bot_token=TOKEN,
            slack_signing_secret=SECRET,
            database_url=db.url,
            slack_api_url=slack.api_url,
        )
        servers = {
            "okr-bot /okr help": serve(create_app(settings, db=db), db),
            "bare Bolt app (ack only)": serve(bare_app(slack.api_url), db),
        }
        body = slash_command_body(
            "help",
            team_id="T0001",
            user_id="U1",
            response_url="http://127.0.0.1:9/response/1",
            trigger_id="1.2.3",
        )
        connections = {
            label: http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            for label, (_, port) in servers.items()
        }
        samples: dict[str, list[float]] = {label: [] for label in servers}
        for i in range(args.warmup + args.n):
            for label, connection in connections.items():
                elapsed = one_request(connection, body)
                if i >= args.warmup:
                    samples[label].append(elapsed)
        for server, _ in servers.values():
            server.close()

    print(f"{args.n} signed /okr help requests per app over HTTP, keep-alive, sequential")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    figures = {label: summary(values) for label, values in samples.items()}
    for label, figure in figures.items():
        print(line(label, figure))
    bot, bare = figures.values()
    print("ratio okr-bot / bare: " + "  ".join(f"{k} {bot[k] / bare[k]:.2f}x" for k in bot))


if __name__ == "__main__":
    main()
