"""Archiving and deleting objectives.

Delete is a soft delete: the row stays with state "deleted" so that the audit trail and the
check-in history keep their meaning, but every query and permission check treats it as gone
(lists, prompts, the parent select, can_see, can_change, edit, check-in).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot import audit, change_notices
from bot.objectives.ownership import changeable
from storage import objectives as stored
from storage.models import Person


@dataclass(frozen=True)
class Done:
    kind: str  # did_archive | did_delete
    title: str


def archive(session: Session, person: Person, *, objective_id: int | None, now: datetime) -> Done:
    """Hidden from lists and prompts; history and alignment kept."""
    return _set_state(session, person, objective_id, now, "archived")


def delete(session: Session, person: Person, *, objective_id: int | None, now: datetime) -> Done:
    """Gone for good from Slack; objectives aligned to it are no longer aligned."""
    return _set_state(session, person, objective_id, now, "deleted")


def _set_state(
    session: Session, person: Person, objective_id: int | None, now: datetime, state: str
) -> Done:
    team_id, user_id = person.team_id, person.user_id
    objective = changeable(session, team_id, objective_id, person)
    action = "archive" if state == "archived" else "delete"
    if state == "deleted":
        for child in stored.children(session, team_id, objective.id):
            child.parent_id = None
            audit.record(
                session,
                team_id=team_id,
                actor_id=user_id,
                entity="objective",
                entity_id=child.id,
                action="update",
                at=now,
                changes={"parent_id": {"old": objective.id, "new": None}},
            )
    event = audit.record(
        session,
        team_id=team_id,
        actor_id=user_id,
        entity="objective",
        entity_id=objective.id,
        action=action,
        at=now,
        changes={"state": {"old": objective.state, "new": state}},
    )
    objective.state = state
    objective.updated_by = user_id
    objective.updated_at = now
    session.flush()
    change_notices.tell_owner(
        session,
        objective,
        actor_id=user_id,
        action=action,
        changes=[],
        period=f"audit-{event.id}",
        now=now,
    )
    return Done(f"did_{action}", objective.title)
