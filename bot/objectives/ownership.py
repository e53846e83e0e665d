"""Finding the objective a request names, and refusing clearly when the person may not act."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.permissions import can_change, can_see
from bot.refusals import Refused, refuse
from storage import objectives as stored
from storage.models import Objective, Person


def stale_form() -> Refused:
    """The objective modal no longer matches what is stored, or cannot be read."""
    return refuse("objective", "stale_form")


def changeable(
    session: Session, team_id: str, objective_id: int | None, person: Person
) -> Objective:
    """The active objective if `person` may change it, else Refused saying why (checked on every
    request).

    `objective_id` is None when the request named no readable id. The objective is locked until
    the transaction ends: two changes sent at once are made one after the other, and the second
    is checked against what the first left.
    """
    objective = (
        None
        if objective_id is None
        else stored.find(session, team_id, objective_id, for_update=True)
    )
    if objective is None or not can_see(objective, person):
        raise refuse("objective", "not_found")
    if not can_change(objective, person):
        raise refuse("objective", "not_yours", title=objective.title, owner_id=objective.owner_id)
    if objective.state != "active":
        raise refuse("objective", "archived", title=objective.title, owner_id=objective.owner_id)
    return objective
