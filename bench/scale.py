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
import multiprocessing
import os
import platform
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest

from bench import people
from bench.scale_bot import BOT_TOKEN, Bot
from bench.scale_operations import BIG, OPERATIONS, SMALL, SMALL_FIRST, Arrivals, Session
from bench.stats import line, summary
from storage.db import Database
from storage.migrate import upgrade
from tests import databases
from tests.emulator import SlackEmulator

SMALL_OBJECTIVES = 5
KEY_RESULTS_EACH = 5
CHECK_INS_EACH = 10
# Company objectives in each workspace: a company sets a few, however many people it has, so
# `/okr list company` shows the same page in both and measures the workspace's size alone.
COMPANY_OBJECTIVES = 5
GOAL_RATIO = 1.3
GOAL_RSS_MB = 150


def seed(db: Database, count: int, backend: str) -> None:
    """Both workspaces in one database; each person one objective of 5 key results, each key
    result 10 check-ins over the cycle (half from DMs) besides the prompts mix's own."""
    shape = partial(people.seed, key_results_each=KEY_RESULTS_EACH, history=CHECK_INS_EACH)
    big = shape(db, count, company_every=max(1, count // COMPANY_OBJECTIVES))
    small = shape(
        db,
        SMALL_OBJECTIVES,
        team_id=SMALL.team_id,
        first=SMALL_FIRST,
        company_every=max(1, SMALL_OBJECTIVES // COMPANY_OBJECTIVES),
    )
    key_results = count * KEY_RESULTS_EACH
    print(
        f"{backend:<10} seeded {count:,} people, {key_results:,} key results and "
        f"{key_results * CHECK_INS_EACH + count // 5:,} check-ins in {big:.1f} s; the small "
        f"workspace ({SMALL_OBJECTIVES} objectives) in {small:.1f} s",
        flush=True,
    )


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


def measure(session: Session, bot: Bot, n: int, warmup: int) -> Figures:
    figures = Figures()
    for i in range(warmup + n):
        for name, operation in OPERATIONS.items():
            for ws in (BIG, SMALL):
                elapsed = operation(session, ws)
                sent = bot.statements()
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
        bot = Bot(db_url, slack.api_url, directory)
        at_start = bot.memory()["VmRSS"] * 1024 / 1e6
        try:
            session = Session(bot.replica.events_url, slack, arrivals)
            started = time.perf_counter()
            figures = measure(session, bot, args.n, args.warmup)
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
            for command, child in bot.children().items():
                print(
                    f"{backend:<10}   its child {command}: RSS {child['VmRSS'] * 1024 / 1e6:.0f}"
                    f" MB, peak {child['VmHWM'] * 1024 / 1e6:.0f} MB",
                    flush=True,
                )
        finally:
            errors = bot.stop()
        print(f"{backend:<10} errors in the bot's log: {len(errors)}", *errors[:5], sep="\n  ")


def on_postgres(server_url: str, args: argparse.Namespace, directory: Path) -> None:
    """`run` on a database of its own on the server, dropped afterwards."""
    os.environ["TEST_DATABASE_URL"] = server_url
    try:
        for url in databases.create_postgres_database():
            run(url, "PostgreSQL", args, directory)
    except (pytest.skip.Exception, pytest.fail.Exception) as exc:  # raised outside pytest too
        print(f"PostgreSQL skipped: {exc}")


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
            on_postgres(args.postgres, args, Path(directory))


if __name__ == "__main__":
    main()
