"""Carrying objectives over: a copy in the next cycle with the unfinished key results, each
starting from its last value, linked to the original; the original is never changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot import audit
from bot.closing import scores
from bot.objectives.authoring import record_created
from storage import closing as stored
from storage.models import Cycle, KeyResult, Objective


@dataclass(frozen=True)
class Carried:
    title: str
    key_results: int  # unfinished key results the copy took along
    copy_id: int
    new: bool  # False: it was carried before, and that copy stands


def in_parent_order(objectives: Sequence[Objective]) -> list[Objective]:
    """Parents before the objectives aligned to them, so a child's parent has its copy first."""
    pending = list(objectives)
    ordered: list[Objective] = []
    while pending:
        waiting = {o.id for o in pending}
        ready = [o for o in pending if o.parent_id not in waiting] or pending[:1]
        ordered.extend(ready)
        pending = [o for o in pending if o not in ready]
    return ordered


def carry(
    session: Session,
    objectives: Sequence[Objective],
    into: Cycle,
    *,
    actor_id: str,
    now: datetime,
) -> list[Carried]:
    """Each objective copied into `into` once; a copy made before is kept, not made again."""
    if not objectives:
        return []
    team_id = objectives[0].team_id
    parents = {o.parent_id for o in objectives if o.parent_id is not None}
    copies = stored.copies_of(session, team_id, {o.id for o in objectives} | parents)
    done = []
    for original in in_parent_order(objectives):
        existing = copies.get(original.id)
        if existing is not None:
            done.append(Carried(original.title, len(existing.key_results), existing.id, False))
            continue
        parent = copies.get(original.parent_id) if original.parent_id is not None else None
        copy = _copy(original, into, parent, actor_id, now)
        session.add(copy)
        session.flush()
        record_created(
            session, copy, into.name, actor_id=actor_id, now=now, carried_from_id=original.id
        )
        _realign(session, original, copy, actor_id, now)
        copies[original.id] = copy
        done.append(Carried(original.title, len(copy.key_results), copy.id, True))
    return done


def _realign(
    session: Session, original: Objective, copy: Objective, actor_id: str, now: datetime
) -> None:
    """Children carried before their parent align to its copy now: the order people close in
    must not lose the alignment."""
    for child in stored.unaligned_copies(session, original.team_id, original.id, copy.cycle_id):
        child.parent_id = copy.id
        audit.record(
            session,
            team_id=original.team_id,
            actor_id=actor_id,
            entity="objective",
            entity_id=child.id,
            action="update",
            at=now,
            changes={"parent_id": {"old": None, "new": copy.id}},
        )


def _copy(
    original: Objective, into: Cycle, parent: Objective | None, actor_id: str, now: datetime
) -> Objective:
    copy = Objective(
        team_id=original.team_id,
        cycle_id=into.id,
        title=original.title,
        description=original.description,
        level=original.level,
        team_channel_id=original.team_channel_id,
        owner_id=original.owner_id,
        parent_id=parent.id if parent is not None else None,
        visibility=original.visibility,
        celebrate_quietly=original.celebrate_quietly,
        reflection="",
        carried_from_id=original.id,
        state="active",
        created_by=actor_id,
        created_at=now,
        updated_by=actor_id,
        updated_at=now,
    )
    unfinished = [kr for kr in original.key_results if scores.unfinished(kr)]
    for position, kr in enumerate(unfinished):
        copy.key_results.append(
            KeyResult(
                team_id=original.team_id,
                position=position,
                title=kr.title,
                kind=kr.kind,
                start_value=scores.carried_start(kr),
                target_value=kr.target_value,
                current_value=None,
                unit_kind=kr.unit_kind,
                unit=kr.unit,
                # Its old due date is in the closed cycle: the copy is due when its cycle ends.
                due_on=into.ends_on,
                created_at=now,
                updated_at=now,
            )
        )
    return copy
