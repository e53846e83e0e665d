"""Which objectives and key results a person may check in on, and picking one by its words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.ids import parse_id
from bot.people import current_cycle, ensure_workspace
from bot.permissions import can_change, can_see
from bot.refusals import refuse
from storage import cycles as stored_cycles
from storage import objectives as stored
from storage.models import Cycle, KeyResult, Objective, Person


def this_cycle(session: Session, person: Person, now: datetime) -> Cycle:
    return current_cycle(session, ensure_workspace(session, person.team_id, now), now)


def my_objectives(session: Session, person: Person, cycle: Cycle) -> list[Objective]:
    """The person's active objectives of the cycle, oldest first: the order their numbers follow."""
    return stored.own_active(session, person.team_id, person.user_id, cycle.id)


def numbered_key_results(objectives: Iterable[Objective]) -> list[KeyResult]:
    """Key results in the order people see them numbered: by objective, then position."""
    return [kr for objective in objectives for kr in objective.key_results]


def visible_objective(session: Session, person: Person, raw_id: object) -> Objective:
    """The objective if the person may see it; a private one of someone else does not exist."""
    objective_id = parse_id(raw_id)
    objective = (
        stored.find(session, person.team_id, objective_id) if objective_id is not None else None
    )
    if objective is None or not can_see(objective, person):
        raise refuse("check-in", "not_found")
    return objective


def checkable_objective(
    session: Session, person: Person, raw_id: object, cycle: Cycle
) -> Objective:
    """The objective if the person may check in on it now, else Refused saying why."""
    objective = visible_objective(session, person, raw_id)
    if objective.state != "active":
        raise refuse("check-in", "archived", title=objective.title)
    if not can_change(objective, person):
        raise refuse("check-in", "not_yours", title=objective.title, owner_id=objective.owner_id)
    if objective.cycle_id != cycle.id:
        other = stored_cycles.by_id(session, person.team_id, objective.cycle_id)
        raise refuse(
            "check-in",
            "other_cycle",
            title=objective.title,
            cycle=other.name if other else "",
            current_cycle=cycle.name,
        )
    return objective


def checkable_key_results(
    session: Session, person: Person, raw_ids: Sequence[object], cycle: Cycle
) -> list[KeyResult]:
    """Every key result named, in order, or Refused for the first one the person may not touch."""
    found: list[KeyResult] = []
    for raw in raw_ids:
        kr_id = parse_id(raw)
        key_result = (
            stored.key_result(session, person.team_id, kr_id) if kr_id is not None else None
        )
        if key_result is None:
            raise refuse("check-in", "not_found")
        checkable_objective(session, person, key_result.objective_id, cycle)
        if key_result not in found:
            found.append(key_result)
    return found


@dataclass(frozen=True)
class Pick:
    """The objectives an argument of /okr checkin or /okr history chose, or why none."""

    chosen: list[Objective]
    problem: str | None = None  # none | no_match | ambiguous
    # (number, title, objective id) of the objectives to offer, a button each, with the problem
    candidates: tuple[tuple[int, str, int], ...] = ()


def offered(objectives: Sequence[Objective]) -> tuple[tuple[int, str, int], ...]:
    """Objectives as a pick offers them, a button each: (number, title, id), in this order."""
    return tuple((n, o.title, o.id) for n, o in enumerate(objectives, start=1))


def pick(objectives: Sequence[Objective], words: str) -> Pick:
    """No words: all of them; a number: that one (1-based); else those whose title starts so."""
    numbered = offered(objectives)
    if not objectives:
        return Pick([], "none")
    wanted = words.strip().removeprefix("#")
    if not wanted:
        return Pick(list(objectives))
    if wanted.isascii() and wanted.isdigit():
        number = parse_id(wanted)
        if number is not None and 1 <= number <= len(objectives):
            return Pick([objectives[number - 1]])
        return Pick([], "no_match", numbered)
    start = " ".join(wanted.casefold().split())
    titles = [" ".join(o.title.casefold().split()) for o in objectives]
    exact = [o for o, title in zip(objectives, titles, strict=True) if title == start]
    matches = exact or [o for o, t in zip(objectives, titles, strict=True) if t.startswith(start)]
    if len(matches) == 1:
        return Pick(matches)
    if not matches:
        return Pick([], "no_match", numbered)
    return Pick([], "ambiguous", tuple(t for t in numbered if objectives[t[0] - 1] in matches))


def key_result_numbers(session: Session, person: Person, cycle: Cycle) -> dict[int, int]:
    """{key result id: its number} for the person's own key results of the cycle: the numbers
    a message check-in uses, shown wherever those key results are."""
    ids = stored.own_active_key_result_ids(session, person.team_id, person.user_id, cycle.id)
    return {kr_id: n for n, kr_id in enumerate(ids, start=1)}
