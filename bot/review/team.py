"""`/okr review #channel`: each member of the channel who owns objectives in the cycle, their
progress, whether they checked in this period, and what is at risk, off track or behind."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import people
from bot.checkins.status import ObjectiveLine, describe, describe_objective
from bot.paging import MESSAGE_BLOCKS, most_that_fit
from bot.prompts.schedule import Rule, period_of
from bot.render import render
from bot.review import cycles
from bot.review.concerns import Concern, concern_of, ranked
from storage import digests as stored_names
from storage import reviews as stored
from storage.models import Person
from storage.objectives import Viewer


@dataclass(frozen=True)
class Member:
    user_id: str
    name: str  # the stored display name, or empty: then their user id is shown, never a mention
    objectives: list[ObjectiveLine]
    checked_in: bool
    concerns: list[Concern]


@dataclass(frozen=True)
class TeamReview:
    channel: str  # a channel link
    cycle: str
    period: str  # the workspace's check-in period, e.g. 2026-W49
    members: list[Member]
    without: int  # members who own no objective the viewer may see in the cycle
    hidden: int = 0  # members left out to stay within Slack's 50 blocks


def team_review(
    session: Session,
    viewer: Person,
    channel_link: str,
    member_ids: Collection[str],
    now: datetime,
    *,
    cycle_name: str | None = None,
) -> TeamReview:
    """`member_ids` come from Slack (conversations.members), asked before the transaction."""
    workspace = people.ensure_workspace(session, viewer.team_id, now)
    name, cycle = cycles.chosen(session, workspace, cycle_name, now)
    rule = Rule(cadence=workspace.checkin_cadence)
    period = period_of(rule, people.zone(workspace.time_zone), now)
    if cycle is None:
        return TeamReview(channel_link, name, period.key, [], len(member_ids))
    seen_as = Viewer(viewer.user_id, viewer.is_admin)
    rows = stored.objectives_of(session, viewer.team_id, cycle.id, member_ids, seen_as)
    owners = {o.owner_id for o in rows}
    checked = stored.checked_in_owners(
        session,
        viewer.team_id,
        cycle.id,
        owners,
        first_day=period.starts_on,
        next_first_day=period.next_starts_on,
    )
    names = stored_names.display_names(session, viewer.team_id, owners)
    today = people.workspace_today(workspace, now)
    members: dict[str, Member] = {}
    for objective in rows:
        lines = [describe(kr, cycle, today) for kr in objective.key_results]
        owner = objective.owner_id
        member = members.setdefault(
            owner, Member(owner, names.get(owner, ""), [], owner in checked, [])
        )
        member.objectives.append(describe_objective(objective, lines))
        member.concerns.extend(
            c for line in lines if (c := concern_of(objective.title, line)) is not None
        )
    # Who needs a word first: concerns, then no check-in this period, then by name.
    ordered = sorted(
        (
            Member(m.user_id, m.name, m.objectives, m.checked_in, ranked(m.concerns))
            for m in members.values()
        ),
        key=lambda m: (not m.concerns, m.checked_in, (m.name or m.user_id).lower()),
    )
    found = TeamReview(channel_link, cycle.name, period.key, ordered, len(member_ids) - len(owners))
    fit = most_that_fit(len(ordered), lambda n: message(_first(found, n)), MESSAGE_BLOCKS)
    return _first(found, max(1, fit) if ordered else 0)


def _first(found: TeamReview, count: int) -> TeamReview:
    """The first `count` members, the rest counted as hidden."""
    return replace(found, members=found.members[:count], hidden=len(found.members) - count)


def message(found: TeamReview) -> dict[str, Any]:
    rendered: dict[str, Any] = render("review_team", team=found)
    return rendered
