"""Rows for tests, written straight to the database (the features under test write their own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.people import cycle_for, ensure_workspace
from storage.models import CheckIn, KeyResult, Objective, Person

TEAM_ID = "T0001"


@dataclass
class KR:
    title: str
    kind: str = "increase"
    start: float | None = 0
    target: float | None = 100
    current: float | None = None
    unit_kind: str = "number"
    unit: str = ""
    due_on: date | None = None


def person(session: Session, user_id: str, now: datetime, *, is_admin: bool = False) -> Person:
    ensure_workspace(session, TEAM_ID, now)
    row = Person(
        team_id=TEAM_ID,
        user_id=user_id,
        display_name=user_id.lower(),
        is_admin=is_admin,
        updated_at=now,
    )
    session.add(row)
    return row


def objective(
    session: Session,
    now: datetime,
    *,
    title: str = "Delight our customers",
    owner: str = "U1",
    key_results: list[KR] | None = None,
    level: str = "personal",
    visibility: str = "public",
    state: str = "active",
    team_id: str = TEAM_ID,
    day: date | None = None,
    parent_id: int | None = None,
    team_channel_id: str | None = None,
) -> Objective:
    """An objective of the cycle containing `day` (default: `now`'s date, UTC)."""
    workspace = ensure_workspace(session, team_id, now)
    cycle = cycle_for(session, workspace, day or now.date())
    row = Objective(
        team_id=team_id,
        cycle_id=cycle.id,
        title=title,
        level=level,
        owner_id=owner,
        visibility=visibility,
        state=state,
        created_by=owner,
        created_at=now,
        updated_by=owner,
        updated_at=now,
        parent_id=parent_id,
        team_channel_id=team_channel_id,
        description="",
    )
    for position, kr in enumerate(
        key_results or [KR("Raise NPS from 20 to 40", start=20, target=40)]
    ):
        row.key_results.append(
            KeyResult(
                team_id=team_id,
                position=position,
                title=kr.title,
                kind=kr.kind,
                start_value=kr.start,
                target_value=kr.target,
                current_value=kr.current,
                unit_kind=kr.unit_kind,
                unit=kr.unit,
                due_on=kr.due_on or cycle.ends_on,
                created_at=now,
                updated_at=now,
            )
        )
    session.add(row)
    session.flush()
    return row


def check_in(
    session: Session,
    key_result: KeyResult,
    now: datetime,
    *,
    value: float | None,
    confidence: str = "on_track",
    note: str = "",
    author: str = "U1",
    effective_on: date | None = None,
) -> CheckIn:
    row = CheckIn(
        team_id=key_result.team_id,
        key_result_id=key_result.id,
        value=value,
        confidence=confidence,
        note=note,
        author_id=author,
        created_at=now,
        effective_on=effective_on or now.date(),
    )
    key_result.current_value = value
    key_result.confidence = confidence
    session.add(row)
    session.flush()
    return row
