"""`/okr review @person`: their objectives of a cycle with progress, pace, the last check-ins of
each key result with confidence changes, and what needs attention first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import people
from bot.checkins.status import KeyResultLine, describe
from bot.paging import MESSAGE_BLOCKS, most_that_fit
from bot.presentation import mention, value_of
from bot.progress import objective_progress, percent
from bot.render import render
from bot.review import cycles
from bot.review.concerns import Concern, change, concern_of, ranked
from storage import digests as stored_names
from storage import reviews as stored
from storage.models import CheckIn, Cycle, Objective, Person
from storage.objectives import Viewer

SHOWN = 4  # check-ins per key result: what a 1:1 looks back on


@dataclass(frozen=True)
class CheckInLine:
    effective_on: date
    value: str
    confidence: str
    note: str
    change: str | None  # "on track → at risk" against the check-in before it


@dataclass(frozen=True)
class KeyResultReview:
    line: KeyResultLine
    check_ins: list[CheckInLine]  # newest first


@dataclass(frozen=True)
class ObjectiveReview:
    id: int
    title: str
    private: bool
    percent: int
    fraction: float
    key_results: list[KeyResultReview]
    concerns: int


@dataclass(frozen=True)
class Review:
    user_id: str
    name: str  # the stored display name; empty when never seen: the mention stands in
    cycle: str
    objectives: list[ObjectiveReview]
    concerns: list[Concern]
    hidden: int = 0  # objectives left out to stay within Slack's 50 blocks
    shared_by: str = ""  # the sharer's name, when posted in a DM

    @property
    def mention(self) -> str:
        return mention(self.user_id)


def review(
    session: Session,
    viewer: Person,
    user_id: str,
    now: datetime,
    *,
    cycle_name: str | None = None,
    shared: bool = False,
) -> Review:
    """What the viewer may see of `user_id`'s objectives. Shared in the DM of the two, it shows
    the same: the other reader is the owner, who may see all of their own."""
    workspace = people.ensure_workspace(session, viewer.team_id, now)
    name, cycle = cycles.chosen(session, workspace, cycle_name, now)
    names = stored_names.display_names(session, viewer.team_id, {user_id, viewer.user_id})
    sharer = (names.get(viewer.user_id) or "someone") if shared else ""
    if cycle is None:
        return Review(user_id, names.get(user_id, ""), name, [], [], shared_by=sharer)
    seen_as = Viewer(viewer.user_id, viewer.is_admin)
    rows = stored.objectives_of(session, viewer.team_id, cycle.id, {user_id}, seen_as)
    key_result_ids = [kr.id for o in rows for kr in o.key_results]
    # One more than shown, so the oldest shown knows whether its confidence changed.
    check_ins = stored.latest_check_ins(session, viewer.team_id, key_result_ids, SHOWN + 1)
    today = people.workspace_today(workspace, now)
    objectives = [_objective(o, cycle, today, check_ins) for o in rows]
    objectives.sort(key=lambda o: o.concerns == 0)  # those needing attention first
    concerns = ranked(
        c
        for o in objectives
        for kr in o.key_results
        if (c := concern_of(o.title, kr.line)) is not None
    )
    found = Review(user_id, names.get(user_id, ""), cycle.name, objectives, concerns, 0, sharer)
    fit = most_that_fit(len(objectives), lambda n: message(_first(found, n)), MESSAGE_BLOCKS)
    return _first(found, max(1, fit) if objectives else 0)


def _first(found: Review, count: int) -> Review:
    """The first `count` objectives, the rest counted as hidden."""
    return replace(found, objectives=found.objectives[:count], hidden=len(found.objectives) - count)


def _objective(
    objective: Objective, cycle: Cycle, today: date, check_ins: list[CheckIn]
) -> ObjectiveReview:
    key_results = []
    for kr in objective.key_results:
        rows = [row for row in check_ins if row.key_result_id == kr.id]
        lines = [
            CheckInLine(
                row.effective_on,
                value_of(kr, row.value),
                row.confidence,
                row.note,
                change(rows[at - 1].confidence, row.confidence) if at else None,
            )
            for at, row in enumerate(rows)
        ]
        key_results.append(KeyResultReview(describe(kr, cycle, today), lines[::-1][:SHOWN]))
    fraction = objective_progress(k.line.fraction for k in key_results)
    return ObjectiveReview(
        objective.id,
        objective.title,
        objective.visibility == "private",
        percent(fraction),
        fraction,
        key_results,
        sum(concern_of(objective.title, k.line) is not None for k in key_results),
    )


def message(found: Review) -> dict[str, Any]:
    rendered: dict[str, Any] = render("review", review=found)
    return rendered
