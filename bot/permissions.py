"""Who may see and change an objective: everyone sets their own; admins may help."""

from __future__ import annotations

from storage.models import Objective, Person


def can_change(objective: Objective, person: Person) -> bool:
    """The owner, or a workspace admin; never across workspaces, never once deleted."""
    if objective.team_id != person.team_id or objective.state == "deleted":
        return False
    return objective.owner_id == person.user_id or person.is_admin


def can_see(objective: Objective, person: Person) -> bool:
    """Public objectives are for the whole workspace; private ones for the owner and admins."""
    if objective.team_id != person.team_id or objective.state == "deleted":
        return False
    return objective.visibility == "public" or can_change(objective, person)
