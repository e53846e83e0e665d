"""A sender killed (SIGKILL) halfway through a fan-out, and started again, sends every remaining
message once and none twice: `okr-bot jobs run` as an operator runs it, a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.delivery.sender import LEASE
from storage import outbox
from storage.db import Database
from tests.clock import FakeClock
from tests.delivery import people, prompt, queue_all
from tests.emulator import SlackEmulator

ROOT = Path(__file__).resolve().parents[2]
FAN_OUT = 300


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    """An emulator of this test's own: every message in it is this test's."""
    with SlackEmulator(team_id="T0001", rate_limit_scale=1000) as emulator:
        yield emulator


def okr_bot(db: Database, slack: SlackEmulator, tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("SLACK_") and name not in {"DATABASE_URL", "PORT", "LOG_LEVEL"}
    }
    env |= {
        "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]),
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": db.url,
    }
    return [sys.executable, "-m", "bot", "jobs", "run", "prune"], env


def test_a_sender_killed_mid_fan_out_then_started_again_sends_each_message_once(
    db: Database, slack: SlackEmulator, tmp_path: Path
) -> None:
    clock = FakeClock(datetime.now(UTC))
    users = people(slack, FAN_OUT)
    queue_all(db, clock, [prompt(u) for u in users])
    slack.set_latency(0.02)
    command, env = okr_bot(db, slack, tmp_path)

    first = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL)
    try:
        slack.wait_for("chat.postMessage", count=FAN_OUT // 3, timeout=60)
    finally:
        first.kill()
        first.wait()
    posted_before = len(slack.calls_to("chat.postMessage"))
    assert posted_before < FAN_OUT, "killed halfway"
    with db.begin() as session:
        assert outbox.counts(session)["pending"] > 0

    later = (datetime.now(UTC) + LEASE + timedelta(minutes=1)).isoformat()
    again = subprocess.run(
        [*command, "--now", later],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert again.returncode == 0, again.stderr
    assert again.stdout.endswith(", 0 failed\n")
    assert slack.messages_by_metadata_key() == {f"prompt:{u}:2026-W47": 1 for u in users}
    assert slack.calls_to("conversations.history"), "rows the killed sender held were looked for"
    with db.begin() as session:
        assert outbox.counts(session) == {"pending": 0, "sent": FAN_OUT, "failed": 0}
