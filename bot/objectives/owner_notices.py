"""What someone else changed of an objective, read from its audit events as its owner reads them
(told by `bot/change_notices.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from bot.change_notices import Change
from bot.objectives.list_items import KIND_LABELS, LEVEL_LABELS
from bot.objectives.units import stored_unit
from bot.presentation import channel_link, day, format_value, mention, unit_of
from storage import objectives as stored
from storage.models import AuditEvent, Objective


def objective_changes(
    session: Session, objective: Objective, events: Sequence[AuditEvent]
) -> list[Change]:
    """The audited changes of one save of the objective form, as people read them."""
    changes: list[Change] = []
    # The objective's own fields first, then its key results in the order they were changed.
    for event in sorted(events, key=lambda e: e.entity != "objective"):
        if event.entity == "objective":
            changes.extend(
                _objective_field(session, objective, field, change)
                for field, change in event.changes.items()
            )
        elif event.entity == "key_result":
            changes.extend(_key_result_changes(objective, event))
    return changes


OBJECTIVE_FIELDS = {
    "title": "Title",
    "description": "Why it matters",
    "level": "Level",
    "team_channel_id": "Team channel",
    "owner_id": "Owner",
    "cycle": "Cycle",
    "parent_id": "Aligned to",
    "visibility": "Who can see it",
    "celebrate_quietly": "Celebrate quietly",
}
VISIBILITY = {"public": "everyone", "private": "only the owner and admins"}


def _objective_field(
    session: Session, objective: Objective, field: str, change: dict[str, Any]
) -> Change:
    old, new = change.get("old"), change.get("new")
    what = OBJECTIVE_FIELDS.get(field, field)
    if field == "owner_id":
        return Change(what, _or_none(old, mention), _or_none(new, mention), linked=True)
    if field == "team_channel_id":
        return Change(what, _or_none(old, channel_link), _or_none(new, channel_link), linked=True)
    if field == "parent_id":
        return Change(what, _parent(session, objective, old), _parent(session, objective, new))
    if field == "level":
        return Change(what, LEVEL_LABELS.get(str(old), str(old)), LEVEL_LABELS.get(str(new), ""))
    if field == "visibility":
        return Change(what, VISIBILITY.get(str(old), str(old)), VISIBILITY.get(str(new), ""))
    if field == "celebrate_quietly":
        return Change(what, "yes" if old else "no", "yes" if new else "no")
    return Change(what, _quoted(old), _quoted(new))


def _or_none(value: object, shown: Any) -> str:
    return str(shown(str(value))) if value else "none"


def _parent(session: Session, objective: Objective, parent_id: object) -> str:
    if not isinstance(parent_id, int):
        return "nothing"
    parent = stored.find(session, objective.team_id, parent_id)
    # The owner may not see a private parent they do not own: its title stays unsaid.
    if parent is None or (parent.visibility == "private" and parent.owner_id != objective.owner_id):
        return "another objective"
    return f"“{parent.title}”"


def _quoted(value: object) -> str:
    return f"“{value}”" if value else "nothing"


KEY_RESULT_FIELDS = {
    "title": "title",
    "kind": "type",
    "start_value": "start",
    "target_value": "target",
    "current_value": "value",
    "unit": "unit",
    "due_on": "due date",
}


def _key_result_changes(objective: Objective, event: AuditEvent) -> list[Change]:
    changes = event.changes
    kept = next((kr for kr in objective.key_results if kr.id == event.entity_id), None)
    title = kept.title if kept is not None else _value(changes.get("title"), "old")
    if event.action == "create":
        return [Change(f"Key result added: “{title}”")]
    if event.action == "delete":
        return [Change(f"Key result removed: “{_value(changes.get('title'), 'old')}”")]
    unit = unit_of(kept) if kept is not None else stored_unit("number", "")
    named = f"Key result “{title}”"
    found = []
    for field, change in changes.items():
        if field not in KEY_RESULT_FIELDS or field == "title":
            continue
        old, new = change.get("old"), change.get("new")
        found.append(
            Change(
                f"{named}: {KEY_RESULT_FIELDS[field]}",
                _key_result_value(field, old, unit),
                _key_result_value(field, new, unit),
            )
        )
    if "title" in changes:
        old_title = _quoted(changes["title"]["old"])
        found.insert(0, Change("Key result title", old_title, _quoted(title)))
    return found


def _value(change: object, side: str) -> Any:
    return change.get(side) if isinstance(change, dict) else None


def _key_result_value(field: str, value: object, unit: Any) -> str:
    if value is None:
        return "none"
    if field in {"start_value", "target_value", "current_value"} and isinstance(value, int | float):
        return format_value(float(value), unit)
    if field == "kind":
        return KIND_LABELS.get(str(value), str(value))
    if field == "due_on" and isinstance(value, str):
        try:
            return day(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
