"""Telling owners of check-ins made, edited or deleted on their objectives by someone else."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.change_notices import Change, tell_owner
from bot.presentation import CONFIDENCE_LABELS, day, value_of
from storage.models import AuditEvent, CheckIn, KeyResult

FIELD_NAMES = {"value": "value", "confidence": "confidence", "note": "note", "effective_on": "date"}
NOTICE_ACTIONS = {"update": "edit_check_in", "delete": "delete_check_in", "undo": "undo_check_in"}


def readable(kr: KeyResult, field: str, change: Mapping[str, Any]) -> tuple[str, str, str]:
    """One audited change of a check-in as people read it: ("date", "Nov 16", "Nov 9")."""

    def shown(value: Any) -> str:
        if field == "value":
            return value_of(kr, value)
        if field == "confidence":
            return CONFIDENCE_LABELS.get(str(value), str(value))
        if field == "note":
            return f"“{value}”" if value else "no note"
        if field == "effective_on" and isinstance(value, str):
            with suppress(ValueError):
                return day(date.fromisoformat(value))
        return str(value)

    return FIELD_NAMES.get(field, field), shown(change.get("old")), shown(change.get("new"))


def checked_in(
    session: Session,
    author_id: str,
    rows: Sequence[CheckIn],
    before: Mapping[int, float | None],
    now: datetime,
) -> None:
    """New check-ins: one notice per objective, with each key result's value before → after."""
    by_objective: dict[int, list[CheckIn]] = {}
    for row in rows:
        by_objective.setdefault(row.key_result.objective_id, []).append(row)
    for group in by_objective.values():
        changes: list[Change] = []
        for row in group:
            kr = row.key_result
            confidence = CONFIDENCE_LABELS.get(row.confidence or "", "")
            new = value_of(kr, row.value) + (f", {confidence.lower()}" if confidence else "")
            changes.append(Change(f"“{kr.title}”", value_of(kr, before.get(kr.id)), new))
            if row.note:
                changes.append(Change("Note", "", f"“{row.note}”"))
        tell_owner(
            session,
            group[0].key_result.objective,
            actor_id=author_id,
            action="check_in",
            changes=changes,
            period=f"check_in-{group[0].id}",
            now=now,
        )


def check_in_changed(session: Session, check_in: CheckIn, event: AuditEvent, now: datetime) -> None:
    """An edit, deletion or undo of a check-in, from its audit event."""
    kr = check_in.key_result
    if event.action == "update":
        changes = [
            Change(f"“{kr.title}” check-in of {day(check_in.effective_on)}: {what}", old, new)
            for what, old, new in (readable(kr, k, v) for k, v in event.changes.items())
        ]
    else:
        shown = value_of(kr, check_in.value)
        changes = [Change(f"“{kr.title}” check-in of {day(check_in.effective_on)}: {shown}")]
    tell_owner(
        session,
        kr.objective,
        actor_id=event.actor_id,
        action=NOTICE_ACTIONS.get(event.action, "edit_check_in"),
        changes=changes,
        period=f"audit-{event.id}",
        now=now,
    )
