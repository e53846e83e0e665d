"""`/okr digest`: the digest the channel it is typed in would get (its team objectives), or the
workspace's elsewhere, shown to the person who asks as a preview with where and when it is
posted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.digest import collect, schedule
from bot.digest.content import digest_of
from bot.digest.message import Posting, laid_out
from bot.people import current_cycle, ensure_workspace, zone
from bot.presentation import WEEKDAYS, clock_time
from bot.words import words_of
from storage.models import Person


def preview(session: Session, person: Person, channel_id: str, now: datetime) -> dict[str, Any]:
    """The digest as the channel would get it this week, as an ephemeral reply."""
    workspace = ensure_workspace(session, person.team_id, now)
    when = collect.digest_time_of(workspace)
    period = schedule.week_of(when, zone(workspace.time_zone), now)
    cycle = current_cycle(session, workspace, now)
    week = collect.week_at(workspace, period, now)
    objectives = collect.objectives_of(session, workspace, cycle, week)
    here = collect.in_channel(objectives, channel_id)
    # The digest channel gets the workspace's digest, even where it has team objectives too.
    if here and channel_id != workspace.digest_channel_id:
        digest = digest_of(here, week, cycle, channel_id, team=True)
    else:
        digest = digest_of(objectives, week, cycle, workspace.digest_channel_id, team=False)
    posting = Posting(
        channel=digest.channel,
        weekday=WEEKDAYS[when.weekday % 7],
        time=clock_time(when.minute),
        zone=workspace.time_zone,
    )
    return laid_out(digest, words_of(workspace), posting)
