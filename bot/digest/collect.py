"""The digests of a workspace's week, from a few queries for the whole workspace: the one of
its digest channel (every public objective of the cycle) and one per team channel (its team
objectives). Private objectives never appear."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.digest.content import Digest, ObjectiveWeek, Week, digest_of, objective_weeks
from bot.digest.schedule import DigestTime
from bot.people import workspace_today
from bot.progress import BACK_ON_TRACK_AFTER
from bot.prompts.schedule import Period
from storage import digests as stored
from storage.models import Cycle, Workspace

LOOK_BACK = timedelta(days=7)


def digest_time_of(workspace: Workspace) -> DigestTime:
    return DigestTime(workspace.digest_weekday, workspace.digest_minute)


def week_at(workspace: Workspace, period: Period, now: datetime) -> Week:
    """The digest's week, looking back 7 days from `now` (today and the 6 days before)."""
    today = workspace_today(workspace, now)
    return Week(
        period.key,
        period.starts_on,
        today,
        today - (LOOK_BACK - timedelta(days=1)),
        now - LOOK_BACK,
    )


def objectives_of(
    session: Session, workspace: Workspace, cycle: Cycle, week: Week
) -> list[ObjectiveWeek]:
    """Every public objective of the cycle with its week: three statements."""
    team_id = workspace.team_id
    objectives = stored.public_objectives(session, team_id, cycle.id)
    check_ins = stored.week_check_ins(
        session,
        team_id,
        cycle.id,
        first_day=week.first_day,
        since=week.since,
        # Where each key result stood before the week, and the confidences that say whether
        # it is back on track.
        earlier=BACK_ON_TRACK_AFTER + 1,
    )
    names = stored.display_names(session, team_id, {o.owner_id for o in objectives})
    return objective_weeks(
        objectives, check_ins, cycle, week, lambda user_id: names.get(user_id) or user_id
    )


def in_channel(objectives: Sequence[ObjectiveWeek], channel: str) -> list[ObjectiveWeek]:
    """The team objectives of `channel`."""
    return [objective for objective in objectives if objective.team_channel == channel]


def channel_digests(
    objectives: Sequence[ObjectiveWeek], week: Week, cycle: Cycle, digest_channel: str | None
) -> list[Digest]:
    """The digest channel's digest (when set) and each team channel's, those with something to
    say. A team channel that is also the digest channel gets the workspace's, which holds its
    own: one message per channel and week."""
    found = []
    if digest_channel and objectives:
        found.append(digest_of(objectives, week, cycle, digest_channel, team=False))
    channels = sorted({o.team_channel for o in objectives if o.team_channel} - {digest_channel})
    for channel in channels:
        assert channel is not None
        found.append(digest_of(in_channel(objectives, channel), week, cycle, channel, team=True))
    return found
