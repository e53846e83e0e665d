"""Queries about check-ins, and the locks that keep a key result's latest value true."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import CheckIn, KeyResult


class SameCheckIn(Protocol):
    """What makes two check-ins of one person on one key result the same."""

    @property
    def value(self) -> float | None: ...
    @property
    def confidence(self) -> str: ...
    @property
    def note(self) -> str: ...


def find(
    session: Session, team_id: str, check_in_id: int, *, for_update: bool = False
) -> CheckIn | None:
    """The check-in of this workspace with that id, deleted or not.

    `for_update` locks its row and reads it again once locked: an edit or a deletion works from
    what is stored now, not from what another request has just changed.
    """
    query = select(CheckIn).where(CheckIn.team_id == team_id, CheckIn.id == check_in_id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalars(query).one_or_none()


def locked(session: Session, team_id: str, ids: Collection[int]) -> list[CheckIn]:
    """The check-ins with these ids, locked in id order (so two requests cannot deadlock) and
    read again once locked: of several clicks on one Undo, the first undoes, the others see it."""
    return list(
        session.scalars(
            select(CheckIn)
            .where(CheckIn.team_id == team_id, CheckIn.id.in_(ids))
            .order_by(CheckIn.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )


def latest(session: Session, key_result: KeyResult) -> CheckIn | None:
    """The check-in that speaks for the key result: latest effective date, then latest written."""
    return session.scalars(
        select(CheckIn)
        .where(
            CheckIn.team_id == key_result.team_id,
            CheckIn.key_result_id == key_result.id,
            CheckIn.deleted_at.is_(None),
        )
        .order_by(CheckIn.effective_on.desc(), CheckIn.created_at.desc(), CheckIn.id.desc())
        .limit(1)
    ).first()


def lock_key_results(session: Session, team_id: str, ids: Collection[int]) -> None:
    """Lock the key results in id order, so that two writers cannot deadlock. NO KEY UPDATE,
    because inserting a check-in holds KEY SHARE on its key result."""
    session.execute(
        select(KeyResult.id)
        .where(KeyResult.team_id == team_id, KeyResult.id.in_(ids))
        .order_by(KeyResult.id)
        .with_for_update(key_share=True)
    )


def repeated_since(
    session: Session,
    team_id: str,
    key_result_id: int,
    author_id: str,
    same: SameCheckIn,
    since: datetime,
) -> bool:
    """Whether the author recorded this value, confidence and note on the key result since."""
    same_value = CheckIn.value.is_(None) if same.value is None else CheckIn.value == same.value
    found = session.scalars(
        select(CheckIn.id)
        .where(
            CheckIn.team_id == team_id,
            CheckIn.key_result_id == key_result_id,
            CheckIn.author_id == author_id,
            CheckIn.deleted_at.is_(None),
            CheckIn.created_at >= since,
            same_value,
            CheckIn.confidence == same.confidence,
            CheckIn.note == same.note,
        )
        .limit(1)
    ).first()
    return found is not None


def read_from(
    session: Session, team_id: str, source_ref: str, key_result_id: int | None = None
) -> bool:
    """Whether any check-in (of that key result, when named) was recorded from that Slack
    message ("<channel>:<ts>")."""
    query = select(CheckIn.id).where(CheckIn.team_id == team_id, CheckIn.source_ref == source_ref)
    if key_result_id is not None:
        query = query.where(CheckIn.key_result_id == key_result_id)
    found = session.scalars(query.limit(1)).first()
    return found is not None


def live_of(session: Session, team_id: str, key_result_ids: Collection[int]) -> list[CheckIn]:
    """Live check-ins of these key results, oldest first in the order that decides the latest."""
    return list(
        session.scalars(
            select(CheckIn)
            .where(
                CheckIn.team_id == team_id,
                CheckIn.key_result_id.in_(key_result_ids),
                CheckIn.deleted_at.is_(None),
            )
            .order_by(CheckIn.effective_on, CheckIn.created_at, CheckIn.id)
        )
    )


def live_by_author(
    session: Session, team_id: str, author_id: str, ids: Collection[int]
) -> list[CheckIn]:
    """Those of the check-ins with these ids that the author wrote and are not deleted, by id."""
    return list(
        session.scalars(
            select(CheckIn)
            .where(
                CheckIn.team_id == team_id,
                CheckIn.author_id == author_id,
                CheckIn.id.in_(ids),
                CheckIn.deleted_at.is_(None),
            )
            .order_by(CheckIn.id)
        )
    )


def counts(session: Session, team_id: str, key_result_ids: Collection[int]) -> dict[int, int]:
    """How many live check-ins each of these key results has; those with none are left out."""
    if not key_result_ids:
        return {}
    rows = session.execute(
        select(CheckIn.key_result_id, func.count())
        .where(
            CheckIn.team_id == team_id,
            CheckIn.key_result_id.in_(key_result_ids),
            CheckIn.deleted_at.is_(None),
        )
        .group_by(CheckIn.key_result_id)
    )
    return {key_result_id: count for key_result_id, count in rows}
