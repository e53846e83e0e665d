"""The `badges` job: when a cycle has ended, a badge to each owner whose every key result of
the cycle was at 70 % or more at its end. Hourly, and the same answer each time: a badge is
held once (unique per person) and its DM queued once (its outbox key)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.people import workspace_today
from bot.recognition import badges as rules
from bot.recognition.award import give
from bot.slack import Clients
from storage import people as stored_people
from storage import prompts as stored_prompts
from storage import recognition as stored
from storage.db import Database

# Cycles that ended this recently are looked at; older ones were settled then (and a first
# start of the bot does not hand out badges for cycles long past).
LOOK_BACK = timedelta(days=14)


def run(db: Database, clients: Clients, now: datetime) -> str:
    """Award the cycle-end badges due at `now`, one transaction per workspace."""
    with db.begin() as session:
        team_ids = stored_prompts.team_ids(session)
    given = cycles = 0
    for team_id in team_ids:
        with db.begin() as session:
            found, awarded = award_ended_cycles(session, team_id, now)
        cycles, given = cycles + found, given + awarded
    return (
        f"{given} cycle-end badge{'s' if given != 1 else ''} given for "
        f"{cycles} ended cycle{'s' if cycles != 1 else ''}"
    )


def award_ended_cycles(session: Session, team_id: str, now: datetime) -> tuple[int, int]:
    """The cycles of the workspace that ended lately, and how many badges were new."""
    workspace = stored_people.workspace(session, team_id)
    if workspace is None:
        return 0, 0
    today = workspace_today(workspace, now)
    ended = stored.ended_between(session, team_id, today - LOOK_BACK, today - timedelta(days=1))
    given = 0
    for cycle in ended:
        fractions: dict[str, list[float]] = defaultdict(list)
        for reading in stored.readings_at_end(session, cycle):
            kr = reading.key_result
            fractions[reading.owner_id].append(
                rules.fraction(kr.kind, kr.start_value, kr.target_value, reading.value)
            )
        for owner_id, owned in fractions.items():
            if rules.strong_finish(owned):
                badge = rules.cycle_badge(cycle.name)
                given += len(give(session, workspace, owner_id, [badge], now))
    return len(ended), given
