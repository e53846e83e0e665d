"""Workspaces, people and the current cycle, created on first sight."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from bot.cycles import quarter_of
from bot.stored_cycles import cycle_of
from storage import people as stored_people
from storage.models import Cycle, Person, Workspace
from storage.rows import get_or_create

PROFILE_TTL = timedelta(hours=12)
# The updated_at of someone Slack has not described yet: older than any PROFILE_TTL.
NEVER_DESCRIBED = datetime(2000, 1, 1, tzinfo=UTC)


def ensure_workspace(session: Session, team_id: str, now: datetime) -> Workspace:
    workspace = get_or_create(
        session,
        lambda: stored_people.workspace(session, team_id),
        lambda: Workspace(team_id=team_id, created_at=now, updated_at=now),
    )
    return workspace


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def workspace_today(workspace: Workspace, now: datetime) -> date:
    return now.astimezone(zone(workspace.time_zone)).date()


def person(session: Session, team_id: str, user_id: str, now: datetime) -> Person:
    """The person as stored, never asking Slack: someone never seen gets the workspace's defaults
    (its time zone, not an admin, active) until `describe` stores what Slack says of them."""
    workspace = ensure_workspace(session, team_id, now)
    return get_or_create(
        session,
        lambda: stored_people.person(session, team_id, user_id),
        lambda: Person(
            team_id=team_id,
            user_id=user_id,
            display_name=user_id,
            time_zone=workspace.time_zone,
            is_admin=False,
            is_active=True,
            updated_at=NEVER_DESCRIBED,
        ),
    )


def needs_describing(session: Session, team_id: str, user_id: str, now: datetime) -> bool:
    """Someone stored whom Slack never described, or described longer ago than PROFILE_TTL."""
    row = stored_people.person(session, team_id, user_id)
    return row is not None and now - row.updated_at >= PROFILE_TTL


def never_described(row: Person) -> bool:
    """Served with the defaults: Slack has not said who they are (an admin, say) yet."""
    return row.updated_at == NEVER_DESCRIBED


def describe(
    session: Session, team_id: str, user_id: str, profile: dict[str, Any], now: datetime
) -> Person:
    """Store what Slack says of someone (a users.info `user`, or a user_change event's)."""
    row = person(session, team_id, user_id, now)
    is_admin = bool(profile.get("is_admin") or profile.get("is_owner"))
    if is_admin and not stored_people.any_admin(session, team_id):
        _adopt_time_zone(ensure_workspace(session, team_id, now), profile.get("tz"), now)
    row.display_name = (
        profile.get("profile", {}).get("display_name")
        or profile.get("real_name")
        or profile.get("name", user_id)
    )[:255]
    row.time_zone = profile.get("tz") or "UTC"
    status = profile.get("profile") or {}
    row.status_emoji = str(status.get("status_emoji") or "")[:100]
    row.status_text = str(status.get("status_text") or "")[:100]
    row.status_expiration = _expiration(status.get("status_expiration"))
    row.is_admin = is_admin
    row.is_active = not profile.get("deleted", False)
    row.updated_at = now
    session.flush()
    return row


def _expiration(value: object) -> datetime | None:
    """Slack's status_expiration: Unix seconds, 0 (or nothing) when the status never expires."""
    try:
        seconds = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return datetime.fromtimestamp(seconds, UTC) if seconds > 0 else None


def _adopt_time_zone(workspace: Workspace, time_zone: object, now: datetime) -> None:
    """The first admin seen (most often the one who installed the bot) gives an untouched
    workspace their time zone, instead of UTC; `/okr settings` changes it."""
    untouched = workspace.updated_at == workspace.created_at
    if untouched and isinstance(time_zone, str) and time_zone and zone(time_zone).key == time_zone:
        workspace.time_zone = time_zone
        workspace.updated_at = now


def current_cycle(session: Session, workspace: Workspace, now: datetime) -> Cycle:
    """The cycle containing today in the workspace's time zone, created on first use."""
    return cycle_for(session, workspace, workspace_today(workspace, now))


def cycle_for(session: Session, workspace: Workspace, day: date) -> Cycle:
    """The cycle containing `day` under the workspace's fiscal year start, created on first use."""
    return cycle_of(session, workspace.team_id, quarter_of(day, workspace.fiscal_year_start_month))
