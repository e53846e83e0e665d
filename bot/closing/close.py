"""Closing a cycle: open the form for an owner's objectives, and save scores, reflections and
carry-over, checked against what is stored (never the form's word), in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import audit, people
from bot.closing import carry, cycle_choice, form
from bot.ids import FormErrors
from bot.objectives.ownership import stale_form
from bot.permissions import can_change, can_see
from bot.presentation import mention
from bot.presentation import score as shown_score
from bot.refusals import refuse
from bot.render import render
from storage import closing as stored
from storage import cycles as stored_cycles
from storage import objectives as stored_objectives
from storage.models import Objective, Person

Opened = tuple[dict[str, Any] | None, dict[str, Any] | None]  # a modal, else a message


@dataclass(frozen=True)
class ScoredObjective:
    title: str
    reflected: bool
    key_results: list[tuple[str, str]]  # title, score as shown


@dataclass(frozen=True)
class Closed:
    mode: str
    cycle: str
    owner: str  # a mention when an admin closed for someone else; "" for one's own
    scored: list[ScoredObjective]
    carried: list[carry.Carried]
    next_cycle: str
    next_is_current: bool  # carried objectives can be checked in on now
    focus: str  # over the focus limit in the next cycle: said, never refused


def open_form(
    session: Session,
    person: Person,
    *,
    owner_id: str,
    cycle_name: str | None,
    now: datetime,
    mode: str = form.CLOSE,
) -> Opened:
    """The close (or carry-over) form of `owner_id`'s objectives, else a message saying why not."""
    workspace = people.ensure_workspace(session, person.team_id, now)
    for_other = owner_id != person.user_id
    if for_other and not person.is_admin:
        return None, reply("not_admin", cycle=cycle_name or "", owner=mention(owner_id))
    chosen = cycle_choice.chosen(session, workspace, owner_id, cycle_name, now)
    owner = mention(owner_id) if for_other else ""
    if chosen.cycle is None:
        return None, reply("nothing", cycle=chosen.name, owner=owner)
    objectives = stored_objectives.own_active(
        session, person.team_id, owner_id, chosen.cycle.id, with_key_results=True
    )
    carried_to = _carried_to(session, person.team_id, objectives)
    if mode == form.CARRY:
        objectives = [o for o in objectives if o.closed_at is not None and o.id not in carried_to]
    if not objectives:
        reason = "nothing_to_carry" if mode == form.CARRY else "nothing"
        return None, reply(reason, cycle=chosen.name, owner=owner)
    built = form.build(
        mode,
        cycle_id=chosen.cycle.id,
        cycle=chosen.name,
        next_cycle=cycle_choice.next_name(session, workspace, chosen.cycle),
        ended=chosen.ended,
        owner_id=owner_id,
        owner=owner,
        objectives=objectives,
        carried_to=carried_to,
    )
    return render("close_modal", **form.context(built)), None


def submit(session: Session, person: Person, *, view: Any, now: datetime) -> Closed | FormErrors:
    """Save a submitted form: Refused when it names what the person may not close."""
    named = form.named(view)
    objectives = _closable(session, person, named)
    filled = form.read(view, objectives, named.mode)
    if not isinstance(filled, form.Filled):
        return filled
    scored = [] if named.mode == form.CARRY else _close(session, person, objectives, filled, now)
    workspace = people.ensure_workspace(session, person.team_id, now)
    cycle = stored_cycles.by_id(session, person.team_id, objectives[0].cycle_id)
    assert cycle is not None  # an objective's cycle is never deleted (RESTRICT)
    owner_id = objectives[0].owner_id
    owner = mention(owner_id) if owner_id != person.user_id else ""
    ticked = [o for o in objectives if o.id in filled.carry]
    if not ticked:  # the next cycle is created only for what goes into it
        next_name = cycle_choice.next_name(session, workspace, cycle)
        return Closed(named.mode, cycle.name, owner, scored, [], next_name, False, "")
    into = cycle_choice.next_cycle(session, workspace, cycle)
    carried = carry.carry(session, ticked, into, actor_id=person.user_id, now=now)
    current = people.current_cycle(session, workspace, now)
    active = stored_objectives.active_count(session, person.team_id, owner_id, into.id)
    limit = workspace.max_active_objectives
    focus = (
        f"There are now {active} active objectives in {into.name}, more than the focus limit "
        f"of {limit}: consider archiving the ones that matter less."
        if active > limit
        else ""
    )
    return Closed(
        named.mode, cycle.name, owner, scored, carried, into.name, into.id == current.id, focus
    )


def reply(reason: str, *, cycle: str, owner: str) -> dict[str, Any]:
    message: dict[str, Any] = render("close_reply", reason=reason, cycle=cycle, owner=owner)
    return message


def saved_view(closed: Closed) -> dict[str, Any]:
    view: dict[str, Any] = render("close_saved", closed=closed)
    return view


def _closable(session: Session, person: Person, named: form.Named) -> list[Objective]:
    """The objectives the form names, each checked: visible, the person's to change, active,
    of the form's cycle and owner (and, to carry, closed already). Locked until the end."""
    ids = named.objective_ids
    if named.cycle_id is None or not ids or None in ids or len(set(ids)) != len(ids):
        raise stale_form()
    objectives = stored.locked(session, person.team_id, [i for i in ids if i is not None])
    if len(objectives) != len(ids):
        raise refuse("objective", "not_found")
    for objective in objectives:
        if not can_see(objective, person):
            raise refuse("objective", "not_found")
        if not can_change(objective, person):
            raise refuse(
                "objective", "not_yours", title=objective.title, owner_id=objective.owner_id
            )
        if objective.state != "active":
            raise refuse("objective", "archived", title=objective.title)
        closed_first = named.mode == form.CLOSE or objective.closed_at is not None
        if (objective.cycle_id, objective.owner_id) != (
            named.cycle_id,
            named.owner_id,
        ) or not closed_first:
            raise stale_form()
    return objectives


def _close(
    session: Session,
    person: Person,
    objectives: list[Objective],
    filled: form.Filled,
    now: datetime,
) -> list[ScoredObjective]:
    done = []
    for objective in objectives:
        before = _closing_fields(objective)
        objective.reflection = filled.reflections.get(objective.id, "")
        objective.closed_at, objective.closed_by = now, person.user_id
        after = _closing_fields(objective)
        _audit(session, person, "objective", objective.id, audit.diff(before, after), now)
        lines = []
        for kr in objective.key_results:
            score = filled.scores[kr.id]
            changes = {"score": {"old": kr.score, "new": score}}
            _audit(session, person, "key_result", kr.id, changes, now)
            kr.score, kr.updated_at = score, now
            lines.append((kr.title, shown_score(score)))
        done.append(ScoredObjective(objective.title, bool(objective.reflection), lines))
    session.flush()
    return done


def _closing_fields(objective: Objective) -> dict[str, Any]:
    return {
        "closed_at": objective.closed_at,
        "closed_by": objective.closed_by,
        "reflection": objective.reflection,
    }


def _audit(
    session: Session,
    person: Person,
    entity: str,
    entity_id: int,
    changes: dict[str, Any],
    now: datetime,
) -> None:
    audit.record(
        session,
        team_id=person.team_id,
        actor_id=person.user_id,
        entity=entity,
        entity_id=entity_id,
        action="close",
        at=now,
        changes=changes,
    )


def _carried_to(session: Session, team_id: str, objectives: list[Objective]) -> dict[int, str]:
    copies = stored.copies_of(session, team_id, [o.id for o in objectives])
    names = {}
    for original_id, copy in copies.items():
        cycle = stored_cycles.by_id(session, team_id, copy.cycle_id)
        names[original_id] = cycle.name if cycle else ""
    return names
