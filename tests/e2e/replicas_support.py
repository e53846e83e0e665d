"""Replicas for tests/e2e/test_replicas.py: `okr-bot run` processes on one database, each with
a log of its own, and a workspace of people whose check-in prompt is due at the real minute."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bot.people import cycle_for, ensure_workspace
from storage.db import Database
from storage.models import KeyResult, Objective, Person
from tests import databases

ROOT = Path(__file__).resolve().parents[2]
TEAM_ID = "T0001"
SECRET = "replicas-signing-secret"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0


def environment(db_url: str, api_url: str, bot_token: str, lease_seconds: int) -> dict[str, str]:
    """What every replica shares: nothing of ours but PATH and the like."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("SLACK_") and name not in {"DATABASE_URL", "PORT", "LOG_LEVEL"}
    }
    return env | {
        "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]),
        "SLACK_BOT_TOKEN": bot_token,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": db_url,
        "OUTBOX_LEASE_SECONDS": str(lease_seconds),
    }


@dataclass
class Replica:
    """One `okr-bot run` in HTTP mode on a port of its own."""

    port: int
    log_path: Path
    process: subprocess.Popen[str]

    @classmethod
    def start(cls, env: dict[str, str], directory: Path) -> Replica:
        directory.mkdir()
        port = free_port()
        log_path = directory / "okr-bot.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=directory,
                env=env | {"PORT": str(port)},
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
            )
        return cls(port, log_path, process)

    @property
    def events_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def log(self) -> str:
        return self.log_path.read_text()

    def wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"nothing listens on {self.port}:\n{self.log()}") from None
            try:
                code = self.process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(f"okr-bot run exited with {code}:\n{self.log()}")

    def holds_leases_as(self) -> str:
        """The start of the sender names this process leases rows under (host:pid:…)."""
        return f"{socket.gethostname()[:30]}:{self.process.pid}:"

    def stop(self) -> None:
        """SIGTERM as a service manager sends it; it exits 0 having given back its rows."""
        self.process.send_signal(signal.SIGTERM)
        assert self.process.wait(timeout=STOP_TIMEOUT) == 0, self.log()
        assert "Stopped (SIGTERM)" in self.log()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def due_now(db: Database, now: datetime, users: list[str]) -> None:
    """Everyone in `users` owns an objective of the current cycle with one key result, lives in
    UTC, and is due their weekly prompt at `now`'s minute (no quiet hours): bulk inserts."""
    with db.begin() as session:
        workspace = ensure_workspace(session, TEAM_ID, now)
        workspace.time_zone = "UTC"
        workspace.checkin_weekday = now.weekday()
        workspace.checkin_minute = now.hour * 60 + now.minute
        workspace.quiet_start_minute = workspace.quiet_end_minute = 0
        cycle = cycle_for(session, workspace, now.date())
        people: list[dict[str, Any]] = [
            {"team_id": TEAM_ID, "user_id": user, "display_name": user.lower()} for user in users
        ]
        session.execute(
            insert(Person), [person | {"time_zone": "UTC", "updated_at": now} for person in people]
        )
        objective_ids = session.scalars(
            insert(Objective).returning(Objective.id, sort_by_parameter_order=True),
            [
                {
                    "team_id": TEAM_ID,
                    "cycle_id": cycle.id,
                    "title": f"Objective of {user}",
                    "description": "",
                    "level": "personal",
                    "owner_id": user,
                    "visibility": "public",
                    "state": "active",
                    "created_by": user,
                    "created_at": now,
                    "updated_by": user,
                    "updated_at": now,
                }
                for user in users
            ],
        ).all()
        session.execute(
            insert(KeyResult),
            [
                {
                    "team_id": TEAM_ID,
                    "objective_id": objective_id,
                    "position": 0,
                    "title": "Signups per week",
                    "kind": "increase",
                    "start_value": 0.0,
                    "target_value": 100.0,
                    "unit_kind": "number",
                    "unit": "",
                    "due_on": cycle.ends_on,
                    "created_at": now,
                    "updated_at": now,
                }
                for objective_id in objective_ids
            ],
        )
    # Without statistics the prompts job's candidates query, nested loops over everyone,
    # outlasts the 3 s statement timeout.
    databases.analyze(db)
