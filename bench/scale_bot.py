"""The bot that bench/scale.py measures, in a process of its own: built as `okr-bot run` builds
it (settings from the environment, migrations, `create_app`, `bot.service.serve_http`), with
two differences: its clock flows on from BENCH_NOW, and it runs no jobs or delivery beside the
requests (the bench runs the prompts decision itself, through this process, so that its
statements are not mixed with a scheduler's).

Every SQL statement the engine sends is timed (`before`/`after_cursor_execute`). On stdin the
bench sends one JSON command a line; the answer is one JSON line on the process's stdout (the
bot's own output goes to stderr):

- `{"take": true}`: once the listeners have finished what they were given, the statements sent
  since the last take, as `[[statement, ms], …]`;
- `{"prompts": "T…", "at": ISO instant}`: the real prompts decision (`decide_workspace`) for
  that workspace, in its own transaction as the job runs it: its line, wall and CPU seconds,
  statements.

`Bot` starts it and talks to it, from bench/scale.py.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from slack_bolt import App
from sqlalchemy import event

from bot.app import create_app
from bot.charts.worker import Drawer
from bot.jobs.commands import flowing_from
from bot.listener_pool import ListenerPool
from bot.prompts import job
from bot.service import serve_http
from bot.settings import load_settings, read_environment
from bot.slack import build_client, check_token
from storage.db import Database
from storage.migrate import upgrade
from tests.e2e.replicas_support import Replica, environment, free_port

ROOT = Path(__file__).resolve().parents[1]
BOT_TOKEN = "xoxb-bench-token"
# The bot's clock: a week after the prompts' Monday, in the cycle the workspaces were seeded in.
BENCH_NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


class Statements:
    """Each statement the engine sends, with its time in ms, until taken."""

    def __init__(self, db: Database) -> None:
        self._lock = threading.Lock()
        self._sent: list[tuple[str, float]] = []
        self._started = threading.local()
        event.listen(db.engine, "before_cursor_execute", self._before)
        event.listen(db.engine, "after_cursor_execute", self._after)

    def _before(self, *_args: Any) -> None:
        self._started.at = time.perf_counter()

    def _after(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        elapsed = (time.perf_counter() - self._started.at) * 1000
        with self._lock:
            self._sent.append((statement, elapsed))

    def take(self) -> list[tuple[str, float]]:
        with self._lock:
            sent, self._sent = self._sent, []
        return sent


def prompts(db: Database, statements: Statements, team_id: str, at: datetime) -> dict[str, Any]:
    statements.take()
    cpu, started = time.process_time(), time.perf_counter()
    with db.begin() as session:
        tally = job.decide_workspace(session, team_id, at)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    sent = statements.take()
    slowest = max(sent, key=lambda s: s[1], default=("", 0.0))
    return {
        "line": job.summary(tally),
        "wall": wall,
        "cpu": cpu,
        "statements": len(sent),
        "slowest": slowest,
    }


def control(app: App, db: Database, statements: Statements, answers: IO[str]) -> None:
    """Answer the bench's commands, one a line, until stdin closes."""
    pool = app.listener_runner.listener_executor
    assert isinstance(pool, ListenerPool)
    for line in sys.stdin:
        asked = json.loads(line)
        if "take" in asked:
            pool.wait_for_listeners(30)
            answer: Any = statements.take()
        else:
            at = datetime.fromisoformat(asked["at"])
            answer = prompts(db, statements, asked["prompts"], at)
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


def main() -> int:
    answers = sys.stdout
    sys.stdout = sys.stderr  # the bot's own output must not mix with the answers
    settings = load_settings(read_environment(env_file=None))
    # As `okr-bot run` logs: at LOG_LEVEL, to stderr.
    logging.basicConfig(
        level=logging.getLevelName(settings.log_level),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    db = Database(settings.database_url)
    upgrade(db)
    client = build_client(settings)
    if (problem := check_token(client)) is not None:
        print(problem, file=sys.stderr)
        return 2
    clock = flowing_from(datetime.fromisoformat(os.environ["BENCH_NOW"]))
    drawer = Drawer()
    app = create_app(settings, db=db, client=client, clock=clock, drawer=drawer)
    statements = Statements(db)
    threading.Thread(
        target=control, args=(app, db, statements, answers), name="bench-control", daemon=True
    ).start()
    with drawer:
        problem = serve_http(
            app, db, port=settings.port, signing_secret=settings.slack_signing_secret
        )
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    return 0


def memory_of(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (the peak) of a process, in KiB, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    return {k: int(v.split()[0]) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(.+)$", status, re.M)}


class Bot:
    """The bench's side: this module running as a process of its own on `db_url`, its Slack
    at `api_url`, with its control pipe."""

    def __init__(self, db_url: str, api_url: str, directory: Path) -> None:
        port = free_port()
        env = environment(db_url, api_url, BOT_TOKEN, lease_seconds=60)
        env |= {"PORT": str(port), "BENCH_NOW": BENCH_NOW.isoformat()}
        log_path = directory / "scale_bot.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bench.scale_bot"],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        self.replica = Replica(port, log_path, process)
        self.replica.wait_until_listening()

    def ask(self, command: dict[str, Any]) -> Any:
        process = self.replica.process
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(command) + "\n")
        process.stdin.flush()
        answer = process.stdout.readline()
        if not answer:
            raise SystemExit(f"the bot process ended:\n{self.replica.log()[-3000:]}")
        return json.loads(answer)

    def statements(self) -> list[tuple[str, float]]:
        """What the bot sent since the last time asked, once its listeners are done."""
        return [(text, ms) for text, ms in self.ask({"take": True})]

    def memory(self) -> dict[str, int]:
        """VmRSS and VmHWM (the peak), in KiB, from /proc."""
        return memory_of(self.replica.process.pid)

    def children(self) -> dict[str, dict[str, int]]:
        """The memory of each process the bot started (the charts' drawing process, and
        multiprocessing's resource tracker), by its command line."""
        found = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # The parent's pid is the second field after the name, which ends with ")".
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                if parent == self.replica.process.pid:
                    command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
                    found[command.decode()[:90]] = memory_of(int(stat.parent.name))
            except (OSError, IndexError, ValueError):
                continue  # ended while being read
        return found

    def stop(self) -> list[str]:
        """Stop it as a service manager does; the errors its log holds."""
        self.replica.stop()
        return [line for line in self.replica.log().splitlines() if " ERROR " in line]


if __name__ == "__main__":
    sys.exit(main())
