"""Check-in by direct message: read the lines, record what reads, answer with an Undo button."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.checkins import record
from bot.checkins.checkable import (
    checkable_objective,
    my_objectives,
    numbered_key_results,
    this_cycle,
)
from bot.checkins.message import KeyResultRef, Reading, example_line, read_message
from bot.checkins.status import KeyResultLine, describe
from bot.checkins.values import Entry, editable_value
from bot.ids import parse_id
from bot.people import ensure_workspace, workspace_today
from bot.refusals import refuse
from bot.render import render
from storage import check_ins as stored_check_ins
from storage.models import CheckIn, KeyResult, Person


@dataclass(frozen=True)
class LineAnswer:
    """One line of the message and what became of it, for the reply."""

    reading: Reading
    key_result: KeyResultLine | None
    matches: list[tuple[int, str]]
    example: str


@dataclass(frozen=True)
class Replied:
    """The reply to a check-in message, and how many check-ins it recorded."""

    message: dict[str, Any]
    recorded: int


def is_check_in_message(event: dict[str, Any]) -> bool:
    """A person's own new message in their DM with the bot: not an edit, a bot or a join."""
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool(str(event.get("text") or "").strip())
    )


def check_in_by_message(
    session: Session, person: Person, text: str, source_ref: str, now: datetime
) -> Replied | None:
    """Record the readable lines and return the reply; None when Slack sent this message twice."""
    if stored_check_ins.read_from(session, person.team_id, source_ref):
        return None
    cycle = this_cycle(session, person, now)
    today = workspace_today(ensure_workspace(session, person.team_id, now), now)
    key_results = numbered_key_results(my_objectives(session, person, cycle))
    if not key_results:
        reply: dict[str, Any] = render(
            "checkin_reply",
            answers=[],
            cycle=cycle.name,
            ids="",
            skipped=0,
            recorded=0,
            repeated=0,
            key_results=[],
        )
        return Replied(reply, recorded=0)
    refs = [
        KeyResultRef(n, kr.title, kr.kind == "milestone", kr.current_value, kr.confidence)
        for n, kr in enumerate(key_results, start=1)
    ]
    reading = read_message(text, refs)
    readable = [r for r in reading.readings if r.ok and r.number is not None]
    entries = [
        Entry(key_results[r.number - 1].id, r.value, r.confidence or "", r.note)
        for r in readable
        if r.number is not None
    ]
    rows: list[CheckIn] = []
    if entries:
        try:
            with session.begin_nested():
                rows = record.record(
                    session,
                    author_id=person.user_id,
                    key_results=key_results,
                    entries=entries,
                    effective_on=today,
                    now=now,
                    source="message",
                    source_ref=source_ref,
                )
        except IntegrityError:
            return None  # the same message, delivered twice at once: the other delivery answers
    lines = [describe(kr, cycle, today, number) for number, kr in enumerate(key_results, start=1)]
    answers = [_answer(r, lines, key_results, refs) for r in reading.readings]
    reply = render(
        "checkin_reply",
        answers=answers,
        cycle=cycle.name,
        ids=",".join(str(row.id) for row in rows),
        skipped=reading.skipped,
        recorded=len(rows),
        repeated=len(entries) - len(rows),
        key_results=lines,
    )
    return Replied(reply, recorded=len(rows))


def _answer(
    reading: Reading,
    lines: list[KeyResultLine],
    key_results: list[KeyResult],
    refs: list[KeyResultRef],
) -> LineAnswer:
    number = reading.number or (reading.matches[0] if reading.matches else 1)
    kr = key_results[number - 1]
    return LineAnswer(
        reading=reading,
        key_result=lines[reading.number - 1] if reading.number else None,
        matches=[(n, key_results[n - 1].title) for n in reading.matches],
        example=example_line(refs[number - 1], editable_value(kr, kr.current_value)),
    )


def undo(session: Session, person: Person, raw_ids: str, now: datetime) -> dict[str, Any]:
    """Soft-delete the check-ins a message recorded; key results fall back to earlier ones."""
    parsed = [parse_id(part) for part in raw_ids.split(",")]
    if None in parsed:
        raise refuse("check-in", "not_found")
    ids = {i for i in parsed if i is not None}
    rows = stored_check_ins.locked(session, person.team_id, ids)
    if not ids or len(rows) != len(ids):
        raise refuse("check-in", "not_found")
    cycle = this_cycle(session, person, now)
    for row in rows:
        checkable_objective(session, person, row.key_result.objective_id, cycle)
    live = [row for row in rows if row.deleted_at is None]
    if not live:
        raise refuse("check-in", "deleted")
    record.remove(session, live, actor_id=person.user_id, now=now, action="undo")
    today = workspace_today(ensure_workspace(session, person.team_id, now), now)
    restored = list({row.key_result_id: row.key_result for row in live}.values())
    undone: dict[str, Any] = render(
        "checkin_undone", count=len(live), lines=[describe(kr, cycle, today) for kr in restored]
    )
    return undone
