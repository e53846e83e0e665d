"""A workspace of N people for the prompts benchmark, written with bulk inserts, and the real
`prompts` job run at each zone's Monday 09:00 with its time, CPU and SQL statements counted.

The mix, by person number: eight time zones in turn; one active objective of the cycle with
2 or 3 key results each; one in ten checked in two days before (skipped: checked in recently),
one in ten a week before (prompted); one in fifty paused, one in fifty away (status "On
vacation"), one in a hundred with prompts turned off.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

from bot.people import cycle_for, ensure_workspace
from bot.prompts import job
from bot.slack import Clients
from storage.db import Database
from storage.models import CheckIn, KeyResult, Objective, Person
from tests.databases import counted

TEAM_ID = "T0001"
ZONES = (
    "Pacific/Auckland",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Europe/Berlin",
    "Europe/London",
    "America/Sao_Paulo",
    "America/New_York",
    "America/Los_Angeles",
)
# The Monday the prompts are due; the sender's clock flows on from its last 09:00.
MONDAY = datetime(2026, 11, 23).date()
PERIOD = "2026-W48"
SEEDED_AT = datetime(2026, 11, 9, 12, tzinfo=UTC)
RECENT_CHECK_IN = datetime(2026, 11, 21, 12, tzinfo=UTC)
OLD_CHECK_IN = datetime(2026, 11, 16, 12, tzinfo=UTC)


def user_id(n: int) -> str:
    return f"U{n:06}"


def nine_am(zone: str) -> datetime:
    """Monday 09:00 in `zone`, as a UTC instant."""
    local = datetime(MONDAY.year, MONDAY.month, MONDAY.day, 9, tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC)


def instants() -> list[datetime]:
    """Each zone's Monday 09:00, in the order they come."""
    return sorted(nine_am(zone) for zone in ZONES)


def expected_prompts(count: int) -> set[str]:
    """The outbox keys of the prompts the mix should get: everyone not held back."""
    held = {n for n in range(count) if n % 10 == 0 or n % 50 in (2, 3) or n % 100 == 4}
    return {f"prompt:{user_id(n)}:{PERIOD}" for n in range(count) if n not in held}


def seed(db: Database, count: int) -> float:
    """Write the workspace's `count` people, objectives, key results and check-ins in a few
    bulk statements; the seconds it took."""
    started = time.perf_counter()
    now = SEEDED_AT
    with db.begin() as session:
        workspace = ensure_workspace(session, TEAM_ID, now)
        cycle = cycle_for(session, workspace, MONDAY)
        people = []
        for n in range(count):
            person: dict[str, Any] = {
                "team_id": TEAM_ID,
                "user_id": user_id(n),
                "display_name": f"person {n}",
                "time_zone": ZONES[n % len(ZONES)],
                "is_admin": False,
                "is_active": True,
                "status_emoji": "",
                "status_text": "On vacation" if n % 50 == 3 else "",
                "status_expiration": None,
                "prompts_off": n % 100 == 4,
                "paused_until": now + timedelta(days=30) if n % 50 == 2 else None,
                "updated_at": now,
            }
            people.append(person)
        session.execute(insert(Person), people)
        objectives = [
            {
                "team_id": TEAM_ID,
                "cycle_id": cycle.id,
                "title": f"Objective of person {n}",
                "description": "",
                "level": "personal",
                "owner_id": user_id(n),
                "visibility": "public",
                "state": "active",
                "created_by": user_id(n),
                "created_at": now,
                "updated_by": user_id(n),
                "updated_at": now,
            }
            for n in range(count)
        ]
        objective_ids = session.scalars(
            insert(Objective).returning(Objective.id, sort_by_parameter_order=True), objectives
        ).all()
        key_results = [
            {
                "team_id": TEAM_ID,
                "objective_id": objective_id,
                "position": position,
                "title": f"Key result {position + 1} of person {n}",
                "kind": "increase",
                "start_value": 0.0,
                "target_value": 100.0,
                "current_value": None,
                "unit_kind": "percent" if position else "number",
                "unit": "",
                "due_on": cycle.ends_on,
                "confidence": None,
                "created_at": now,
                "updated_at": now,
            }
            for n, objective_id in enumerate(objective_ids)
            for position in range(2 + n % 2)
        ]
        kr_ids = session.scalars(
            insert(KeyResult).returning(KeyResult.id, sort_by_parameter_order=True), key_results
        ).all()
        pairs = zip(key_results, kr_ids, strict=True)
        first_kr = {row["objective_id"]: kr_id for row, kr_id in pairs if row["position"] == 0}
        check_ins = [
            {
                "team_id": TEAM_ID,
                "key_result_id": first_kr[objective_id],
                "value": 40.0,
                "confidence": "on_track",
                "note": "",
                "author_id": user_id(n),
                "source": "modal",
                "effective_on": at.date(),
                "created_at": at,
            }
            for n, objective_id in enumerate(objective_ids)
            if n % 10 in (0, 1)
            for at in [RECENT_CHECK_IN if n % 10 == 0 else OLD_CHECK_IN]
        ]
        session.execute(insert(CheckIn), check_ins)
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does within a minute of such an insert. Without statistics the
        # planner takes the fresh tables for near-empty, and the candidates query's nested
        # loops over 10,000 people outlast the statement timeout.
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    return time.perf_counter() - started


@dataclass(frozen=True)
class JobRun:
    at: datetime
    line: str
    wall: float
    cpu: float
    statements: int


def run_job(db: Database, clients: Clients, at: datetime) -> JobRun:
    with counted(db) as statements:
        cpu, started = time.process_time(), time.perf_counter()
        line = job.run(db, clients, at)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return JobRun(at, line, wall, cpu, len(statements))
