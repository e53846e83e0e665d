"""History: the last check-ins of each key result with a text trend, within Slack's 100 blocks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.checkins.checkable import (
    key_result_numbers,
    my_objectives,
    numbered_key_results,
    offered,
    pick,
    this_cycle,
    visible_objective,
)
from bot.checkins.status import KeyResultLine, ObjectiveLine, describe, describe_objective
from bot.ids import metadata_object
from bot.paging import VIEW_BLOCKS, most_that_fit
from bot.people import ensure_workspace, workspace_today
from bot.permissions import can_change
from bot.presentation import mention, value_of
from bot.progress import key_result_progress, trend
from bot.render import render
from storage import audit as stored_audit
from storage import check_ins as stored_check_ins
from storage import cycles as stored_cycles
from storage.models import CheckIn, Cycle, KeyResult, Objective, Person

MOST_SHOWN = 5  # check-ins listed per key result, fewer when many key results share the view
TREND_POINTS = 12


@dataclass(frozen=True)
class CheckInLine:
    id: int
    effective_on: date
    entered_on: date  # differs from effective_on when backdated
    value: str
    confidence: str
    note: str
    author: str  # a mention built by code
    edited: bool
    editable: bool


@dataclass(frozen=True)
class KeyResultHistory:
    line: KeyResultLine
    trend: str
    check_ins: list[CheckInLine]
    total: int


@dataclass(frozen=True)
class ObjectiveHistory:
    objective: ObjectiveLine
    cycle: str
    key_results: list[KeyResultHistory]


def open_history(session: Session, person: Person, words: str, now: datetime) -> tuple[Any, Any]:
    """`/okr history [number | title start]`: (view to open, or ephemeral message)."""
    cycle = this_cycle(session, person, now)
    chosen = pick(my_objectives(session, person, cycle), words)
    if chosen.problem or not numbered_key_results(chosen.chosen):
        message = render(
            "checkin_pick",
            command="history",
            problem=chosen.problem or "no_key_results",
            words=words,
            candidates=chosen.candidates or offered(chosen.chosen),
            cycle=cycle.name,
        )
        return None, message
    return history_view(session, person, [o.id for o in chosen.chosen], now), None


def history_view(
    session: Session, person: Person, objective_ids: Sequence[object], now: datetime
) -> Any:
    """The history modal of these objectives (those the person may see; Refused if none)."""
    objectives = [visible_objective(session, person, raw) for raw in objective_ids]
    current = this_cycle(session, person, now)
    today = workspace_today(ensure_workspace(session, person.team_id, now), now)
    key_results = numbered_key_results(objectives)
    rows = stored_check_ins.live_of(session, person.team_id, [kr.id for kr in key_results])
    edited = stored_audit.updated(session, person.team_id, "check_in", [row.id for row in rows])
    by_kr: dict[int, list[CheckIn]] = {kr.id: [] for kr in key_results}
    for row in rows:
        by_kr[row.key_result_id].append(row)
    numbers = key_result_numbers(session, person, current)
    histories = []
    for objective in objectives:
        cycle = stored_cycles.by_id(session, person.team_id, objective.cycle_id) or current
        editable = (
            can_change(objective, person) and objective.state == "active" and cycle.id == current.id
        )
        krs = [
            _key_result(kr, by_kr[kr.id], cycle, today, edited, editable, numbers.get(kr.id, 0))
            for kr in objective.key_results
        ]
        histories.append(
            ObjectiveHistory(describe_objective(objective, [k.line for k in krs]), cycle.name, krs)
        )
    return _fitted(histories)


def _fitted(histories: list[ObjectiveHistory]) -> Any:
    """The view within Slack's 100 blocks: as many objectives as fit with one block to spare for
    check-ins (at least one), then as many check-ins per key result as fit, up to MOST_SHOWN."""

    def view(objectives: int, per: int) -> Any:
        shown = [
            replace(o, key_results=[replace(k, check_ins=k.check_ins[:per]) for k in o.key_results])
            for o in histories[:objectives]
        ]
        metadata = json.dumps({"objectives": [o.objective.id for o in shown]})
        hidden = len(histories) - objectives
        numbered = any(k.line.number for o in shown for k in o.key_results)
        return render(
            "history_modal",
            objectives=shown,
            per=per,
            metadata=metadata,
            hidden=hidden,
            numbered=numbered,
        )

    bare = most_that_fit(len(histories), lambda count: view(count, 0), VIEW_BLOCKS - 1)
    objectives = max(1, bare)
    per = most_that_fit(MOST_SHOWN, lambda count: view(objectives, count), VIEW_BLOCKS)
    return view(objectives, per)


def _key_result(
    kr: KeyResult,
    rows: list[CheckIn],
    cycle: Cycle,
    today: date,
    edited: set[int],
    editable: bool,
    number: int,
) -> KeyResultHistory:
    points = [
        key_result_progress(kr.kind, kr.start_value, kr.target_value, r.value).fraction
        for r in rows
    ]
    newest_first = list(reversed(rows))[:MOST_SHOWN]
    return KeyResultHistory(
        line=describe(kr, cycle, today, number),
        trend=trend(points[-TREND_POINTS:]),
        check_ins=[
            CheckInLine(
                id=row.id,
                effective_on=row.effective_on,
                entered_on=row.created_at.date(),
                value=value_of(kr, row.value),
                confidence=row.confidence,
                note=row.note,
                author=mention(row.author_id),
                edited=row.id in edited,
                editable=editable,
            )
            for row in newest_first
        ],
        total=len(rows),
    )


def objectives_of(metadata: str) -> list[object]:
    """The objective ids a history view shows, from its private_metadata (checked on use)."""
    shown = metadata_object(metadata).get("objectives")
    return list(shown) if isinstance(shown, list) else []


def for_objective(session: Session, person: Person, raw_id: object, now: datetime) -> Any:
    """The History button: one objective's history, if the person may see it."""
    objective: Objective = visible_objective(session, person, raw_id)
    return history_view(session, person, [objective.id], now)
