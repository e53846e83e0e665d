"""Queries about workspaces and the people in them. Their primary keys hold the team_id, so a
look-up by key is one workspace's by construction."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Person, Workspace


def workspace(session: Session, team_id: str) -> Workspace | None:
    return session.get(Workspace, team_id)


def lock(session: Session, workspace: Workspace) -> None:
    """Lock the workspace's row until the transaction ends, and read it again once locked."""
    session.refresh(workspace, with_for_update=True)


def person(session: Session, team_id: str, user_id: str) -> Person | None:
    return session.get(Person, (team_id, user_id))


def active_named(session: Session, team_id: str, name: str, *, limit: int) -> list[str]:
    """User ids of up to `limit` active people whose display name is `name`, in any case."""
    return list(
        session.scalars(
            select(Person.user_id)
            .where(
                Person.team_id == team_id,
                Person.is_active,
                func.lower(Person.display_name) == name.lower(),
            )
            .limit(limit)
        )
    )


def admin_names(session: Session, team_id: str, *, limit: int) -> list[str]:
    """Display names of up to `limit` active workspace admins and owners, by name."""
    return list(
        session.scalars(
            select(Person.display_name)
            .where(Person.team_id == team_id, Person.is_admin, Person.is_active)
            .order_by(func.lower(Person.display_name), Person.user_id)
            .limit(limit)
        )
    )


def admin_ids(session: Session, team_id: str) -> list[str]:
    """The user ids of the workspace's active admins and owners."""
    return list(
        session.scalars(
            select(Person.user_id)
            .where(Person.team_id == team_id, Person.is_admin, Person.is_active)
            .order_by(Person.user_id)
        )
    )


def any_admin(session: Session, team_id: str) -> bool:
    """Whether an admin or owner of the workspace was ever stored."""
    found = session.scalars(
        select(Person.user_id).where(Person.team_id == team_id, Person.is_admin).limit(1)
    ).first()
    return found is not None
