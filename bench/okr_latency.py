"""Server-side cost of the two commands people use most: `/okr list` and a modal check-in.

For 5 and 50 objectives (3 key results each) on SQLite and, when it answers, PostgreSQL: the
time to build one `/okr list` page and to record one check-in (each in its own transaction, as a
request does), with the SQL statements each costs. The 5-objective run is the baseline.

    .venv/bin/python -m bench.okr_latency [-n 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import select

from bench.stats import line, summary
from bot import people
from bot.checkins import record
from bot.checkins.values import Entry
from bot.objectives import listing
from bot.objectives.audience import Audience, ListRequest
from storage.db import Database
from storage.models import KeyResult
from tests import databases, factories
from tests.databases import counted
from tests.emulator import SlackEmulator

NOW = datetime(2026, 11, 16, 14, 0, tzinfo=UTC)
KRS = [factories.KR(f"Key result {i}", start=0, target=100) for i in range(3)]


def seed(db: Database, count: int) -> None:
    with db.begin() as session:
        factories.person(session, "U1", NOW)
        for n in range(count):
            factories.objective(session, NOW, title=f"Objective {n}", key_results=KRS)


def timed(db: Database, action: Callable[[], Any]) -> tuple[float, int]:
    """How long `action` takes, in ms, and the SQL statements it sends."""
    with counted(db) as statements:
        started = time.perf_counter()
        action()
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(statements)


def list_once(db: Database, client: WebClient) -> None:
    with db.begin() as session:
        page = listing.list_page(
            session,
            people.person(session, factories.TEAM_ID, "U1", NOW),
            request=ListRequest(Audience()),
            offset=0,
            now=NOW,
        )
        assert isinstance(page, listing.ListPage)
        listing.message(page)


def check_in_once(db: Database, value: float) -> None:
    with db.begin() as session:
        kr = session.scalars(select(KeyResult).order_by(KeyResult.id).limit(1)).one()
        record.record(
            session,
            author_id="U1",
            key_results=[kr],
            entries=[Entry(kr.id, value=value, confidence="on_track", note="bench")],
            effective_on=NOW.date(),
            now=NOW,
            source="modal",
        )


def measure(db: Database, client: WebClient, n: int) -> dict[str, tuple[list[float], int]]:
    actions: dict[str, Callable[[int], None]] = {
        "/okr list page": lambda i: list_once(db, client),
        "check-in, 1 key result": lambda i: check_in_once(db, float(i % 100)),
    }
    results: dict[str, tuple[list[float], int]] = {}
    for name, action in actions.items():
        runs = [timed(db, partial(action, i)) for i in range(n)]
        results[name] = ([elapsed for elapsed, _ in runs], runs[-1][1])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--postgres", default=databases.postgres_server_url())
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with SlackEmulator() as slack, tempfile.TemporaryDirectory() as directory:
        client = WebClient(token=slack.bot_token, base_url=slack.api_url)
        slack.add_user("U1", name="ana")
        os.environ["TEST_DATABASE_URL"] = args.postgres
        backends: list[tuple[str, Callable[[int], Database]]] = [
            ("sqlite", lambda size: databases.fresh_sqlite(template, Path(directory) / str(size)))
        ]
        template = databases.migrated_sqlite_template(Path(directory))
        postgres = databases.create_postgres_database()
        try:
            pg_url = next(postgres)
            backends.append(("postgresql", lambda size: _emptied(Database(pg_url))))
        except BaseException as exc:  # pytest.skip raises outside pytest too
            print(f"PostgreSQL skipped: {exc}")
        for backend, make in backends:
            figures: dict[int, dict[str, tuple[list[float], int]]] = {}
            for size in (5, 50):
                (Path(directory) / str(size)).mkdir(exist_ok=True)
                db = make(size)
                seed(db, size)
                figures[size] = measure(db, client, args.n)
                db.dispose()
            for name in figures[5]:
                for size in (5, 50):
                    samples, statements = figures[size][name]
                    label = f"{backend} {name} ({size} obj)"
                    print(line(label, summary(samples)) + f"  {statements} SQL")
                ratio = summary(figures[50][name][0])["p50"] / summary(figures[5][name][0])["p50"]
                print(f"  p50 ratio, 50 / 5 objectives: {ratio:.2f}x")
        postgres.close()


def _emptied(db: Database) -> Database:
    databases.truncate_all(db)
    return db


if __name__ == "__main__":
    main()
