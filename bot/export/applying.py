"""Writing a checked import: every objective, key result and check-in in the caller's one
transaction, so that a failure leaves nothing behind. Nothing is announced: no shout-out, badge
or notice is sent for history that happened elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from bot.export.key_result_rows import PlannedKeyResult
from bot.export.planning import Plan
from bot.objectives.authoring import create
from storage.models import CheckIn, KeyResult, Workspace


def apply(session: Session, workspace: Workspace, plan: Plan, now: datetime) -> None:
    """Create what `plan` holds; refs become the new ids (aligned_to a row above)."""
    created: dict[str, int] = {}
    for planned in plan.objectives:
        parent_id = created.get(planned.aligned_to) if planned.aligned_to else None
        checked = replace(planned.checked, parent_id=parent_id)
        # Created as its owner, who is the one Slack knows: an import has no person acting.
        objective = create(session, workspace, checked, actor_id=checked.owner_id, now=now)
        objective.state = planned.state
        objective.reflection = planned.reflection
        for kr, extra in zip(objective.key_results, planned.key_results, strict=True):
            _fill(session, kr, extra, now)
        created[planned.ref] = objective.id
    session.flush()


def _fill(session: Session, kr: KeyResult, extra: PlannedKeyResult, now: datetime) -> None:
    kr.current_value = extra.current
    kr.confidence = extra.confidence
    kr.score = extra.score
    for check_in in extra.check_ins:
        session.add(
            CheckIn(
                team_id=kr.team_id,
                key_result_id=kr.id,
                value=check_in.value,
                confidence=check_in.confidence,
                note=check_in.note,
                author_id=check_in.author_id,
                source="import",
                effective_on=check_in.effective_on,
                created_at=now,
            )
        )
