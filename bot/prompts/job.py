"""The `prompts` job: every minute, who is due a prompt or a reminder, queued in the outbox in
the same transaction as the decision (one transaction per workspace)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.delivery.outgoing import queue_all
from bot.people import current_cycle, workspace_today, zone
from bot.prompts import message, schedule
from bot.prompts.decision import decide, repeat_period, rule_for
from bot.slack import Clients
from bot.words import words_of
from storage import objectives as stored_objectives
from storage import outbox
from storage import people as stored_people
from storage import prompts as stored_prompts
from storage import recognition as stored_recognition
from storage.db import Database

# Local days run up to 14 hours ahead of UTC and 12 behind: a day each way covers every zone.
ZONE_SPREAD = timedelta(days=1)
# Why a prompt was held back that excuses the period from the person's streak.
EXCUSES = ("paused", "away")


def run(db: Database, clients: Clients, now: datetime) -> str:
    """Decide for every workspace at `now`; one line of what was queued and held back."""
    with db.begin() as session:
        team_ids = stored_prompts.team_ids(session)
    tally: Counter[str] = Counter()
    for team_id in team_ids:
        with db.begin() as session:
            tally.update(decide_workspace(session, team_id, now))
    return summary(tally)


def summary(tally: Counter[str]) -> str:
    prompts, reminders = tally["prompt"] + tally["repeat"], tally["reminder"]
    return (
        f"{prompts} prompt{'s' if prompts != 1 else ''} and "
        f"{reminders} reminder{'s' if reminders != 1 else ''} queued, "
        f"{tally['recent']} skipped (checked in recently), {tally['paused']} paused, "
        f"{tally['away']} away, {tally['quiet']} quiet hours, {tally['off']} prompts off"
    )


def decide_workspace(session: Session, team_id: str, now: datetime) -> Counter[str]:
    """Queue what each owner of active key results is due now: the same few statements for
    ten people or ten thousand."""
    workspace = stored_people.workspace(session, team_id)
    tally: Counter[str] = Counter()
    if workspace is None:
        return tally
    cycle = current_cycle(session, workspace, now)
    # What was asked this period, in any zone: a few rows per person, not a month's. The zones
    # behind UTC may still be in the period before UTC's, so it starts from a day ago's period.
    utc = zone("UTC")
    earliest = schedule.period_of(rule_for(workspace), utc, now - ZONE_SPREAD).starts_on
    since = schedule.at(earliest, 0, utc) - ZONE_SPREAD
    checked_in_since = min(since, now - timedelta(days=workspace.skip_recent_days))
    candidates = stored_prompts.candidates(session, team_id, cycle.id, checked_in_since)
    if not candidates:
        return tally
    asked: dict[str, dict[str, datetime]] = defaultdict(dict)
    for key, at in stored_prompts.asked_since(session, team_id, since).items():
        asked[key.split(":", 2)[1]][key] = at
    today = workspace_today(workspace, now)
    words = words_of(workspace)
    due: list[tuple[str, str, str, str]] = []  # (user id, what is sent, period, key period)
    excuses: list[stored_recognition.Excuse] = []
    repeated: list[str] = []
    for person in candidates:
        person_zone = zone(person.time_zone)
        mine = asked[person.user_id]
        decision = decide(workspace, person, person_zone, mine, person.last_check_in, now)
        if decision.reason is not None:
            tally[decision.reason] += 1
        if decision.reason in EXCUSES:
            excuses.append(
                stored_recognition.Excuse(person.user_id, decision.period.key, decision.reason)
            )
        if decision.send is None:
            continue
        period = decision.period.key
        key_period = period
        if decision.send == "repeat":
            assert person.snoozed_until is not None
            key_period = repeat_period(decision.period, person.snoozed_until, person_zone)
            repeated.append(person.user_id)
        due.append((person.user_id, decision.send, period, key_period))
    stored_prompts.snoozes_done(session, team_id, repeated)
    # Held back while paused or away: the period does not break their streak (one insert).
    stored_recognition.excuse_all(session, team_id, excuses)
    # Everyone's key results in one query, and the rows in an insert per thousand: the
    # statements of a tick grow with the people due only as SQLAlchemy's inserts do.
    objectives = stored_objectives.own_active_by_owner(
        session, team_id, {user_id for user_id, *_ in due}, cycle.id
    )
    # Written a batch at a time, each batch one INSERT as SQLAlchemy would send anyway: only a
    # batch's messages are ever rendered at once, however many people are due.
    for start in range(0, len(due), outbox.INSERT_BATCH):
        batch = due[start : start + outbox.INSERT_BATCH]
        outgoing = [
            message.prompt(
                user_id,
                objectives[user_id],
                cycle,
                today,
                period=period,
                key_period=key_period,
                words=words,
                reminder=send == "reminder",
            )
            for user_id, send, period, key_period in batch
        ]
        queued = queue_all(session, team_id, outgoing, now=now)
        for (_, send, *_), each in zip(batch, outgoing, strict=True):
            if each.key in queued:
                tally[send] += 1
    return tally
