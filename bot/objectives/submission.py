"""Submitting the objective form: check everything, then create or update, with an audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import action_ids, people
from bot.ids import FormErrors
from bot.objectives import alignment, authoring, cycle_picker, filled_form, validation
from bot.objectives.coach import Advice, advise, focus_hint
from bot.objectives.filled_form import FormError, ObjectiveDraft
from bot.objectives.ownership import changeable, stale_form
from bot.objectives.validation import ObjectiveInput
from bot.presentation import goal, is_slack_id, mention
from storage import cycles as stored_cycles
from storage import objectives as stored
from storage import people as stored_people
from storage.models import Objective, Person

CHANGED_MEANWHILE = (
    "Someone changed this objective since you opened this form, so nothing was saved: "
    "close it and open it again to see their change."
)


@dataclass(frozen=True)
class SavedKeyResult:
    title: str
    goal: str


@dataclass(frozen=True)
class ObjectiveSaved:
    """What the confirmation shows: the objective as stored, and the coach's suggestions."""

    objective_id: int
    created: bool
    title: str
    cycle: str
    level: str
    owner_id: str
    team_channel_id: str | None
    visibility: str
    key_results: list[SavedKeyResult]
    advice: list[Advice]
    focus: str | None


def submit(
    session: Session, actor: Person, *, view: dict[str, Any], now: datetime
) -> ObjectiveSaved | FormErrors:
    """Form errors (nothing written), else the objective is saved; Refused writes nothing.
    Slack is not asked about the owner here: see handlers/objectives.py."""
    team_id, user_id = actor.team_id, actor.user_id
    try:
        draft = filled_form.draft_from_view(view)
    except FormError:
        raise stale_form() from None
    existing: Objective | None = None
    if draft.objective_id is not None:
        existing = changeable(session, team_id, draft.objective_id, actor)
    if not _slots_match(existing, draft):
        raise stale_form()
    # A form opened before forms carried a version has none: saying it changed would be untrue.
    if existing is not None and draft.version and draft.version != authoring.version(existing):
        return {
            filled_form.TITLE: CHANGED_MEANWHILE
        }  # inline: what the person typed stays in the form
    workspace = people.ensure_workspace(session, team_id, now)
    choices = cycle_picker.offer(
        session, workspace, now, keep=_cycle_name(session, existing)
    ).choices
    checked = validation.check(draft, cycle_picker.chosen(draft.cycle, choices))
    errors = dict(checked) if isinstance(checked, dict) else {}
    errors.update(_related_problems(session, actor, draft, existing))
    if errors or isinstance(checked, dict):
        return errors
    # Someone new stays with the workspace's defaults until Slack describes them.
    people.person(session, team_id, checked.owner_id, now)
    if existing is None:
        objective = authoring.create(session, workspace, checked, actor_id=user_id, now=now)
    else:
        objective = authoring.update(
            session, workspace, existing, checked, actor_id=user_id, now=now
        )
    limit = workspace.max_active_objectives
    return _saved(session, limit, objective, checked, created=existing is None, actor_id=user_id)


def _cycle_name(session: Session, objective: Objective | None) -> str | None:
    if objective is None:
        return None
    cycle = stored_cycles.by_id(session, objective.team_id, objective.cycle_id)
    return cycle.name if cycle else None


def _slots_match(existing: Objective | None, draft: ObjectiveDraft) -> bool:
    """Every key result the form names must be one of this objective's: ids are never trusted."""
    named = {kr.id for kr in draft.key_results if kr.id is not None}
    own = {kr.id for kr in existing.key_results} if existing else set()
    return named <= own


def _related_problems(
    session: Session, actor: Person, draft: ObjectiveDraft, existing: Objective | None
) -> FormErrors:
    """The checks that need the database: parent, owner, aligned children."""
    errors: FormErrors = {}
    kept_parent = (
        existing is not None
        and draft.parent is not None
        and draft.parent.id is not None
        and draft.parent.id == existing.parent_id
        and draft.cycle == _cycle_name(session, existing)
    )
    if draft.parent is not None and draft.cycle and not kept_parent:
        problem = alignment.parent_problem(
            session,
            actor,
            parent_id=draft.parent.id,
            cycle_name=draft.cycle,
            objective_id=draft.objective_id,
            owner_id=draft.owner_id,
        )
        if problem:
            errors[action_ids.OBJECTIVE_PARENT] = problem
    # Only a Slack id is looked up: validation answers for anything else (a NUL fails a query).
    if is_slack_id(draft.owner_id, "UW") and draft.owner_id != actor.user_id:
        problem = _owner_problem(session, actor.team_id, draft.owner_id)
        if problem:
            errors[filled_form.OWNER] = problem
    if existing is not None and draft.cycle and draft.cycle != _cycle_name(session, existing):
        aligned = [
            c for c in stored.children(session, actor.team_id, existing.id) if c.state == "active"
        ]
        if aligned:
            errors[filled_form.CYCLE] = (
                f"{len(aligned)} objective(s) are aligned to this one in its current cycle: "
                "realign them first, or keep this cycle."
            )
    return errors


def _owner_problem(session: Session, team_id: str, user_id: str) -> str | None:
    """Only what is stored: Slack's user select offers members alone, so someone the bot has not
    met yet is taken, and Slack is asked about them after the answer (handlers/objectives.py)."""
    owner = stored_people.person(session, team_id, user_id)
    if owner is not None and not owner.is_active:
        return f"{owner.display_name} is no longer in this workspace: pick someone else."
    return None


def _saved(
    session: Session,
    limit: int,
    objective: Objective,
    checked: ObjectiveInput,
    *,
    created: bool,
    actor_id: str,
) -> ObjectiveSaved:
    active = stored.active_count(session, objective.team_id, objective.owner_id, objective.cycle_id)
    return ObjectiveSaved(
        objective_id=objective.id,
        created=created,
        title=objective.title,
        cycle=checked.cycle.name,
        level=objective.level,
        owner_id=objective.owner_id,
        team_channel_id=objective.team_channel_id,
        visibility=objective.visibility,
        key_results=[
            SavedKeyResult(kr.title, goal(kr.kind, kr.start, kr.target, kr.unit))
            for kr in checked.key_results
        ],
        advice=[a for kr in checked.key_results if (a := advise(kr.title, kr.kind)) is not None],
        focus=focus_hint(
            active, limit, None if objective.owner_id == actor_id else mention(objective.owner_id)
        ),
    )
