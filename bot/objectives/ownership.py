"""Finding the objective a request names, and refusing clearly when the person may not act."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.permissions import can_change, can_see
from storage import objectives as stored
from storage.models import Objective, Person


@dataclass(frozen=True)
class Refused:
    """Why nothing was done. `reason`: missing | not_yours | archived | stale_form."""

    reason: str
    title: str = ""
    owner_id: str = ""


STALE_FORM = Refused("stale_form")


def changeable(
    session: Session, team_id: str, objective_id: int | None, person: Person
) -> Objective | Refused:
    """The active objective if `person` may change it, else why not (checked on every request).

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
        return Refused("missing")
    if not can_change(objective, person):
        return Refused("not_yours", objective.title, objective.owner_id)
    if objective.state != "active":
        return Refused("archived", objective.title, objective.owner_id)
    return objective
