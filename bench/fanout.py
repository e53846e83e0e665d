"""Prompts for 10,000 people: a workspace of N people in eight time zones (bench/people.py,
bulk inserts), the real `prompts` job run at each zone's Monday 09:00, and what it queued
delivered by the sender through the Slack emulator with a per-call latency like Slack's and its
chat.postMessage limits scaled by a stated factor.

Prints the seeding time; for the job, its wall and CPU time, the SQL statements of each run and
what it queued and held back; for the sender, the time taken against the floor those limits
allow, its CPU time per message and its peak memory; and the prompts lost and doubled (both must
be 0). The emulator runs in a process of its own, so that its work is not counted as the sender's.

    .venv/bin/python -m bench.fanout [-n 10000] [--latency 0.1] [--scale 100] [--workers 32]
                                     [--postgres] [--no-sqlite] [--faults 0.2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import resource
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from bench import people
from bot.delivery.pace import Limits
from bot.delivery.sender import Sender
from bot.jobs import commands
from bot.settings import Settings
from bot.slack import Clients, build_delivery_client
from storage import outbox
from storage.db import Database
from storage.migrate import upgrade
from tests import databases
from tests.emulator import SlackEmulator
from tests.emulator.ratelimit import POST_PER_WORKSPACE

TEAM_ID = people.TEAM_ID


def emulate(
    users: list[str], scale: float, latency: float, faults: float, pipe: Connection
) -> None:
    """The emulator's process: serve until asked for the count of messages per outbox key."""
    with SlackEmulator(team_id=TEAM_ID, rate_limit_scale=scale) as slack:
        for user in users:
            slack.add_user(user)
        slack.set_latency(latency)
        if faults:
            slack.fail_randomly(faults, seed=1)
        pipe.send(slack.api_url)
        pipe.recv()
        pipe.send(slack.messages_by_metadata_key())


def floor_seconds(count: int, scale: float, latency: float) -> float:
    """The least time the emulator's limits allow for `count` messages to distinct people:
    the workspace-wide bucket's burst goes at once, the rest at its refill rate."""
    burst, per_second = POST_PER_WORKSPACE
    return max(0.0, count - burst) / (per_second * scale) + latency


def prompts_job(db: Database, clients: Clients, backend: str, count: int) -> None:
    """Seed `count` people, then run the prompts job at each zone's 09:00 and print its cost."""
    seeded = people.seed(db, count)
    runs = [people.run_job(db, clients, at) for at in people.instants()]
    for run in runs:
        print(
            f"{backend:<10} prompts at {run.at:%a %H:%M} UTC: {run.wall:5.2f} s, CPU "
            f"{run.cpu:5.2f} s, {run.statements} SQL statements: {run.line}"
        )
    wall, cpu = sum(run.wall for run in runs), sum(run.cpu for run in runs)
    with db.begin() as session:
        queued = outbox.counts(session)[outbox.PENDING]
    statements = sorted({run.statements for run in runs})
    per_person = cpu / len(runs) / count * 1000
    print(
        f"{backend:<10} {count} people seeded in {seeded:.1f} s; the prompts job, {len(runs)} "
        f"runs over all {count}: {wall:.2f} s, CPU {cpu:.2f} s ({per_person:.3f} ms per "
        f"person a run, {cpu / max(queued, 1) * 1000:.2f} ms per prompt queued), "
        f"{' or '.join(map(str, statements))} SQL statements a run; {queued} prompts queued"
    )


def deliver_all(sender: Sender, db: Database) -> None:
    while True:
        sender.deliver()
        with db.begin() as session:
            if outbox.counts(session)[outbox.PENDING] == 0:
                return
        time.sleep(0.05)  # a retry held by Slack's Retry-After: wait for it to fall due


def run(db: Database, backend: str, args: argparse.Namespace) -> None:
    users = [people.user_id(n) for n in range(args.n)]
    parent, child = multiprocessing.Pipe()
    emulator = multiprocessing.Process(
        target=emulate, args=(users, args.scale, args.latency, args.faults, child), daemon=True
    )
    emulator.start()
    api_url = parent.recv()
    settings = Settings(
        slack_bot_token="xoxb-test-token",
        slack_signing_secret="unused",
        database_url=db.url,
        slack_api_url=api_url,
    )
    per_second = POST_PER_WORKSPACE[1]
    clients = Clients(build_delivery_client(settings))
    prompts_job(db, clients, backend, args.n)
    sender = Sender(
        db,
        clients,
        # Time flows from the last run's instant, as `okr-bot jobs run --now` delivers: the
        # rows' ages, leases and backoffs then read as they would on that Monday.
        clock=commands.flowing_from(people.instants()[-1]),
        workers=args.workers,
        limits=Limits(per_workspace=per_second).scaled(args.scale),
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_before = time.process_time()
    started = time.perf_counter()
    deliver_all(sender, db)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_before
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sender.close()
    parent.send("count")
    counts: dict[str, int] = parent.recv()
    emulator.join(timeout=10)

    keys = people.expected_prompts(args.n)
    lost = sum(1 for key in keys if counts.get(key, 0) == 0)
    doubled = sum(counts.get(key, 0) - 1 for key in keys if counts.get(key, 0) > 1)
    unexpected = sum(count for key, count in counts.items() if key not in keys)
    floor = floor_seconds(len(keys), args.scale, args.latency)
    print(
        f"{backend:<10} {len(keys)} prompts in {elapsed:6.1f} s; floor {floor:6.1f} s "
        f"({elapsed / floor:.3f}x); CPU {cpu / len(keys) * 1000:.2f} ms per message; "
        f"peak RSS {rss_after / 1024:.0f} MiB (+{(rss_after - rss_before) / 1024:.0f} MiB "
        f"while sending); lost {lost}, doubled {doubled}, not expected {unexpected}"
    )
    with db.begin() as session:
        failed = outbox.failures(session, limit=10)
        for row in failed:  # the dead letters: what a lost prompt became
            print(f"{backend:<10} failed {row.dedupe_key} after {row.attempts}: {row.last_error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="people in the workspace")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per Slack call")
    parser.add_argument("--scale", type=float, default=100, help="rate limits times this")
    parser.add_argument("--workers", type=int, default=32, help="the sender's threads")
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    parser.add_argument("--no-sqlite", action="store_true", help="not on SQLite")
    parser.add_argument(
        "--faults",
        type=float,
        default=0.0,
        help="share of Slack calls answered 429 or 5xx (each 429 holds the workspace 1 s)",
    )
    args = parser.parse_args()
    burst, per_second = POST_PER_WORKSPACE
    print(
        f"{platform.machine()}, {multiprocessing.cpu_count()} cores, Python "
        f"{platform.python_version()}; chat.postMessage {per_second:g}/s per workspace "
        f"(burst {burst:g}) and 1/s per conversation, scaled x{args.scale:g}; "
        f"latency {args.latency * 1000:.0f} ms; {args.workers} sender threads; "
        f"{args.faults:.0%} of calls failing"
    )
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as directory:
            db = Database(f"sqlite:///{Path(directory) / 'fanout.db'}")
            upgrade(db)
            run(db, "SQLite", args)
            db.dispose()
    if args.postgres:
        for url in databases.create_postgres_database():
            db = Database(url)
            run(db, "PostgreSQL", args)
            db.dispose()


if __name__ == "__main__":
    main()
