"""Writing check-ins: never overwritten; key results follow their latest check-in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot import audit
from bot.celebrations.shoutout import celebrate
from bot.checkins import notices
from bot.checkins.values import Entry
from bot.prompts.done import prompt_done
from bot.recognition import award
from storage import check_ins as stored_check_ins
from storage.models import AuditEvent, CheckIn, KeyResult

AUDITED_FIELDS = ("value", "confidence", "note", "effective_on")
# The same check-in sent again this soon (a second modal, a message sent twice, "try again" after
# an answer that went missing) is taken for a repeat, not news: it is recorded once.
REPEAT_WINDOW = timedelta(minutes=10)


def refresh(session: Session, key_results: Iterable[KeyResult]) -> None:
    """Set each key result's value and confidence to its latest check-in's (none: no value).

    The key results are locked first (in id order, so two refreshes cannot deadlock), and only
    then is their latest check-in read: on PostgreSQL two check-ins committing at once would
    otherwise each see only their own, and the one committing last could set an older value.
    NO KEY UPDATE, because inserting a check-in holds KEY SHARE on its key result."""
    key_results = sorted(set(key_results), key=lambda kr: kr.id)
    session.flush()
    if not key_results:
        return
    stored_check_ins.lock_key_results(
        session, key_results[0].team_id, [kr.id for kr in key_results]
    )
    for key_result in key_results:
        latest = stored_check_ins.latest(session, key_result)
        key_result.current_value = latest.value if latest else None
        key_result.confidence = latest.confidence if latest else None
    session.flush()


def record(
    session: Session,
    *,
    author_id: str,
    key_results: Sequence[KeyResult],
    entries: Sequence[Entry],
    effective_on: date,
    now: datetime,
    source: str,
    source_ref: str | None = None,
) -> list[CheckIn]:
    """One new check-in per entry, then the key results brought up to date. An entry the author
    recorded already within REPEAT_WINDOW is not recorded again: fewer rows than entries."""
    by_id = {kr.id: kr for kr in key_results}
    if not entries:
        return []
    before = {kr.id: kr.current_value for kr in key_results}
    # Locked first: of the same check-in sent twice at once, the second sees the first.
    team_id = key_results[0].team_id
    stored_check_ins.lock_key_results(session, team_id, [e.key_result_id for e in entries])
    since = now - REPEAT_WINDOW
    entries = [
        entry
        for entry in entries
        if not stored_check_ins.repeated_since(
            session, team_id, entry.key_result_id, author_id, entry, since
        )
    ]
    rows = [
        CheckIn(
            team_id=by_id[entry.key_result_id].team_id,
            key_result_id=entry.key_result_id,
            value=entry.value,
            confidence=entry.confidence,
            note=entry.note,
            author_id=author_id,
            source=source,
            source_ref=source_ref,
            effective_on=effective_on,
            created_at=now,
        )
        for entry in entries
    ]
    session.add_all(rows)
    refresh(session, [by_id[entry.key_result_id] for entry in entries])
    prompt_done(session, team_id, author_id, rows, now)
    notices.checked_in(session, author_id, rows, before, now)
    award.checked_in(session, team_id, author_id, rows, now)
    if rows:
        celebrate(session, rows, before, now, period=f"checkin{rows[0].id}")
    return rows


def _snapshot(check_in: CheckIn) -> dict[str, Any]:
    return {name: getattr(check_in, name) for name in AUDITED_FIELDS}


def change(
    session: Session,
    check_in: CheckIn,
    *,
    actor_id: str,
    now: datetime,
    value: float | None,
    confidence: str,
    note: str,
    effective_on: date,
) -> bool:
    """Edit in place with an audit row (old → new); False when nothing changed. An edit that
    carries its key result across a milestone never reached celebrates it, as a check-in would."""
    before = _snapshot(check_in)
    was = {check_in.key_result_id: check_in.key_result.current_value}
    after = {"value": value, "confidence": confidence, "note": note, "effective_on": effective_on}
    changes = audit.diff(before, after)
    if not changes:
        return False
    for name, new in after.items():
        setattr(check_in, name, new)
    event = audit.record(
        session,
        team_id=check_in.team_id,
        actor_id=actor_id,
        entity="check_in",
        entity_id=check_in.id,
        action="update",
        at=now,
        changes=changes,
    )
    refresh(session, [check_in.key_result])
    notices.check_in_changed(session, check_in, event, now)
    celebrate(session, [check_in], was, now, period=f"edit{event.id}")
    return True


def remove(
    session: Session, check_ins: Sequence[CheckIn], *, actor_id: str, now: datetime, action: str
) -> None:
    """Soft-delete (action "delete" from history, "undo" from a message summary), audited."""
    events: list[AuditEvent] = []
    for check_in in check_ins:
        check_in.deleted_at = now
        check_in.deleted_by = actor_id
        events.append(
            audit.record(
                session,
                team_id=check_in.team_id,
                actor_id=actor_id,
                entity="check_in",
                entity_id=check_in.id,
                action=action,
                at=now,
                changes=audit.diff({"deleted_at": None}, {"deleted_at": now}),
            )
        )
    refresh(session, {c.key_result_id: c.key_result for c in check_ins}.values())
    for check_in, event in zip(check_ins, events, strict=True):
        notices.check_in_changed(session, check_in, event, now)
