"""After check-ins are written: the milestones they carried key results across are recorded
once, and the one most worth telling is queued as a shout-out in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from bot.celebrations import crossing
from bot.celebrations.crossing import COMPLETED, Crossing, Reading
from bot.celebrations.message import Also, destination, outgoing, shoutout
from bot.delivery.outgoing import queue
from bot.progress import back_on_track
from bot.words import words_of
from bot.workspace_settings.settings_form import milestones_of
from storage import celebrations as stored_celebrations
from storage import check_ins as stored_check_ins
from storage import people as stored_people
from storage.models import CheckIn, KeyResult, Objective


def _reading(key_result: KeyResult, value: float | None) -> Reading:
    return Reading(key_result.kind, key_result.start_value, key_result.target_value, value)


def celebrate(
    session: Session,
    rows: Sequence[CheckIn],
    before: Mapping[int, float | None],
    now: datetime,
    *,
    period: str,
) -> bool:
    """Record what the check-ins `rows` reached, their key results refreshed already (`before`:
    their values until then), and queue one shout-out under `period` (one per batch); False when
    nothing new was reached. The unique milestone rows make a milestone reached by another
    transaction at the same moment, or before a dip, nothing new."""
    if not rows:
        return False
    team_id = rows[0].team_id
    workspace = stored_people.workspace(session, team_id)
    if workspace is None:
        return False
    latest = {row.key_result_id: row for row in rows}  # one row per key result, the last
    found = _reached(session, milestones_of(workspace.milestones), latest, before, now)
    best = crossing.most_worth_telling(found)
    if best is None:
        return False
    row = latest[best.key_result_id]
    kr = row.key_result
    where = destination(kr.objective, workspace)
    history = stored_check_ins.live_of(session, team_id, [kr.id])
    others = [latest[c.key_result_id].key_result for c in found]
    shown = shoutout(
        kr,
        milestone=best.milestone,
        objective_done=best.objective_done,
        note=row.note,
        back_on_track=back_on_track(c.confidence for c in history),
        # Only of the same objective: another may be private, or celebrated elsewhere.
        also=[
            Also(other.title, c.milestone)
            for c, other in zip(found, others, strict=True)
            if other.id != kr.id and other.objective_id == kr.objective_id
        ],
        why_dm=where.why_dm,
    )
    message = outgoing(shown, words_of(workspace), where, period=period)
    return queue(session, team_id, message, now=now)


def _reached(
    session: Session,
    milestones: Sequence[int],
    latest: Mapping[int, CheckIn],
    before: Mapping[int, float | None],
    now: datetime,
) -> list[Crossing]:
    """Record every milestone the check-ins crossed, and objectives they completed: those
    recorded now (not before, nor by another transaction at the same moment)."""
    found: list[Crossing] = []
    for row in latest.values():
        kr = row.key_result
        old = _reading(kr, before.get(kr.id, kr.current_value))
        passed = crossing.key_result_crossed(milestones, old, _reading(kr, kr.current_value))
        reached = stored_celebrations.reach(
            session, row.team_id, "key_result", kr.id, passed, check_in_id=row.id, now=now
        )
        if reached:
            found.append(Crossing(kr.id, max(reached)))
    objectives = {row.key_result.objective_id: row.key_result.objective for row in latest.values()}
    for objective in objectives.values():
        done = _completed(session, objective, latest, before, now)
        if done is not None:
            found.append(done)
    return found


def _completed(
    session: Session,
    objective: Objective,
    latest: Mapping[int, CheckIn],
    before: Mapping[int, float | None],
    now: datetime,
) -> Crossing | None:
    """The objective's completion, if these check-ins completed it and it was never recorded:
    about its key result checked in now, the first at 100 %."""
    krs = objective.key_results
    was = [_reading(kr, before.get(kr.id, kr.current_value)).fraction for kr in krs]
    now_at = [_reading(kr, kr.current_value).fraction for kr in krs]
    if not crossing.objective_completed(was, now_at):
        return None
    checked = [kr for kr in krs if kr.id in latest]
    if not checked:
        return None
    row = latest[checked[0].id]
    reached = stored_celebrations.reach(
        session,
        objective.team_id,
        "objective",
        objective.id,
        [COMPLETED],
        check_in_id=row.id,
        now=now,
    )
    return Crossing(checked[0].id, COMPLETED, objective_done=True) if reached else None
