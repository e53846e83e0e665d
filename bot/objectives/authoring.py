"""Writing checked objectives: create and update, recording every change (who, when, old, new)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import audit, change_notices
from bot.objectives import owner_notices
from bot.objectives.validation import KeyResultInput, ObjectiveInput
from bot.stored_cycles import cycle_of
from storage import cycles as stored_cycles
from storage.models import AuditEvent, Cycle, KeyResult, Objective, Workspace


def objective_fields(objective: Objective, cycle_name: str) -> dict[str, Any]:
    return {
        "title": objective.title,
        "description": objective.description,
        "level": objective.level,
        "team_channel_id": objective.team_channel_id,
        "owner_id": objective.owner_id,
        "cycle": cycle_name,
        "parent_id": objective.parent_id,
        "visibility": objective.visibility,
        "celebrate_quietly": objective.celebrate_quietly,
    }


def key_result_fields(kr: KeyResult) -> dict[str, Any]:
    return {
        "title": kr.title,
        "kind": kr.kind,
        "start_value": kr.start_value,
        "target_value": kr.target_value,
        "current_value": kr.current_value,
        "unit_kind": kr.unit_kind,
        "unit": kr.unit,
        "due_on": kr.due_on,
        "position": kr.position,
    }


def version(objective: Objective) -> str:
    """A digest of what the edit form shows of the objective. The form keeps the one it was
    opened with: a form opened before someone else saved is refused instead of undoing them.

    Key results' current values are left out: a check-in meanwhile changes nothing on the form.
    """
    shown: list[Any] = [objective.cycle_id, objective.state, objective_fields(objective, "")]
    for kr in objective.key_results:
        fields = {k: v for k, v in key_result_fields(kr).items() if k != "current_value"}
        shown.append([kr.id, fields])
    text = json.dumps(shown, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _apply(objective: Objective, checked: ObjectiveInput, cycle: Cycle) -> None:
    objective.cycle_id = cycle.id
    objective.title = checked.title
    objective.description = checked.description
    objective.level = checked.level
    objective.team_channel_id = checked.team_channel_id
    objective.owner_id = checked.owner_id
    objective.parent_id = checked.parent_id
    objective.visibility = checked.visibility
    objective.celebrate_quietly = checked.celebrate_quietly


def _apply_key_result(kr: KeyResult, checked: KeyResultInput, position: int) -> None:
    if (kr.kind == "milestone") != (checked.kind == "milestone"):
        # A milestone's value is done (1) or not (0): it means nothing as a number, and back.
        kr.current_value = None
    kr.position = position
    kr.title = checked.title
    kr.kind = checked.kind
    kr.start_value = checked.start
    kr.target_value = checked.target
    kr.unit_kind = checked.unit.kind
    kr.unit = checked.unit.code
    kr.due_on = checked.due_on


@dataclass(frozen=True)
class _Trail:
    """Records changes made by one person at one moment."""

    session: Session
    team_id: str
    actor_id: str
    now: datetime
    events: list[AuditEvent] = field(default_factory=list)

    def record(self, entity: str, entity_id: int, action: str, changes: dict[str, Any]) -> bool:
        if not changes:
            return False
        event = audit.record(
            self.session,
            team_id=self.team_id,
            actor_id=self.actor_id,
            entity=entity,
            entity_id=entity_id,
            action=action,
            at=self.now,
            changes=changes,
        )
        self.events.append(event)
        return True


def created(after: dict[str, Any]) -> dict[str, Any]:
    return audit.diff(dict.fromkeys(after), after)


def removed(before: dict[str, Any]) -> dict[str, Any]:
    """What was deleted, kept as the old values."""
    return {key: {"old": change["new"], "new": None} for key, change in created(before).items()}


def create(
    session: Session, workspace: Workspace, checked: ObjectiveInput, *, actor_id: str, now: datetime
) -> Objective:
    cycle = cycle_of(session, workspace.team_id, checked.cycle)
    objective = Objective(
        team_id=workspace.team_id,
        state="active",
        created_by=actor_id,
        created_at=now,
        updated_by=actor_id,
        updated_at=now,
    )
    _apply(objective, checked, cycle)
    for position, kr_input in enumerate(checked.key_results):
        kr = KeyResult(team_id=workspace.team_id, created_at=now, updated_at=now)
        _apply_key_result(kr, kr_input, position)
        objective.key_results.append(kr)
    session.add(objective)
    session.flush()
    record_created(session, objective, cycle.name, actor_id=actor_id, now=now)
    return objective


def record_created(
    session: Session,
    objective: Objective,
    cycle_name: str,
    *,
    actor_id: str,
    now: datetime,
    **more: Any,
) -> None:
    """The audit trail of a new objective (with `more` fields, like the objective it was carried
    from) and of each of its key results."""
    trail = _Trail(session, objective.team_id, actor_id, now)
    fields = {**objective_fields(objective, cycle_name), **more}
    trail.record("objective", objective.id, "create", created(fields))
    for kr in objective.key_results:
        trail.record("key_result", kr.id, "create", created(key_result_fields(kr)))


def update(
    session: Session,
    workspace: Workspace,
    objective: Objective,
    checked: ObjectiveInput,
    *,
    actor_id: str,
    now: datetime,
) -> Objective:
    """Change what was edited; key results keep their ids, so check-in history stays."""
    trail = _Trail(session, objective.team_id, actor_id, now)
    owner_before = objective.owner_id
    old_cycle = stored_cycles.by_id(session, objective.team_id, objective.cycle_id)
    before = objective_fields(objective, old_cycle.name if old_cycle else "")
    cycle = cycle_of(session, workspace.team_id, checked.cycle)
    _apply(objective, checked, cycle)
    stored = {kr.id: kr for kr in objective.key_results}
    kept = {kr.id for kr in checked.key_results if kr.id is not None}
    for kr_id, kr in stored.items():
        if kr_id not in kept:
            trail.record("key_result", kr_id, "delete", removed(key_result_fields(kr)))
            objective.key_results.remove(kr)
    for position, kr_input in enumerate(checked.key_results):
        existing = stored.get(kr_input.id) if kr_input.id is not None else None
        if existing is None:
            kr = KeyResult(team_id=objective.team_id, created_at=now, updated_at=now)
            _apply_key_result(kr, kr_input, position)
            objective.key_results.append(kr)
            session.flush()
            trail.record("key_result", kr.id, "create", created(key_result_fields(kr)))
            continue
        kr_before = key_result_fields(existing)
        _apply_key_result(existing, kr_input, position)
        if trail.record(
            "key_result", existing.id, "update", audit.diff(kr_before, key_result_fields(existing))
        ):
            existing.updated_at = now
    objective.key_results.sort(key=lambda kr: kr.position)
    after = objective_fields(objective, cycle.name)
    if trail.record("objective", objective.id, "update", audit.diff(before, after)):
        objective.updated_by = actor_id
        objective.updated_at = now
    session.flush()
    if trail.events:
        change_notices.tell_owner(
            session,
            objective,
            actor_id=actor_id,
            action="change",
            changes=owner_notices.objective_changes(session, objective, trail.events),
            period=f"audit-{trail.events[0].id}",
            now=now,
            owners=[owner_before],
        )
    return objective
