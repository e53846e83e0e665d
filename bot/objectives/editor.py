"""Opening the objective modal: empty for a new one, filled in for an edit, or re-drawn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import people
from bot.checkins.checkable import pick
from bot.cycles import Quarter
from bot.objectives import cycle_picker, modal
from bot.objectives.alignment import label
from bot.objectives.filled_form import FormError, ObjectiveDraft, ParentChoice, draft_from_view
from bot.objectives.ownership import changeable, stale_form
from bot.objectives.validation import TITLE_LIMIT
from bot.permissions import can_see
from bot.presentation import is_slack_id, plain_from_slack
from bot.refusals import Refused
from bot.render import render
from storage import check_ins as stored_check_ins
from storage import closing as stored_closing
from storage import cycles as stored_cycles
from storage import objectives as stored
from storage.models import Objective, Person, Workspace


def new_form(
    session: Session, person: Person, *, title: str, now: datetime, channel_id: str = ""
) -> dict[str, Any]:
    """An empty form owned by the person, for the current cycle; `/okr new <title>` fills it in.
    Typed in a channel, it is that channel's team objective until the person says otherwise."""
    workspace = people.ensure_workspace(session, person.team_id, now)
    offer = cycle_picker.offer(session, workspace, now, keep=None)
    draft = modal.new_draft(person.user_id, offer.current.name)
    if is_slack_id(channel_id, "CG"):
        draft.level, draft.channel_id = "team", channel_id
    # The title field shows plain text, not the entities Slack sends.
    draft.title = " ".join(plain_from_slack(title).split())[:TITLE_LIMIT]
    return modal.form_view(draft, offer.choices, offer.current)


@dataclass(frozen=True)
class EditAnswer:
    """What `/okr edit` answers: the form to open, or a message asking which objective."""

    view: dict[str, Any] | None = None
    message: dict[str, Any] | None = None


# Buttons Slack allows in one actions block, less one for "New objective".
MOST_OFFERED = 24


def edit_command(session: Session, person: Person, *, now: datetime, words: str = "") -> EditAnswer:
    """`/okr edit [number | title start]`: the form of the one objective chosen (or of the only
    one), else a message asking which one, with a button for each (or for a new one, when there
    is none). Words that name none of them say so, rather than open another."""
    workspace = people.ensure_workspace(session, person.team_id, now)
    cycle = people.current_cycle(session, workspace, now)
    own = stored.own_active(session, person.team_id, person.user_id, cycle.id)
    chosen = pick(own, words) if own else None
    if chosen is not None and len(chosen.chosen) == 1:
        try:
            return EditAnswer(
                view=edit_form(session, person, objective_id=chosen.chosen[0].id, now=now)
            )
        except Refused:
            pass  # archived or no longer theirs meanwhile: the question says what there is
    problem = chosen.problem if chosen is not None else None
    fitting = [(id_, title) for _, title, id_ in chosen.candidates] if chosen else []
    choices = fitting if problem == "ambiguous" else [(o.id, o.title) for o in own]
    offered = choices[:MOST_OFFERED]
    message = render(
        "objective_pick",
        cycle=cycle.name,
        offered=offered,
        more=len(choices) - len(offered),
        problem=problem,
        words=words.strip(),
    )
    return EditAnswer(message=message)


def edit_form(
    session: Session, person: Person, *, objective_id: int | None, now: datetime
) -> dict[str, Any]:
    """The filled-in form, if the person may change the objective; else Refused."""
    team_id = person.team_id
    objective = changeable(session, team_id, objective_id, person)
    workspace = people.ensure_workspace(session, team_id, now)
    cycle = stored_cycles.by_id(session, team_id, objective.cycle_id)
    assert cycle is not None
    # As stored: a cycle named under another fiscal year start keeps its name and dates.
    quarter = Quarter(cycle.name, cycle.starts_on, cycle.ends_on)
    history = stored_check_ins.counts(session, team_id, [kr.id for kr in objective.key_results])
    parent = _parent(session, objective, person)
    return _view(session, workspace, modal.draft_of(objective, quarter, parent, history), now)


def redrawn_form(
    session: Session,
    *,
    team_id: str,
    view: dict[str, Any],
    now: datetime,
    change: Callable[[ObjectiveDraft], None],
) -> dict[str, Any]:
    """The modal again after a change inside it (a key result added or removed, a type picked)."""
    try:
        draft = draft_from_view(view)
    except FormError:
        raise stale_form() from None
    change(draft)
    return _view(session, people.ensure_workspace(session, team_id, now), draft, now)


def _view(
    session: Session, workspace: Workspace, draft: ObjectiveDraft, now: datetime
) -> dict[str, Any]:
    offer = cycle_picker.offer(session, workspace, now, keep=draft.cycle)
    carried_from = _carried_from(session, workspace.team_id, draft)
    return modal.form_view(draft, offer.choices, offer.current, carried_from)


def _carried_from(session: Session, team_id: str, draft: ObjectiveDraft) -> str:
    """The cycle an edited objective was carried over from, read again on every redraw."""
    objective = (
        None if draft.objective_id is None else stored.find(session, team_id, draft.objective_id)
    )
    if objective is None or objective.carried_from_id is None:
        return ""
    source = objective.carried_from_id
    return stored_closing.sources(session, team_id, [source]).get(source, "")


def _parent(session: Session, objective: Objective, person: Person) -> ParentChoice | None:
    if objective.parent_id is None:
        return None
    parent = stored.find(session, objective.team_id, objective.parent_id)
    if parent is None or parent.state == "deleted":
        return None
    if not can_see(parent, person):
        # Kept as it is on save: the alignment is not this person's to see, nor to lose.
        return ParentChoice(parent.id, "A private objective")
    return ParentChoice(parent.id, label(parent.title, parent.level))
