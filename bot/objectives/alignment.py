"""Aligning an objective to a parent of the same cycle, without loops."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bot import characters
from bot.objectives.filled_form import FormError, draft_from_view
from bot.permissions import can_see
from bot.render import truncate
from storage import cycles as stored_cycles
from storage import objectives as stored
from storage.models import Person

OPTION_LIMIT = 100
LEVEL_ICONS = {"company": "🏢", "team": "👥", "personal": "👤"}


@dataclass(frozen=True)
class ParentOption:
    id: int
    label: str  # at most 75 characters, Slack's limit for an option


def label(title: str, level: str) -> str:
    return truncate(f"{LEVEL_ICONS.get(level, '')} {title}".strip(), 75)


def parent_options(
    session: Session,
    person: Person,
    *,
    cycle_name: str,
    objective_id: int | None,
    text: str,
    owner_id: str = "",
) -> list[ParentOption]:
    """What the parent select offers: company and team objectives of the cycle the person may
    see, and the personal ones of the objective's owner and of the person, minus loops."""
    cycle = stored_cycles.named(session, person.team_id, cycle_name)
    # No title holds a character the check refuses, and PostgreSQL can't even search for a NUL.
    if cycle is None or characters.problem(text, "The search"):
        return []
    viewer = stored.Viewer(person.user_id, person.is_admin)
    links = stored.links(session, person.team_id, cycle.id) if objective_id else {}
    found = stored.parent_candidates(
        session,
        person.team_id,
        cycle.id,
        viewer,
        text,
        OPTION_LIMIT + 1,
        personal_of={person.user_id, owner_id or person.user_id},
    )
    return [
        ParentOption(o.id, label(o.title, o.level))
        for o in found
        if objective_id is None or not _reaches(links, o.id, objective_id)
    ][:OPTION_LIMIT]


def _reaches(links: dict[int, int | None], start: int, target: int) -> bool:
    """Whether following parents up from `start` meets `target` (itself included)."""
    node: int | None = start
    seen: set[int] = set()
    while node is not None and node not in seen:
        if node == target:
            return True
        seen.add(node)
        node = links.get(node)
    return False


def parent_problem(
    session: Session,
    person: Person,
    *,
    parent_id: int | None,
    cycle_name: str,
    objective_id: int | None,
    owner_id: str = "",
) -> str | None:
    """Why `parent_id` (None: no readable id) can't be this objective's parent; None when it can."""
    parent = None if parent_id is None else stored.find(session, person.team_id, parent_id)
    if parent is None or not can_see(parent, person):
        return "That objective can't be found any more: pick another one."
    short = truncate(parent.title, 60)
    if parent.level == "personal" and parent.owner_id not in {person.user_id, owner_id}:
        return (
            f"“{short}” is a teammate's personal objective: align to a company or team "
            "objective, or to one of your own."
        )
    if parent.state != "active":
        return f"“{short}” is archived: pick an active objective."
    cycle = stored_cycles.named(session, person.team_id, cycle_name)
    if cycle is None or parent.cycle_id != cycle.id:
        return f"“{short}” is in another cycle: pick an objective of {cycle_name}."
    if objective_id is not None and _reaches(
        stored.links(session, person.team_id, cycle.id), parent.id, objective_id
    ):
        if parent.id == objective_id:
            return "An objective can't be aligned to itself: pick another one."
        return f"“{short}” is already aligned to this objective, so that would make a loop."
    return None


def suggestions(
    session: Session, person: Person, *, view: dict[str, Any], text: str
) -> list[ParentOption]:
    """The parent select's options for the cycle currently picked in the modal."""
    try:
        draft = draft_from_view(view)
    except FormError:
        return []
    return parent_options(
        session,
        person,
        cycle_name=draft.cycle,
        objective_id=draft.objective_id,
        text=text,
        owner_id=draft.owner_id,
    )
