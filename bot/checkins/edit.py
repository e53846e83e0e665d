"""Editing, backdating and deleting a check-in of the current cycle, with an audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.checkins import modal_pages, record
from bot.checkins.checkable import checkable_objective, this_cycle
from bot.checkins.notices import readable
from bot.checkins.status import describe
from bot.checkins.values import DONE, editable_note, editable_value, kept_note
from bot.ids import FormErrors, metadata_object, parse_id, state_of
from bot.people import ensure_workspace, workspace_today
from bot.presentation import day, mention, value_of
from bot.refusals import refuse
from bot.render import render
from storage import audit as stored_audit
from storage import check_ins as stored_check_ins
from storage.models import CheckIn, KeyResult, Person

TRAIL_SHOWN = 10


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    actor: str  # a mention built by code
    action: str  # update | delete | undo
    changes: list[tuple[str, str, str]]  # (what, old, new), as people read them


def _editable(session: Session, person: Person, raw_id: object, now: datetime) -> CheckIn:
    """The check-in if the person may change it now, else Refused saying why."""
    check_in_id = parse_id(raw_id)
    # Locked and read again once locked: an edit or a deletion works from what is stored now.
    check_in = (
        stored_check_ins.find(session, person.team_id, check_in_id, for_update=True)
        if check_in_id is not None
        else None
    )
    if check_in is None:
        raise refuse("check-in", "not_found")
    checkable_objective(
        session, person, check_in.key_result.objective_id, this_cycle(session, person, now)
    )
    if check_in.deleted_at is not None:
        raise refuse("check-in", "deleted")
    return check_in


def edit_view(
    session: Session,
    person: Person,
    raw_id: object,
    shown: list[object],
    now: datetime,
) -> Any:
    """The modal to correct, backdate or delete one check-in; `shown`: the objectives of the
    history it was opened from, to show again once it is saved."""
    check_in = _editable(session, person, raw_id, now)
    kr = check_in.key_result
    cycle = this_cycle(session, person, now)
    metadata = json.dumps(
        {
            "check_in": check_in.id,
            "key_result": kr.id,
            "shown": _ids(shown),
        }
    )
    return render(
        "history_edit",
        metadata=metadata,
        line=describe(
            kr, cycle, workspace_today(ensure_workspace(session, person.team_id, now), now)
        ),
        check_in=check_in,
        author=mention(check_in.author_id),
        milestone=kr.kind == "milestone",
        value=editable_value(kr, check_in.value),
        note=editable_note(check_in.note),
        done=check_in.value is not None and check_in.value >= DONE,
        shown_value=value_of(kr, check_in.value),
        cycle=cycle,
        trail=_trail(session, kr, check_in),
    )


def _trail(session: Session, kr: KeyResult, check_in: CheckIn) -> list[TrailEntry]:
    events = stored_audit.trail(
        session, check_in.team_id, "check_in", check_in.id, limit=TRAIL_SHOWN
    )
    return [
        TrailEntry(
            e.at, mention(e.actor_id), e.action, [readable(kr, k, v) for k, v in e.changes.items()]
        )
        for e in events
    ]


@dataclass(frozen=True)
class Edited:
    """Saved: the objectives the history it was opened from showed, to refresh it; or errors."""

    errors: FormErrors | None = None
    history_objectives: tuple[object, ...] = ()


def save_edit(
    session: Session, person: Person, metadata: str, values: Any, now: datetime
) -> Edited:
    """Apply an edit (or the deletion) of the submitted modal; Refused changes nothing."""
    data = metadata_object(metadata)
    check_in = _editable(session, person, data.get("check_in", ""), now)
    kr = check_in.key_result
    if data.get("key_result") != kr.id:
        raise refuse("check-in", "mismatch")
    shown = data.get("shown")
    done = Edited(history_objectives=tuple(shown if isinstance(shown, list) else [kr.objective_id]))
    if _deleting(values):
        record.remove(session, [check_in], actor_id=person.user_id, now=now, action="delete")
        return done
    entry, errors = modal_pages.read_edit(kr, values)
    day, problem = _effective_on(session, person, values, now)
    if problem:
        errors["effective_on"] = problem
    if errors or day is None or entry is None:
        return Edited(errors=errors)
    record.change(
        session,
        check_in,
        actor_id=person.user_id,
        now=now,
        value=entry.value,
        confidence=entry.confidence,
        note=kept_note(entry.note, check_in.note),
        effective_on=day,
    )
    return done


def _deleting(values: Any) -> bool:
    selected = state_of(values, "delete", "delete").get("selected_options")
    options = selected if isinstance(selected, list) else []
    return any(isinstance(o, dict) and o.get("value") == "delete" for o in options)


def _effective_on(
    session: Session, person: Person, values: Any, now: datetime
) -> tuple[date | None, str]:
    """The date picked, if it lies within the current cycle and not after today."""
    raw = state_of(values, "effective_on", "effective_on").get("selected_date")
    cycle = this_cycle(session, person, now)
    today = workspace_today(ensure_workspace(session, person.team_id, now), now)
    try:
        picked = date.fromisoformat(str(raw))
    except ValueError:
        return None, "Pick the date this check-in stands for."
    if not cycle.starts_on <= picked <= cycle.ends_on:
        span = f"{day(cycle.starts_on)} – {day(cycle.ends_on)}, {cycle.ends_on.year}"
        return None, f"Pick a date within {cycle.name} ({span}); check-ins belong to their cycle."
    if picked > today:
        return None, f"Pick today ({day(today)}) or an earlier day: a check-in reports what was."
    return picked, ""


def _ids(raw: list[object]) -> list[int]:
    """Objective ids to carry back to the history view; it checks them again when it renders."""
    return [n for i in raw if isinstance(i, int) and (n := parse_id(i)) is not None][:20]
