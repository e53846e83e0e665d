"""Queries for streaks and badges: when a person checked in, the periods that excuse them, the
badges they hold, and the key results of a cycle as they stood when it ended (bot/recognition/)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Badge, CheckIn, Cycle, ExcusedPeriod, KeyResult, Objective


@dataclass(frozen=True)
class Excuse:
    """A period someone was paused or away in when their prompt was due."""

    user_id: str
    period: str
    reason: str


@dataclass(frozen=True)
class EndReading:
    """An owner's key result of an ended cycle and its latest value effective by the end."""

    owner_id: str
    key_result: KeyResult
    value: float | None


def _insert(session: Session, model: type[Badge] | type[ExcusedPeriod]) -> Any:
    """INSERT … ON CONFLICT as the database spells it."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def check_in_times(session: Session, team_id: str, user_id: str) -> list[tuple[date, datetime]]:
    """Each live check-in the person authored: the day it is effective and when it was made."""
    rows = session.execute(
        select(CheckIn.effective_on, CheckIn.created_at)
        .where(
            CheckIn.team_id == team_id,
            CheckIn.author_id == user_id,
            CheckIn.deleted_at.is_(None),
        )
        .distinct()
    )
    return [(effective_on, created_at) for effective_on, created_at in rows]


def excused(session: Session, team_id: str, user_id: str) -> set[str]:
    """The period keys that do not break the person's streak."""
    return set(
        session.scalars(
            select(ExcusedPeriod.period).where(
                ExcusedPeriod.team_id == team_id, ExcusedPeriod.user_id == user_id
            )
        )
    )


def excuse_all(session: Session, team_id: str, excuses: Iterable[Excuse]) -> None:
    """Record many excused periods in one INSERT; one recorded before stays as it was."""
    rows = [
        {"team_id": team_id, "user_id": e.user_id, "period": e.period, "reason": e.reason}
        for e in {(e.user_id, e.period): e for e in excuses}.values()
    ]
    if rows:
        statement = _insert(session, ExcusedPeriod).on_conflict_do_nothing(
            index_elements=["team_id", "user_id", "period"]
        )
        session.execute(statement, rows)


def badges_of(session: Session, team_id: str, user_id: str) -> list[Badge]:
    """The person's badges, earliest first."""
    return list(
        session.scalars(
            select(Badge)
            .where(Badge.team_id == team_id, Badge.user_id == user_id)
            .order_by(Badge.earned_at, Badge.id)
        )
    )


def award(
    session: Session, team_id: str, user_id: str, badges: Sequence[str], now: datetime
) -> set[str]:
    """Give the person these badges in one INSERT: the ones that were new. A badge held already,
    or given at the same moment by another transaction, is left out of the answer."""
    if not badges:
        return set()
    statement = (
        _insert(session, Badge)
        .on_conflict_do_nothing(index_elements=["team_id", "user_id", "badge"])
        .returning(Badge.badge)
    )
    rows = [
        {"team_id": team_id, "user_id": user_id, "badge": badge, "earned_at": now}
        for badge in dict.fromkeys(badges)
    ]
    return set(session.scalars(statement, rows))


def ended_between(session: Session, team_id: str, first: date, last: date) -> list[Cycle]:
    """The cycles whose last day is between `first` and `last`, inclusive."""
    return list(
        session.scalars(
            select(Cycle)
            .where(Cycle.team_id == team_id, Cycle.ends_on >= first, Cycle.ends_on <= last)
            .order_by(Cycle.ends_on, Cycle.id)
        )
    )


def readings_at_end(session: Session, cycle: Cycle) -> list[EndReading]:
    """Every key result of the cycle's active objectives with its latest live check-in's value
    effective by the cycle's last day (none: no value): two queries for the whole cycle."""
    team_id = cycle.team_id
    key_results = session.execute(
        select(Objective.owner_id, KeyResult)
        .join(KeyResult, KeyResult.objective_id == Objective.id)
        .where(
            Objective.team_id == team_id,
            KeyResult.team_id == team_id,
            Objective.cycle_id == cycle.id,
            Objective.state == "active",
        )
        .order_by(Objective.owner_id, KeyResult.id)
    ).all()
    latest: dict[int, float | None] = {}
    for key_result_id, value in session.execute(
        select(CheckIn.key_result_id, CheckIn.value)
        .where(
            CheckIn.team_id == team_id,
            CheckIn.key_result_id.in_([kr.id for _, kr in key_results]),
            CheckIn.deleted_at.is_(None),
            CheckIn.effective_on <= cycle.ends_on,
        )
        # The latest last, so that it is the one the dictionary keeps.
        .order_by(CheckIn.effective_on, CheckIn.created_at, CheckIn.id)
    ):
        latest[key_result_id] = value
    return [EndReading(owner, kr, latest.get(kr.id)) for owner, kr in key_results]
