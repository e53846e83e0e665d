"""`okr-bot run`, a process of its own, delivers the outbox: a row queued by another process
(here the test) is sent at the sender's next look, and SIGTERM leaves nothing claimed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.background import POLL_SECONDS
from storage import outbox
from storage.db import Database
from tests.clock import FakeClock
from tests.delivery import people, prompt, queue_all, row
from tests.emulator import SlackEmulator

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(team_id="T0001", rate_limit_scale=1000) as emulator:
        yield emulator


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_okr_bot_run_delivers_rows_queued_elsewhere_and_stops_with_none_claimed(
    db: Database, slack: SlackEmulator, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC))
    first, second = people(slack, 2)
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("SLACK_") and name not in {"DATABASE_URL", "PORT", "LOG_LEVEL"}
    }
    port = free_port()
    env |= {
        "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]),
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": db.url,
        "PORT": str(port),
    }
    log = tmp_path / "okr-bot.log"
    with log.open("w") as out:
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        slack.wait_for("auth.test", timeout=30)  # started
        queue_all(db, clock, [prompt(first)])
        slack.wait_for("chat.postMessage", timeout=POLL_SECONDS * 3)
        queue_all(db, clock, [prompt(second, period="2026-W48")])
        slack.wait_for("chat.postMessage", count=2, timeout=POLL_SECONDS * 3)
        bot.send_signal(signal.SIGTERM)
        assert bot.wait(timeout=20) == 0, log.read_text()
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()

    text = log.read_text()
    assert "Delivering the outbox; jobs: prompts, digest, people, prune" in text
    assert "Stopped (SIGTERM)" in text and "Traceback" not in text
    assert row(db, f"prompt:{first}:2026-W47").status == "sent"
    assert row(db, f"prompt:{second}:2026-W48").status == "sent"
    assert slack.messages_by_metadata_key() == {
        f"prompt:{first}:2026-W47": 1,
        f"prompt:{second}:2026-W48": 1,
    }
    with db.begin() as session:
        assert outbox.counts(session) == {"pending": 0, "sent": 2, "failed": 0}
