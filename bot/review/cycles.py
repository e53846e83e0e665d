"""The cycle a review or the tree is about: the one named, else the current one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import people, stored_cycles
from storage.models import Cycle, Workspace


def chosen(
    session: Session, workspace: Workspace, name: str | None, now: datetime
) -> tuple[str, Cycle | None]:
    """(the cycle's name, the stored cycle or None when nobody has used it yet)."""
    if name is None:
        cycle = people.current_cycle(session, workspace, now)
        return cycle.name, cycle
    team_id = workspace.team_id
    named = stored_cycles.named(session, team_id, name, workspace.fiscal_year_start_month)
    if named is None:
        return name, None
    return named.name, stored_cycles.find(session, team_id, named)
