"""Opening, redrawing and saving the settings: admins and owners only, checked every time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import audit, people
from bot.ids import FormErrors
from bot.refusals import Refused, refuse
from bot.workspace_settings.preview import Preview, preview
from bot.workspace_settings.settings_form import Choices, apply, picked, stored_choices
from storage import people as stored_people
from storage.models import Person

ENTITY = "workspace_settings"
ADMINS_NAMED = 5  # in a refusal: whom to ask
ENTITY_ID = 0  # one row of settings per workspace: the audit trail's team_id says whose


@dataclass(frozen=True)
class Form:
    """The modal: the settings picked so far and what they would mean today."""

    choices: Choices
    preview: Preview
    my_zone: str  # the admin's own Slack time zone, as a hint


@dataclass(frozen=True)
class SettingsSaved:
    before: Choices
    after: Choices
    preview: Preview

    @property
    def changed(self) -> set[str]:
        return set(audit.diff(self.before.fields(), self.after.fields()))


def opened(session: Session, admin: Person, *, now: datetime) -> Form:
    """The modal filled in with the workspace's settings, for an admin or owner; else Refused."""
    team_id = admin.team_id
    current = stored_choices(people.ensure_workspace(session, team_id, now))
    if not admin.is_admin:
        raise _not_admin(session, admin, current, now)
    return Form(current, preview(session, team_id, current, now), admin.time_zone)


def redrawn(session: Session, admin: Person, *, view: dict[str, Any], now: datetime) -> Form | None:
    """The modal again after a new month or zone was picked; None for anyone but an admin."""
    if not admin.is_admin:
        return None
    team_id = admin.team_id
    current = stored_choices(people.ensure_workspace(session, team_id, now))
    choices, _ = picked(view, current)
    return Form(choices, preview(session, team_id, choices, now), admin.time_zone)


def save(
    session: Session, admin: Person, *, view: dict[str, Any], now: datetime
) -> SettingsSaved | FormErrors:
    """Every setting and its audit trail, or errors (nothing written); Refused writes
    nothing."""
    team_id, user_id = admin.team_id, admin.user_id
    workspace = people.ensure_workspace(session, team_id, now)
    if not admin.is_admin:
        raise _not_admin(session, admin, stored_choices(workspace), now)
    # Locked and read afresh, so that two admins saving at once leave a true audit trail.
    stored_people.lock(session, workspace)
    before = stored_choices(workspace)
    after, errors = picked(view, before)
    if errors:
        return errors
    changes = audit.diff(before.fields(), after.fields())
    if changes:
        apply(after, workspace)
        workspace.updated_at = now
        audit.record(
            session,
            team_id=team_id,
            actor_id=user_id,
            entity=ENTITY,
            entity_id=ENTITY_ID,
            action="update",
            at=now,
            changes=changes,
        )
        session.flush()
    return SettingsSaved(before, after, preview(session, team_id, after, now))


def _not_admin(session: Session, person: Person, current: Choices, now: datetime) -> Refused:
    """Who may change the settings, and what they are; someone Slack has not described yet may
    be an admin, and is told to retry."""
    reason = "not_described" if people.never_described(person) else "not_admin"
    shown = preview(session, person.team_id, current, now)
    admins = tuple(stored_people.admin_names(session, person.team_id, limit=ADMINS_NAMED))
    return refuse("settings", reason, choices=current, preview=shown, admins=admins)
