"""`/okr tree [cycle]`: company → team → personal objectives as a tree of their alignment, with
rolled-up progress, a page at a time. Private objectives others may not see keep their place
(their visible children hang from it) but not their title or progress."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import people
from bot.checkins.status import describe
from bot.cycles import cycle_name
from bot.ids import parse_id
from bot.objectives.alignment import LEVEL_ICONS
from bot.paging import MESSAGE_BLOCKS, most_that_fit
from bot.permissions import can_see
from bot.progress import objective_progress, percent
from bot.render import render
from bot.review import cycles
from storage import reviews as stored
from storage.models import Cycle, Objective, Person


@dataclass(frozen=True)
class Row:
    prefix: str  # the drawing before the title: "│  ├ ", "   └ "
    level: str
    title: str  # empty for an objective the viewer may not see
    percent: int
    fraction: float
    own: int  # the objective's own progress, without what is aligned to it


@dataclass(frozen=True)
class TreePage:
    cycle: str
    rows: list[Row]
    offset: int
    more: str | None  # the "Show more" button's value: `<cycle>|<offset>`
    total: int


def rolled_up(own: list[float], children: list[float]) -> float:
    """An objective's rolled-up progress: the mean of its own key results' progress and of the
    rolled-up progress of the objectives aligned to it that the viewer may see, each counting
    once. 0 with neither."""
    return objective_progress([*own, *children])


def tree_page(
    session: Session, viewer: Person, *, cycle_name: str | None, offset: int, now: datetime
) -> TreePage:
    workspace = people.ensure_workspace(session, viewer.team_id, now)
    name, cycle = cycles.chosen(session, workspace, cycle_name, now)
    if cycle is None:
        return TreePage(name, [], 0, None, 0)
    rows = stored.cycle_objectives(session, viewer.team_id, cycle.id)
    drawn = _drawn(rows, viewer, cycle, people.workspace_today(workspace, now))
    # A page past the end (objectives archived since) starts again from the top.
    offset = offset if offset < len(drawn) else 0

    def page(count: int) -> TreePage:
        end = offset + count
        more = f"{cycle.name}|{end}" if end < len(drawn) else None
        return TreePage(cycle.name, drawn[offset:end], offset, more, len(drawn))

    rest = len(drawn) - offset
    return page(max(1, most_that_fit(rest, lambda n: message(page(n)), MESSAGE_BLOCKS)))


def decode(value: str) -> tuple[str, int] | None:
    """A "Show more" value back as (cycle name, offset); None when it is not one."""
    name, _, raw = value.partition("|")
    offset = parse_id(raw)
    if offset is None or cycle_name(name) != name:
        return None
    return name, offset


def _drawn(rows: list[Objective], viewer: Person, cycle: Cycle, today: date) -> list[Row]:
    by_id = {o.id: o for o in rows}
    children: dict[int | None, list[Objective]] = defaultdict(list)
    for objective in rows:
        # An objective aligned outside this cycle's active ones starts its own branch.
        parent = objective.parent_id if objective.parent_id in by_id else None
        children[parent].append(objective)
    own = {o.id: [describe(kr, cycle, today).fraction for kr in o.key_results] for o in rows}
    shown: dict[int, bool] = {}  # seen by the viewer, or holding a branch they see
    progress: dict[int, float] = {}

    def walk(objective: Objective, trail: set[int]) -> None:
        kids = [c for c in children[objective.id] if c.id not in trail]
        for kid in kids:
            walk(kid, trail | {kid.id})
        visible = can_see(objective, viewer)
        seen = [k for k in kids if shown[k.id] and can_see(k, viewer)]
        progress[objective.id] = rolled_up(own[objective.id], [progress[k.id] for k in seen])
        shown[objective.id] = visible or any(shown[k.id] for k in kids)

    for root in children[None]:
        walk(root, {root.id})
    drawn: list[Row] = []

    def draw(objective: Objective, lead: str, branch: str, trail: set[int]) -> None:
        visible = can_see(objective, viewer)
        fraction = progress[objective.id] if visible else 0.0
        own_fraction = objective_progress(own[objective.id]) if visible else 0.0
        title = objective.title if visible else ""
        drawn.append(
            Row(
                lead + branch,
                objective.level if visible else "",
                title,
                percent(fraction),
                fraction,
                percent(own_fraction),
            )
        )
        kids = [c for c in children[objective.id] if c.id not in trail and shown.get(c.id)]
        below = lead + ("│  " if branch == "├ " else "   " if branch else "")
        for at, kid in enumerate(kids):
            draw(kid, below, "└ " if at == len(kids) - 1 else "├ ", trail | {kid.id})

    for root in children[None]:
        if shown.get(root.id):
            draw(root, "", "", {root.id})
    return drawn


def message(page: TreePage) -> dict[str, Any]:
    rendered: dict[str, Any] = render("tree", page=page, icons=LEVEL_ICONS)
    return rendered
