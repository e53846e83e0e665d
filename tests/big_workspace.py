"""A big workspace and a small one, written with bulk inserts (as bench/people.py): the rows
that make query planners prefer indexes, and a small workspace to run operations for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from bot import people
from storage.db import Database
from storage.models import (
    AuditEvent,
    CheckIn,
    HandledRequest,
    KeyResult,
    Objective,
    OutboxMessage,
    Person,
)

BIG, SMALL = "T0001", "T0002"
# Monday 09:00 UTC: everyone (UTC, the workspace's default rule) is due a prompt.
NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
# OTHER owns the company and team objectives; SOMEONE only a personal one, as VIEWER.
VIEWER, OTHER, SOMEONE = "U00001", "U00000", "U00002"
CHANNEL = "C0000"
KEY_RESULTS_PER_OBJECTIVE = 5
CHECK_INS_PER_KEY_RESULT = 5


@dataclass(frozen=True)
class Size:
    people: int
    company: int
    team: int


def seed(db: Database, team_id: str, size: Size) -> None:
    """One personal objective per person (aligned to a team objective), team objectives in ten
    channels (aligned to a company one) and company objectives, these two of OTHER's; five key
    results each, five check-ins each with their audit events, and five weeks of prompts sent
    to everyone and three DMs of each read in the last hours."""
    with db.begin() as session:
        workspace = people.ensure_workspace(session, team_id, NOW)
        cycle = people.current_cycle(session, workspace, NOW)
        users = [f"U{n:05}" for n in range(size.people)]
        session.execute(
            insert(Person),
            [
                {"team_id": team_id, "user_id": user, "display_name": user, "updated_at": NOW}
                for user in users
            ],
        )

        def objectives(rows: list[dict[str, Any]]) -> list[int]:
            common = {"team_id": team_id, "cycle_id": cycle.id, "description": ""}
            stamped = [
                {
                    **common,
                    **row,
                    "created_by": row["owner_id"],
                    "updated_by": row["owner_id"],
                    "created_at": NOW - timedelta(days=60),
                    "updated_at": NOW - timedelta(days=60),
                }
                for row in rows
            ]
            returning = insert(Objective).returning(Objective.id, sort_by_parameter_order=True)
            return list(session.scalars(returning, stamped))

        company = objectives(
            [
                {"title": f"Company {n}", "level": "company", "owner_id": OTHER}
                for n in range(size.company)
            ]
        )
        team = objectives(
            [
                {
                    "title": f"Team {n}",
                    "level": "team",
                    "team_channel_id": f"C{n % 10:04}",
                    "owner_id": OTHER,
                    "parent_id": company[n % len(company)],
                }
                for n in range(size.team)
            ]
        )
        personal = objectives(
            [
                {
                    "title": f"Objective of {user}",
                    "level": "personal",
                    "owner_id": user,
                    "parent_id": team[n % len(team)],
                }
                for n, user in enumerate(users)
            ]
        )
        key_results = [
            {
                "team_id": team_id,
                "objective_id": objective_id,
                "position": position,
                "title": f"Key result {position + 1} of objective {objective_id}",
                "kind": "increase",
                "start_value": 0.0,
                "target_value": 100.0,
                "current_value": 40.0,
                "confidence": "on_track",
                "created_at": NOW - timedelta(days=60),
                "updated_at": NOW - timedelta(days=10),
            }
            for objective_id in [*company, *team, *personal]
            for position in range(KEY_RESULTS_PER_OBJECTIVE)
        ]
        returning = insert(KeyResult).returning(
            KeyResult.id, KeyResult.objective_id, sort_by_parameter_order=True
        )
        owners = {objective_id: user for objective_id, user in zip(personal, users, strict=True)}
        kr_rows = session.execute(returning, key_results).all()
        check_in_ids = session.scalars(
            insert(CheckIn).returning(CheckIn.id, sort_by_parameter_order=True),
            [
                {
                    "team_id": team_id,
                    "key_result_id": kr_id,
                    "value": 8.0 * (week + 1),
                    "confidence": "on_track",
                    "note": "",
                    "author_id": owners.get(objective_id, users[0]),
                    "source": "modal",
                    "effective_on": (NOW - timedelta(weeks=6 - week)).date(),
                    "created_at": NOW - timedelta(weeks=6 - week),
                }
                for kr_id, objective_id in kr_rows
                for week in range(CHECK_INS_PER_KEY_RESULT)
            ],
        ).all()
        session.execute(
            insert(AuditEvent),
            [
                {
                    "team_id": team_id,
                    "actor_id": users[0],
                    "at": NOW - timedelta(days=30),
                    "entity": "check_in",
                    "entity_id": check_in_id,
                    "action": "create",
                    "changes": {},
                }
                for check_in_id in check_in_ids
            ],
        )
        session.execute(
            insert(HandledRequest),
            [
                {
                    "team_id": team_id,
                    "key": f"message:D{user}:{n}",
                    "handled_at": NOW - timedelta(hours=n + 1),
                }
                for user in users
                for n in range(3)
            ],
        )
        session.execute(
            insert(OutboxMessage),
            [
                {
                    "team_id": team_id,
                    "dedupe_key": f"prompt:{user}:2026-W{week}",
                    "kind": "prompt",
                    "channel": user,
                    "payload": {},
                    "status": "sent",
                    "not_before": at,
                    "created_at": at,
                    "sent_at": at,
                }
                for week in range(44, 49)
                for user in users
                for at in [datetime.fromisocalendar(2026, week, 1).replace(hour=9, tzinfo=UTC)]
            ],
        )
