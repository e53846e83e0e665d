"""Giving badges where they are earned: after a check-in (bot/checkins/record.record) and at a
cycle's end (the `badges` job). A new badge is queued as a DM in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery.outgoing import queue_all
from bot.people import zone
from bot.recognition import badges as rules
from bot.recognition.message import badge_message
from bot.recognition.streak import current_streak, local_day, unit
from bot.words import words_of
from storage import people as stored_people
from storage import recognition as stored
from storage.models import CheckIn, Workspace


@dataclass(frozen=True)
class Standing:
    """What the Home tab shows of a person: their streak and their badges, earliest first."""

    streak: int
    unit: str
    badges: list[rules.Shown]


def streak_of(session: Session, workspace: Workspace, user_id: str, now: datetime) -> int:
    """The person's streak at `now`, in their own time zone."""
    person = stored_people.person(session, workspace.team_id, user_id)
    person_zone = zone(person.time_zone if person else workspace.time_zone)
    workspace_zone = zone(workspace.time_zone)
    days = {
        local_day(effective_on, created_at, workspace_zone, person_zone)
        for effective_on, created_at in stored.check_in_times(session, workspace.team_id, user_id)
    }
    excused = stored.excused(session, workspace.team_id, user_id)
    today = now.astimezone(person_zone).date()
    return current_streak(workspace.checkin_cadence, today, days, excused)


def give(
    session: Session,
    workspace: Workspace,
    user_id: str,
    badges: Sequence[str],
    now: datetime,
    *,
    streak: int | None = None,
) -> set[str]:
    """Give the badges the person does not hold yet, each told by DM (showing their streak,
    worked out unless given): the new ones."""
    new = stored.award(session, workspace.team_id, user_id, badges, now)
    if new:
        if streak is None:
            streak = streak_of(session, workspace, user_id, now)
        words, cadence = words_of(workspace), workspace.checkin_cadence
        messages = [
            badge_message(user_id, badge, streak=streak, cadence=cadence, words=words)
            for badge in badges
            if badge in new
        ]
        queue_all(session, workspace.team_id, messages, now=now)
    return new


def checked_in(
    session: Session, team_id: str, author_id: str, rows: Sequence[CheckIn], now: datetime
) -> None:
    """After check-ins are recorded: the author's check-in and streak badges, and the first
    objective done for the owner of an objective they completed."""
    workspace = stored_people.workspace(session, team_id)
    if not rows or workspace is None:
        return
    streak = streak_of(session, workspace, author_id, now)
    give(session, workspace, author_id, rules.for_check_in(streak), now, streak=streak)
    objectives = {row.key_result.objective_id: row.key_result.objective for row in rows}
    for objective in objectives.values():
        if rules.objective_done(objective.key_results):
            give(session, workspace, objective.owner_id, [rules.FIRST_OBJECTIVE_DONE], now)


def standing(session: Session, workspace: Workspace, user_id: str, now: datetime) -> Standing:
    """The person's streak and badges, as their Home tab shows them."""
    words, cadence = words_of(workspace), workspace.checkin_cadence
    held = stored.badges_of(session, workspace.team_id, user_id)
    return Standing(
        streak_of(session, workspace, user_id, now),
        unit(cadence),
        [rules.shown(badge.badge, words, cadence) for badge in held],
    )
