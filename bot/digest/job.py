"""The `digest` job: every few minutes, each workspace whose digest is due this week gets the
digests not queued yet, in the outbox, in the transaction that decided them (one per workspace).
Queued once per channel and week, by key, however many ticks or replicas run."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery.outgoing import queue_all
from bot.digest import collect, schedule
from bot.digest.message import outgoing
from bot.people import current_cycle, zone
from bot.slack import Clients
from bot.words import words_of
from storage import digests as stored
from storage import people as stored_people
from storage import prompts as stored_prompts
from storage.db import Database


def run(db: Database, clients: Clients, now: datetime) -> str:
    """Queue every digest due at `now`; one line of what was queued."""
    with db.begin() as session:
        team_ids = stored_prompts.team_ids(session)
    queued = due = 0
    for team_id in team_ids:
        with db.begin() as session:
            count = decide_workspace(session, team_id, now)
        if count is not None:
            due += 1
            queued += count
    return (
        f"{queued} digest{'s' if queued != 1 else ''} queued, "
        f"{due} workspace{'s' if due != 1 else ''} due this week"
    )


def decide_workspace(session: Session, team_id: str, now: datetime) -> int | None:
    """How many digests were queued for the workspace; None when its digest is not due."""
    workspace = stored_people.workspace(session, team_id)
    if workspace is None:
        return None
    local = zone(workspace.time_zone)
    when = collect.digest_time_of(workspace)
    if schedule.due_week(when, local, now) is None:
        return None
    period = schedule.week_of(when, local, now)
    cycle = current_cycle(session, workspace, now)
    # Two small statements decide most ticks of the week: every channel had its digest.
    done = stored.queued_channels(session, team_id, period.key)
    wanted = stored.team_channels(session, team_id, cycle.id)
    if workspace.digest_channel_id:
        wanted.add(workspace.digest_channel_id)
    if wanted <= done:
        return 0
    week = collect.week_at(workspace, period, now)
    objectives = collect.objectives_of(session, workspace, cycle, week)
    digests = collect.channel_digests(objectives, week, cycle, workspace.digest_channel_id)
    words = words_of(workspace)
    messages = [outgoing(digest, words) for digest in digests if digest.channel not in done]
    return len(queue_all(session, team_id, messages, now=now))
