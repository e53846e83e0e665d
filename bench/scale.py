"""Proof at size: one database holding a workspace of 10,000 people (50,000 key results, about
500,000 check-ins) and one of 5 objectives, on SQLite and PostgreSQL, and the bot in a process
of its own (bench/scale_bot.py) answering signed requests over HTTP, big and small in turn.

Seeds both with bulk inserts (bench/people.py) and prints how long that took; then, for each
operation people use (`/okr list`, `/okr list company`, the Home tab, opening and saving the
check-in modal, a DM check-in, history), the time from sending the request to what Slack shows
reaching the Slack emulator (the response_url post, views.publish, views.open, the DM reply;
the HTTP answer for a saved modal), p50/p95/p99 per workspace, the ratio big/small at p99
(goal: 1.3x at most) and the SQL statements each request sent in the bot process (goal: the
same for both). Then the real prompts decision for each workspace at each zone's Monday 09:00,
and the resident memory of the bot process that served all that (goal: under 150 MB).

    .venv/bin/python -m bench.scale [--people 10000] [-n 200] [--warmup 10]
                                    [--postgres URL] [--sqlite-only | --no-sqlite]
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import people
from bench.stats import line, summary
from storage.db import Database
from storage.migrate import upgrade
from tests import databases, slack_requests
from tests.e2e.checkin_support import page_values
from tests.e2e.replicas_support import SECRET, Replica, environment, free_port
from tests.emulator import SlackEmulator
from tests.emulator.calls import Call

ROOT = Path(__file__).resolve().parents[1]
BOT_TOKEN = "xoxb-bench-token"
# The bot's clock: a week after the prompts' Monday, in the cycle the workspaces were seeded in.
BENCH_NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
# The small workspace's people are numbered apart, so that no user id is in both.
SMALL_FIRST = 900_000
SMALL_OBJECTIVES = 5
KEY_RESULTS_EACH = 5
CHECK_INS_EACH = 10
COMPANY_EVERY = 100
GOAL_RATIO = 1.3
GOAL_RSS_MB = 150


@dataclass(frozen=True)
class Workspace:
    label: str
    team_id: str
    actor: str

    @property
    def dm(self) -> str:
        return f"D{self.actor}"


BIG = Workspace("big", people.TEAM_ID, people.user_id(1))
SMALL = Workspace("small", "T0002", people.user_id(SMALL_FIRST + 1))


def seed(db: Database, count: int, backend: str) -> None:
    """Both workspaces in one database; each person one objective of 5 key results, each key
    result 10 check-ins over the cycle (half from DMs) besides the prompts mix's own."""
    shape = {
        "key_results_each": KEY_RESULTS_EACH,
        "history": CHECK_INS_EACH,
    }
    big = people.seed(db, count, company_every=COMPANY_EVERY, **shape)
    small = people.seed(
        db, SMALL_OBJECTIVES, team_id=SMALL.team_id, first=SMALL_FIRST, company_every=5, **shape
    )
    key_results = count * KEY_RESULTS_EACH
    print(
        f"{backend:<10} seeded {count:,} people, {key_results:,} key results and "
        f"{key_results * CHECK_INS_EACH + count // 5:,} check-ins in {big:.1f} s; the small "
        f"workspace ({SMALL_OBJECTIVES} objectives) in {small:.1f} s",
        flush=True,
    )


class Arrivals:
    """When each call reached the emulator (its watcher runs as the call is answered)."""

    def __init__(self, slack: SlackEmulator) -> None:
        self._changed = threading.Condition()
        self._seen: list[tuple[float, Call]] = []
        slack.watch(self._record)

    def _record(self, call: Call) -> None:
        with self._changed:
            self._seen.append((time.perf_counter(), call))
            self._changed.notify_all()

    def mark(self) -> int:
        with self._changed:
            return len(self._seen)

    def wait(self, method: str, since: int, timeout: float = 30) -> tuple[float, Call]:
        """The first call to `method` after the `since`-th."""

        def found() -> tuple[float, Call] | None:
            return next((s for s in self._seen[since:] if s[1].method == method), None)

        with self._changed:
            if self._changed.wait_for(lambda: found() is not None, timeout=timeout):
                arrived = found()
                assert arrived is not None
                return arrived
        raise SystemExit(f"no {method} reached the emulator within {timeout} s")


class Bot:
    """bench/scale_bot.py running on `db_url`, with its control pipe."""

    def __init__(self, db_url: str, slack: SlackEmulator, directory: Path) -> None:
        port = free_port()
        env = environment(db_url, slack.api_url, BOT_TOKEN, lease_seconds=60)
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
        status = Path(f"/proc/{self.replica.process.pid}/status").read_text()
        return {
            k: int(v.split()[0]) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(.+)$", status, re.M)
        }

    def stop(self) -> list[str]:
        """Stop it as a service manager does; the errors its log holds."""
        self.replica.stop()
        return [line for line in self.replica.log().splitlines() if " ERROR " in line]


@dataclass
class Session:
    """What the bench needs to send a request and see what it did."""

    bot: Bot
    slack: SlackEmulator
    arrivals: Arrivals
    opened: dict[str, dict[str, Any]] = field(default_factory=dict)
    counter: Iterator[int] = field(default_factory=itertools.count)

    def post(self, body: bytes, content_type: str) -> slack_requests.Reply:
        reply = slack_requests.post(
            self.bot.replica.events_url, body, content_type, secret=SECRET, timeout=30
        )
        if reply.status != 200:
            raise SystemExit(f"HTTP {reply.status}: {reply.body[:300]}")
        return reply

    def command(self, ws: Workspace, text: str) -> slack_requests.Reply:
        body = slack_requests.slash_command_body(
            text,
            team_id=ws.team_id,
            user_id=ws.actor,
            response_url=self.slack.new_response_url(),
            trigger_id=self.slack.new_trigger_id(),
        )
        return self.post(body, "application/x-www-form-urlencoded")

    def event(self, ws: Workspace, event: dict[str, Any]) -> slack_requests.Reply:
        return self.post(slack_requests.event_body(event, team_id=ws.team_id), "application/json")


def until(method: str, send: Callable[[Session, Workspace], object], shows: str) -> Operation:
    """An operation that ends when `method` reaches the emulator, saying `shows`."""

    def measure(session: Session, ws: Workspace) -> float:
        since = session.arrivals.mark()
        started = time.perf_counter()
        send(session, ws)
        answered = time.perf_counter()
        arrived, call = session.arrivals.wait(method, since)
        if not call.response.get("ok", True) or call.status != 200:
            raise SystemExit(f"{method} failed: {call.response}")
        if shows not in json.dumps(call.params, ensure_ascii=False):
            raise SystemExit(f"{method} does not say {shows!r}: {str(call.params)[:500]}")
        if method == "views.open":
            session.opened[ws.label] = call.response["view"]
        return (max(answered, arrived) - started) * 1000

    return measure


Operation = Callable[[Session, Workspace], float]


def save_check_in(session: Session, ws: Workspace) -> float:
    """Submit the check-in modal the previous operation opened, a new value for every key
    result; ends with the HTTP answer (the modal's next view)."""
    view = session.opened.pop(ws.label)
    value = new_value(session)
    ids = [int(b["block_id"].split("-")[1]) for b in view["blocks"] if _is_value(b)]
    values = page_values({kr_id: (value, "on_track", "bench") for kr_id in ids})
    payload = slack_requests.view_submission_payload(
        team_id=ws.team_id,
        user_id=ws.actor,
        view=view,
        values=values,
        trigger_id=session.slack.new_trigger_id(),
    )
    started = time.perf_counter()
    reply = session.post(
        slack_requests.interactivity_body(payload), "application/x-www-form-urlencoded"
    )
    elapsed = (time.perf_counter() - started) * 1000
    if reply.json().get("response_action") != "update" or not ids:
        raise SystemExit(f"the check-in was not saved: {reply.body[:300]}")
    return elapsed


def new_value(session: Session) -> str:
    """A value not sent before: the same check-in again within 10 minutes is not recorded."""
    return f"{10 + next(session.counter) / 100:.2f}"


def _is_value(block: dict[str, Any]) -> bool:
    return str(block.get("block_id", "")).startswith("value-")


def home(session: Session, ws: Workspace) -> None:
    stamp = f"{time.time():.6f}"  # a new event each time: Slack's event ids differ
    session.event(
        ws, {"type": "app_home_opened", "user": ws.actor, "tab": "home", "event_ts": stamp}
    )


def dm_check_in(session: Session, ws: Workspace) -> None:
    n = next(session.counter)
    ts = f"1764500000.{n:06d}"
    value = new_value(session)
    text = f"1: {value} on track\n2: {value} on track"
    event = {
        "type": "message",
        "channel": ws.dm,
        "channel_type": "im",
        "user": ws.actor,
        "text": text,
        "ts": ts,
        "event_ts": ts,
    }
    session.event(ws, event)


OPERATIONS: dict[str, Operation] = {
    "/okr list": until("response_url", lambda s, ws: s.command(ws, "list"), "Objective of"),
    "/okr list company": until(
        "response_url", lambda s, ws: s.command(ws, "list company"), "Objective of"
    ),
    "Home tab publish": until("views.publish", home, "Objective of"),
    "check-in modal open": until(
        "views.open", lambda s, ws: s.command(ws, "checkin"), "Key result 5"
    ),
    "check-in modal save": save_check_in,
    "DM check-in": until("chat.postMessage", dm_check_in, "Checked in 2 key results"),
    "history": until("views.open", lambda s, ws: s.command(ws, "history"), "Key result 5"),
}


@dataclass
class Figures:
    times: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    counts: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    # Per operation, in the big workspace: each statement's times, by its text.
    slow: dict[str, dict[str, list[float]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )


def shorten(statement: str) -> str:
    """The statement on one line, a long select list elided: what it reads and how."""
    flat = " ".join(statement.split())
    return re.sub(r"^SELECT (DISTINCT )?.{50,}? FROM ", r"SELECT \1… FROM ", flat)[:170]


def measure(session: Session, n: int, warmup: int) -> Figures:
    figures = Figures()
    for i in range(warmup + n):
        for name, operation in OPERATIONS.items():
            for ws in (BIG, SMALL):
                elapsed = operation(session, ws)
                sent = session.bot.statements()
                if i < warmup:
                    continue
                figures.times[name, ws.label].append(elapsed)
                figures.counts[name, ws.label].add(len(sent))
                if ws is BIG:
                    for statement, ms in sent:
                        figures.slow[name][shorten(statement)].append(ms)
    return figures


def report(backend: str, figures: Figures) -> None:
    for name in OPERATIONS:
        p99 = {}
        for ws in (BIG, SMALL):
            figure = summary(figures.times[name, ws.label])
            p99[ws.label] = figure["p99"]
            counts = sorted(figures.counts[name, ws.label])
            statements = (
                "–".join(str(c) for c in (counts[0], counts[-1]))
                if len(counts) > 1
                else str(counts[0])
            )
            print(line(f"{backend} {name} ({ws.label})", figure) + f"  {statements} SQL")
        ratio = p99["big"] / p99["small"]
        p50 = (
            summary(figures.times[name, "big"])["p50"]
            / summary(figures.times[name, "small"])["p50"]
        )
        verdict = "ok" if ratio <= GOAL_RATIO else f"MISSES {GOAL_RATIO}x"
        same = figures.counts[name, "big"] == figures.counts[name, "small"]
        slowest = sorted(figures.slow[name].items(), key=lambda kv: -sum(kv[1]) / len(kv[1]))[:2]
        print(
            f"  big/small: p99 {ratio:.2f}x ({verdict}), p50 {p50:.2f}x; statements "
            f"{'the same' if same else 'DIFFER'}; slowest in big: "
            + "; ".join(f"{sum(ms) / len(ms):.1f} ms mean: {text}" for text, ms in slowest),
            flush=True,
        )


def prompts(backend: str, bot: Bot) -> None:
    """The real decision for each workspace at each zone's Monday 09:00."""
    for ws in (BIG, SMALL):
        runs = [bot.ask({"prompts": ws.team_id, "at": at.isoformat()}) for at in people.instants()]
        walls = [run["wall"] for run in runs]
        statements = sorted({run["statements"] for run in runs})
        slowest = max((run["slowest"] for run in runs), key=lambda s: s[1])
        print(
            f"{backend:<10} prompts decision ({ws.label}), {len(runs)} runs: {sum(walls):.2f} s "
            f"(at most {max(walls):.2f} s a run), CPU {sum(run['cpu'] for run in runs):.2f} s, "
            f"{' or '.join(map(str, statements))} SQL statements a run; slowest statement "
            f"{slowest[1]:.0f} ms: {shorten(slowest[0])}",
            flush=True,
        )
        print(f"{backend:<10}   e.g. {max(runs, key=lambda r: r['wall'])['line']}")


def run(db_url: str, backend: str, args: argparse.Namespace, directory: Path) -> None:
    db = Database(db_url)
    upgrade(db)
    seed(db, args.people, backend)
    db.dispose()
    with SlackEmulator(bot_token=BOT_TOKEN, team_id=BIG.team_id, rate_limit_scale=10_000) as slack:
        for ws in (BIG, SMALL):
            slack.add_user(ws.actor, name=ws.actor.lower(), tz="Asia/Tokyo")
        arrivals = Arrivals(slack)
        bot = Bot(db_url, slack, directory)
        at_start = bot.memory()["VmRSS"] * 1024 / 1e6
        try:
            session = Session(bot, slack, arrivals)
            started = time.perf_counter()
            figures = measure(session, args.n, args.warmup)
            print(f"{backend:<10} {args.n} rounds in {time.perf_counter() - started:.0f} s")
            report(backend, figures)
            served = bot.memory()["VmRSS"] * 1024 / 1e6
            prompts(backend, bot)
            memory = bot.memory()
            rss, peak = memory["VmRSS"] * 1024 / 1e6, memory["VmHWM"] * 1024 / 1e6
            verdict = "ok" if peak < GOAL_RSS_MB else f"MISSES {GOAL_RSS_MB} MB"
            print(
                f"{backend:<10} bot process memory after serving it all: RSS {rss:.0f} MB, "
                f"peak (VmHWM) {peak:.0f} MB ({verdict}); {at_start:.0f} MB once listening, "
                f"{served:.0f} MB after the requests, before the prompts decisions",
                flush=True,
            )
        finally:
            errors = bot.stop()
        print(f"{backend:<10} errors in the bot's log: {len(errors)}", *errors[:5], sep="\n  ")


@contextmanager
def postgres(url: str) -> Iterator[str | None]:
    os.environ["TEST_DATABASE_URL"] = url
    created = databases.create_postgres_database()
    try:
        url = next(created)
    except BaseException as exc:  # pytest.skip raises outside pytest too
        print(f"PostgreSQL skipped: {exc}")
        yield None
        return
    try:
        yield url
    finally:
        created.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("-n", type=int, default=200, help="measured rounds of every operation")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--postgres", default=databases.postgres_server_url())
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL alone")
    args = parser.parse_args()
    print(
        f"{platform.machine()}, {multiprocessing.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.people:,} people against {SMALL_OBJECTIVES} "
        f"objectives, {args.n} rounds after {args.warmup} of warm-up",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as directory:
        if not args.no_sqlite:
            sqlite = Path(directory) / "sqlite"
            sqlite.mkdir()
            run(f"sqlite:///{sqlite / 'scale.db'}", "SQLite", args, sqlite)
        if not args.sqlite_only:
            with postgres(args.postgres) as url:
                if url is not None:
                    run(url, "PostgreSQL", args, Path(directory))


if __name__ == "__main__":
    main()
