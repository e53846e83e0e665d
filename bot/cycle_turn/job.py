"""The `cycle` job: every 15 minutes, per workspace in one transaction, the close reminders,
new-cycle invitations and cycle summary due at `now`, queued in the outbox (`queue_all`). Each
is once by its key, however many ticks or replicas run; what was queued is not rendered again."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.cycle_turn import due, message, scores
from bot.delivery.outgoing import Outgoing, key, queue_all
from bot.people import current_cycle, workspace_today, zone
from bot.prompts.decision import rule_for
from bot.slack import Clients
from bot.words import Words, words_of
from storage import cycle_turns as stored
from storage import digests as stored_digests
from storage import people as stored_people
from storage import prompts as stored_prompts
from storage.db import Database
from storage.models import Cycle, Objective, Workspace

# Local days run up to 14 hours ahead of the workspace's and 12 behind: a day each way.
ZONE_SPREAD = timedelta(days=1)


def run(db: Database, clients: Clients, now: datetime) -> str:
    """Decide for every workspace at `now`; one line of what was queued."""
    with db.begin() as session:
        team_ids = stored_prompts.team_ids(session)
    tally: Counter[str] = Counter()
    for team_id in team_ids:
        with db.begin() as session:
            tally.update(decide_workspace(session, team_id, now))
    reminders, invitations, summaries = (tally[kind] for kind in message.KINDS)
    return (
        f"{reminders} close reminder{'s' if reminders != 1 else ''}, "
        f"{invitations} new-cycle invitation{'s' if invitations != 1 else ''} and "
        f"{summaries} cycle summar{'ies' if summaries != 1 else 'y'} queued"
    )


def decide_workspace(session: Session, team_id: str, now: datetime) -> Counter[str]:
    """Queue what the workspace is due now; ticks outside every window run no query of owners."""
    tally: Counter[str] = Counter()
    workspace = stored_people.workspace(session, team_id)
    if workspace is None:
        return tally
    cycle = current_cycle(session, workspace, now)
    today = workspace_today(workspace, now)
    words = words_of(workspace)
    window = due.close_window(cycle.ends_on, workspace.close_reminder_days)
    if window is not None and today >= window.first - ZONE_SPREAD:
        tally[message.CLOSE] = _close_reminders(session, workspace, cycle, window, words, now)
    week = due.first_week(cycle.starts_on)
    if today > week.last + ZONE_SPREAD:
        return tally
    previous = stored.ended_on(session, team_id, cycle.starts_on - timedelta(days=1))
    if previous is not None:
        invited, summed = _new_cycle(session, workspace, previous, cycle, week, words, now)
        tally[message.NEW], tally[message.SUMMARY] = invited, summed
    return tally


def _queue(session: Session, team_id: str, messages: Sequence[Outgoing], now: datetime) -> int:
    return len(queue_all(session, team_id, messages, now=now))


def _due_owners(
    session: Session,
    workspace: Workspace,
    owners: set[str],
    kind: str,
    period: str,
    window: due.Window,
    now: datetime,
) -> list[str]:
    """The owners not sent this message yet whose own window is open now (their zone, their
    prompt time, their quiet hours); people Slack says left are left out."""
    team_id = workspace.team_id
    done = stored.queued(session, team_id, {key(kind, owner, period) for owner in owners})
    waiting = {owner for owner in owners if key(kind, owner, period) not in done}
    people = stored.people(session, team_id, waiting)
    found = []
    for owner in sorted(waiting):
        person = people.get(owner)
        if person is not None and not person.is_active:
            continue
        own_zone = zone(person.time_zone if person is not None else workspace.time_zone)
        if due.due(rule_for(workspace, person), own_zone, window, now):
            found.append(owner)
    return found


def _close_reminders(
    session: Session,
    workspace: Workspace,
    cycle: Cycle,
    window: due.Window,
    words: Words,
    now: datetime,
) -> int:
    team_id = workspace.team_id
    objectives = stored.objectives_of(session, team_id, cycle.id, open_only=True)
    by_owner = _by_owner(objectives)
    owners = _due_owners(session, workspace, set(by_owner), message.CLOSE, cycle.name, window, now)
    today = workspace_today(workspace, now)
    messages = [
        message.close_reminder(owner, by_owner[owner], cycle, today, words) for owner in owners
    ]
    return _queue(session, team_id, messages, now)


def _new_cycle(
    session: Session,
    workspace: Workspace,
    previous: Cycle,
    cycle: Cycle,
    week: due.Window,
    words: Words,
    now: datetime,
) -> tuple[int, int]:
    """The invitations due now, and the summary when due: how many of each were queued."""
    team_id = workspace.team_id
    objectives = stored.objectives_of(session, team_id, previous.id)
    if not objectives:
        return 0, 0
    today = workspace_today(workspace, now)
    by_owner = _by_owner(objectives)
    owners = _due_owners(session, workspace, set(by_owner), message.NEW, cycle.name, week, now)
    summary_due = _summary_due(session, workspace, previous, week, now)
    # Scored only when something is due: most ticks of the first week have nothing to send.
    wanted = [o for o in objectives if o.owner_id in owners or (summary_due and _public(o))]
    scored = {o.id: scores.objective_score(o, previous, today) for o in wanted}
    carried = stored.carried_from(session, team_id, cycle.id) if owners else set()
    invitations = [
        message.invitation(
            owner,
            [scored[o.id] for o in by_owner[owner]],
            previous.name,
            cycle.name,
            carry=any(o.id not in carried and not scored[o.id].completed for o in by_owner[owner]),
            words=words,
        )
        for owner in owners
    ]
    summary = []
    if summary_due and workspace.celebration_channel_id:
        public = [scored[o.id] for o in objectives if _public(o)]
        summary = [_summary(session, workspace, public, previous, cycle, words)]
    return _queue(session, team_id, invitations, now), _queue(session, team_id, summary, now)


def _public(objective: Objective) -> bool:
    return objective.visibility == "public"


def _summary_due(
    session: Session, workspace: Workspace, previous: Cycle, week: due.Window, now: datetime
) -> bool:
    """The celebration channel's summary is due in the workspace's hours, once; never without
    a channel."""
    channel = workspace.celebration_channel_id
    if not channel or not due.due(rule_for(workspace), zone(workspace.time_zone), week, now):
        return False
    summary_key = key(message.SUMMARY, channel, previous.name)
    return not stored.queued(session, workspace.team_id, {summary_key})


def _summary(
    session: Session,
    workspace: Workspace,
    public: list[scores.ObjectiveScore],
    previous: Cycle,
    cycle: Cycle,
    words: Words,
) -> Outgoing:
    """The summary of the public objectives, completed ones named with their owners' names."""
    assert workspace.celebration_channel_id is not None
    completed = [each for each in public if each.completed]
    names = stored_digests.display_names(
        session, workspace.team_id, {each.owner_id for each in completed}
    )
    return message.summary(
        workspace.celebration_channel_id,
        scores.summary_of(public),
        [message.Completed(each.title, names.get(each.owner_id, "")) for each in completed],
        previous.name,
        cycle.name,
        words,
    )


def _by_owner(objectives: Sequence[Objective]) -> dict[str, list[Objective]]:
    found: dict[str, list[Objective]] = defaultdict(list)
    for objective in objectives:
        found[objective.owner_id].append(objective)
    return found
