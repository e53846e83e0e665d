"""Check-in by direct message: read the lines, record what reads, answer with an Undo button."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.checkins import record
from bot.checkins.checkable import (
    checkable_key_results,
    checkable_objective,
    key_result_numbers,
    my_objectives,
    numbered_key_results,
    this_cycle,
)
from bot.checkins.message import KeyResultRef, Reading, example_line, read_message, refs_of
from bot.checkins.status import KeyResultLine, describe
from bot.checkins.values import (
    DONE,
    NOT_DONE,
    VALUE_LIMIT,
    Entry,
    editable_value,
    note_problem,
    questioned,
)
from bot.ids import metadata_object, parse_id
from bot.people import ensure_workspace, workspace_today
from bot.presentation import latest_value, value_of
from bot.progress import CONFIDENCES
from bot.refusals import refuse
from bot.render import render
from storage import check_ins as stored_check_ins
from storage.models import CheckIn, KeyResult, Person

SOURCE_REF_LENGTH = 64  # check_ins.source_ref


# A reply holds at most 50 blocks: the lines' sections and its own few come first, then the
# buttons that ask about a line, while they fit.
REPLY_BLOCKS = 50
REPLY_OWN_BLOCKS = 6


@dataclass(frozen=True)
class Ask:
    """A button under a line: record what the line said for one key result, once."""

    label: str
    value: str  # what to record, read back by `record_asked`


@dataclass(frozen=True)
class LineAnswer:
    """One line of the message and what became of it, for the reply."""

    reading: Reading
    key_result: KeyResultLine | None
    matches: list[tuple[int, str]]
    example: str
    question: str = ""  # why its value waits for a confirmation (bot.checkins.values.questioned)
    asks: tuple[Ask, ...] = ()


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
    """Record the readable lines and return the reply; None when Slack sent this message twice.

    A line whose value is out of range, or that fits two key results equally, is not recorded:
    the reply asks, with a button for each answer (`record_asked`)."""
    if stored_check_ins.read_from(session, person.team_id, source_ref):
        return None
    cycle = this_cycle(session, person, now)
    today = workspace_today(ensure_workspace(session, person.team_id, now), now)
    key_results = numbered_key_results(my_objectives(session, person, cycle))
    if not key_results:
        return Replied(_reply(cycle.name, [], [], [], 0, 0), recorded=0)
    refs = refs_of(key_results)
    reading = read_message(text, refs)
    questions = {
        i: question
        for i, r in enumerate(reading.readings)
        if r.ok
        and r.number is not None
        and not r.kept_value
        and (question := questioned(key_results[r.number - 1], r.value))
    }
    entries = [
        _entry(key_results, r)
        for i, r in enumerate(reading.readings)
        if r.ok and r.number is not None and i not in questions
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
    room = REPLY_BLOCKS - REPLY_OWN_BLOCKS - len(reading.readings)
    answers = []
    for i, r in enumerate(reading.readings):
        answer = _answer(r, lines, key_results, refs, questions.get(i, ""), source_ref)
        room -= len(answer.asks)  # one actions block per button
        if room < 0:
            answer = replace(answer, asks=())
        answers.append(answer)
    reply = _reply(cycle.name, answers, lines, rows, len(entries), reading.skipped)
    return Replied(reply, recorded=len(rows))


def _entry(key_results: list[KeyResult], reading: Reading) -> Entry:
    assert reading.number is not None
    kr = key_results[reading.number - 1]
    return Entry(kr.id, reading.value, reading.confidence or "", reading.note)


def _reply(
    cycle: str,
    answers: list[LineAnswer],
    lines: list[KeyResultLine],
    rows: list[CheckIn],
    entries: int,
    skipped: int,
) -> dict[str, Any]:
    reply: dict[str, Any] = render(
        "checkin_reply",
        answers=answers,
        cycle=cycle,
        ids=",".join(str(row.id) for row in rows),
        skipped=skipped,
        recorded=len(rows),
        repeated=entries - len(rows),
        key_results=lines,
    )
    return reply


def _ask(source_ref: str, key_result: KeyResult, reading: Reading, confirmed: bool) -> str:
    """A button's value: the message it came from, the key result and what to record."""
    said = {
        "m": source_ref,
        "kr": key_result.id,
        "v": reading.value,
        "c": reading.confidence,
        "n": reading.note,
        "ok": confirmed,
    }
    return json.dumps(said, ensure_ascii=False, separators=(",", ":"))


def _answer(
    reading: Reading,
    lines: list[KeyResultLine],
    key_results: list[KeyResult],
    refs: list[KeyResultRef],
    question: str,
    source_ref: str,
) -> LineAnswer:
    number = reading.number or (reading.matches[0] if reading.matches else 1)
    kr = key_results[number - 1]
    asks: tuple[Ask, ...] = ()
    if question:
        shown = value_of(kr, reading.value)
        asks = (Ask(f"Record {shown} anyway", _ask(source_ref, kr, reading, True)),)
    elif reading.problem == "ambiguous" and reading.choices and all(c.ok for c in reading.choices):
        asks = tuple(
            Ask(
                f"{c.number}. {key_results[c.number - 1].title}",
                _ask(source_ref, key_results[c.number - 1], c, False),
            )
            for c in reading.choices
            if c.number is not None
        )
    return LineAnswer(
        reading=reading,
        key_result=lines[reading.number - 1] if reading.number else None,
        matches=[(n, key_results[n - 1].title) for n in reading.matches],
        example=example_line(refs[number - 1], editable_value(kr, latest_value(kr))),
        question=question,
        asks=asks,
    )


def record_asked(session: Session, person: Person, raw: str, now: datetime) -> dict[str, Any]:
    """A button of a reply: record what its line said for that key result, once (the message's
    ref is kept on the check-in, and one message records a key result once); a value still to
    confirm is asked about first."""
    said = metadata_object(raw)
    cycle = this_cycle(session, person, now)
    (kr,) = checkable_key_results(session, person, [said.get("kr")], cycle)
    entry, source_ref = _asked_entry(kr, said)
    key_results = numbered_key_results(my_objectives(session, person, cycle))
    today = workspace_today(ensure_workspace(session, person.team_id, now), now)
    numbers = {k.id: n for n, k in enumerate(key_results, start=1)}
    number = numbers.get(kr.id, 0)
    reading = Reading(
        line="", number=number, value=entry.value, confidence=entry.confidence, note=entry.note
    )
    question = "" if said.get("ok") is True else questioned(kr, entry.value) or ""
    rows: list[CheckIn] = []
    if not question and not stored_check_ins.read_from(session, person.team_id, source_ref, kr.id):
        try:
            with session.begin_nested():
                rows = record.record(
                    session,
                    author_id=person.user_id,
                    key_results=[kr],
                    entries=[entry],
                    effective_on=today,
                    now=now,
                    source="message",
                    source_ref=source_ref,
                )
        except IntegrityError:
            rows = []  # the same button clicked twice at once: the other click recorded it
    line = describe(kr, cycle, today, number)
    lines = [describe(k, cycle, today, numbers[k.id]) for k in key_results]
    refs = refs_of(key_results) if number else []
    asks = (Ask(f"Record {value_of(kr, entry.value)} anyway", _ask(source_ref, kr, reading, True)),)
    answer = LineAnswer(
        reading=reading,
        key_result=line,
        matches=[],
        example=example_line(refs[number - 1], "") if number else "",
        question=question,
        asks=asks if question else (),
    )
    reply = _reply(cycle.name, [answer], lines, rows, 0 if question else 1, 0)
    reply["replace_original"] = False
    return reply


def _asked_entry(kr: KeyResult, said: dict[str, Any]) -> tuple[Entry, str]:
    """What a button says to record, checked as a typed line is; Refused when it is not sane."""
    value, confidence, note, source_ref = said.get("v"), said.get("c"), said.get("n"), said.get("m")
    sane = (
        (value is None or (isinstance(value, int | float) and abs(value) < VALUE_LIMIT))
        and not isinstance(value, bool)
        and (kr.kind != "milestone" or value in (DONE, NOT_DONE))
        and confidence in CONFIDENCES
        and isinstance(note, str)
        and note_problem(note) is None
        and isinstance(source_ref, str)
        and 0 < len(source_ref) <= SOURCE_REF_LENGTH
    )
    if not sane:
        raise refuse("check-in", "not_found")
    number = None if value is None else float(value)
    return Entry(kr.id, number, str(confidence), str(note)), str(source_ref)


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
    numbers = key_result_numbers(session, person, cycle)
    lines = [describe(kr, cycle, today, numbers.get(kr.id, 0)) for kr in restored]
    undone: dict[str, Any] = render("checkin_undone", count=len(live), lines=lines)
    return undone
