"""A workspace of N people for the prompts benchmark, written with bulk inserts, and the real
`prompts` job run at each zone's Monday 09:00 with its time, CPU and SQL statements counted.

The mix, by person number: eight time zones in turn; one active objective of the cycle with
2 or 3 key results each; one in ten checked in two days before (skipped: checked in recently),
one in ten a week before (prompted); one in fifty paused, one in fifty away (status "On
vacation"), one in a hundred with prompts turned off.

For bench/scale.py the same seeding also takes a workspace and person numbers of its own, a
number of key results per objective, company objectives among them, and a history of check-ins
per key result spread over the weeks of the cycle before the mix's own (every other one read
from a DM, with its `source_ref`), written in chunks.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from bot.people import cycle_for, ensure_workspace
from bot.prompts import job
from bot.slack import Clients
from storage.db import Database
from storage.models import CheckIn, Cycle, KeyResult, Objective, Person
from tests import databases
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
# A history's check-ins end the day before the mix's oldest, so that they change no decision.
HISTORY_ENDS = OLD_CHECK_IN.date() - timedelta(days=1)
# Rows per insert statement list when writing a history (bounded memory for 500,000).
CHUNK = 50_000


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


def seed(
    db: Database,
    count: int,
    *,
    team_id: str = TEAM_ID,
    first: int = 0,
    key_results_each: int | None = None,
    company_every: int = 0,
    history: int = 0,
) -> float:
    """Write the workspace's `count` people (numbered from `first`), objectives, key results
    and check-ins in a few bulk statements; the seconds it took. `key_results_each` per objective
    (else 2 or 3), every `company_every`-th objective a company one, and `history` check-ins
    per key result before the mix's own."""
    started = time.perf_counter()
    now = SEEDED_AT
    numbers = range(first, first + count)
    with db.begin() as session:
        workspace = ensure_workspace(session, team_id, now)
        cycle = cycle_for(session, workspace, MONDAY)
        people = []
        for n in numbers:
            person: dict[str, Any] = {
                "team_id": team_id,
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
                "team_id": team_id,
                "cycle_id": cycle.id,
                "title": f"Objective of person {n}",
                "description": "",
                "level": "company" if company_every and n % company_every == 0 else "personal",
                "owner_id": user_id(n),
                "visibility": "public",
                "state": "active",
                "created_by": user_id(n),
                "created_at": now,
                "updated_by": user_id(n),
                "updated_at": now,
            }
            for n in numbers
        ]
        objective_ids = session.scalars(
            insert(Objective).returning(Objective.id, sort_by_parameter_order=True), objectives
        ).all()
        key_results: list[dict[str, Any]] = [
            {
                "team_id": team_id,
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
            for n, objective_id in zip(numbers, objective_ids, strict=True)
            for position in range(key_results_each or 2 + n % 2)
        ]
        kr_ids = session.scalars(
            insert(KeyResult).returning(KeyResult.id, sort_by_parameter_order=True), key_results
        ).all()
        pairs = zip(key_results, kr_ids, strict=True)
        first_kr = {row["objective_id"]: kr_id for row, kr_id in pairs if row["position"] == 0}
        check_ins = [
            {
                "team_id": team_id,
                "key_result_id": first_kr[objective_id],
                "value": 40.0,
                "confidence": "on_track",
                "note": "",
                "author_id": user_id(n),
                "source": "modal",
                "effective_on": at.date(),
                "created_at": at,
            }
            for n, objective_id in zip(numbers, objective_ids, strict=True)
            if n % 10 in (0, 1)
            for at in [RECENT_CHECK_IN if n % 10 == 0 else OLD_CHECK_IN]
        ]
        session.execute(insert(CheckIn), check_ins)
        if history:
            owners = {id_: user_id(n) for n, id_ in zip(numbers, objective_ids, strict=True)}
            krs = [
                (kr_id, owners[row["objective_id"]])
                for row, kr_id in zip(key_results, kr_ids, strict=True)
            ]
            rows = history_rows(team_id, cycle, history, krs)
            for chunk in chunks(rows, CHUNK):
                session.execute(insert(CheckIn), chunk)
    # Without statistics the candidates query's nested loops over 10,000 people outlast the
    # statement timeout.
    databases.analyze(db)
    return time.perf_counter() - started


def history_rows(
    team_id: str, cycle: Cycle, per_key_result: int, key_results: list[tuple[int, str]]
) -> Iterator[dict[str, Any]]:
    """`per_key_result` check-ins of each (key result, owner), evenly over the cycle's days up
    to HISTORY_ENDS, rising towards 80 %; every other one read from the owner's DM, one message
    for all their key results that day."""
    days = (HISTORY_ENDS - cycle.starts_on).days
    for k in range(per_key_result):
        day = cycle.starts_on + timedelta(days=days * k // max(per_key_result - 1, 1))
        at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        from_dm = k % 2 == 1
        for kr_id, owner in key_results:
            yield {
                "team_id": team_id,
                "key_result_id": kr_id,
                "value": round(80.0 * (k + 1) / per_key_result, 1),
                "confidence": "on_track" if k % 3 else "at_risk",
                "note": f"week {k + 1}" if from_dm else "",
                "author_id": owner,
                "source": "message" if from_dm else "modal",
                "source_ref": f"D{owner}:{at.timestamp():.0f}.{k:06}" if from_dm else None,
                "effective_on": day,
                "created_at": at,
            }


def chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
