"""`/okr list`: a page of objectives with progress, status and alignment, in constant queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import people, stored_cycles
from bot.checkins.checkable import key_result_numbers
from bot.checkins.status import KeyResultLine, describe
from bot.objectives.audience import Audience, ListRequest, NotUnderstood, decode, encode
from bot.paging import MESSAGE_BLOCKS, most_that_fit
from bot.permissions import can_change
from bot.presentation import channel_link, mention
from bot.progress import objective_progress, percent
from bot.render import render
from storage import closing as stored_closing
from storage import objectives as stored
from storage.models import Cycle, Objective, Person

# An objective renders at least five blocks (its title, a key result, alignment, buttons and a
# divider), so no message of 50 blocks holds more than nine: no more are fetched for a page.
MOST_PER_PAGE = 9


@dataclass(frozen=True)
class ObjectiveItem:
    id: int
    title: str
    level: str
    owner: str  # a mention
    channel: str | None  # a channel link, for team objectives
    private: bool
    percent: int
    fraction: float
    key_results: list[KeyResultLine]
    parent: str | None  # the parent's title; None when not aligned or not visible
    parent_hidden: bool  # aligned to an objective the viewer may not see
    parent_archived: bool
    aligned: int  # active objectives aligned to this one that the viewer may see
    can_change: bool
    carried_from: str = ""  # the cycle it was carried over from ("2026-Q4")
    reflection: str = ""  # written when its cycle was closed


@dataclass(frozen=True)
class ListPage:
    kind: str  # mine | person | channel | company
    who: str  # the person's mention or the channel's link; empty otherwise
    cycle: str
    items: list[ObjectiveItem]
    offset: int
    more: str | None  # the "Show more" button's value, when there is a next page
    share: str | None = None  # the "Share in channel" button's value: this very page
    shared_by: str | None = None  # a mention, when the page is posted in a channel for everyone

    @property
    def numbered(self) -> bool:
        """Whether any key result shown has a number a message check-in can use."""
        return any(kr.number for item in self.items for kr in item.key_results)


def list_page(
    session: Session,
    viewer: Person,
    *,
    request: ListRequest,
    offset: int,
    now: datetime,
    shared: bool = False,
) -> ListPage:
    """`request`'s audience is resolved: a person by id, never a plain `@name`. A `shared` page
    is the one everyone in a channel would see: no private objective, no private parent's
    title, and no buttons but History."""
    team_id = viewer.team_id
    workspace = people.ensure_workspace(session, team_id, now)
    audience = request.audience
    cycle: Cycle | None
    if request.cycle is None:
        cycle = people.current_cycle(session, workspace, now)
        cycle_name = cycle.name
    else:
        fiscal_start = workspace.fiscal_year_start_month
        named = stored_cycles.named(session, team_id, request.cycle, fiscal_start)
        cycle = stored_cycles.find(session, team_id, named) if named else None
        cycle_name = named.name if named else request.cycle
    who = _who(audience)
    viewer_mention = mention(viewer.user_id)
    if cycle is None:
        return ListPage(audience.kind, who, cycle_name, [], offset, None)
    which = _filter(audience, viewer, cycle)
    seen_as = EVERYONE if shared else _viewer(viewer)
    rows = stored.page(session, team_id, which, seen_as, offset=offset, limit=MOST_PER_PAGE + 1)
    today = people.workspace_today(workspace, now)
    current = cycle if request.cycle is None else people.current_cycle(session, workspace, now)
    # A shared page is read by the channel: the sharer's numbers are no use to anyone else.
    numbers = {} if shared else key_result_numbers(session, viewer, current)
    items = _items(session, viewer, seen_as, cycle, rows[:MOST_PER_PAGE], today, numbers)

    def first(count: int) -> ListPage:
        if shared:
            return ListPage(
                audience.kind, who, cycle.name, items[:count], offset, None, None, viewer_mention
            )
        more = encode(request, cycle.name, offset + count) if count < len(rows) else None
        share = encode(request, cycle.name, offset) if items else None
        return ListPage(audience.kind, who, cycle.name, items[:count], offset, more, share)

    return first(most_that_fit(len(items), lambda count: message(first(count)), MESSAGE_BLOCKS))


def next_page(
    session: Session, viewer: Person, *, value: str, now: datetime
) -> ListPage | NotUnderstood:
    """The page a "Show more" button points to; what it shows is checked for the clicker."""
    decoded = decode(value)
    if decoded is None:
        return NotUnderstood(value, "unknown")
    request, offset = decoded
    return list_page(session, viewer, request=request, offset=offset, now=now)


def shared_page(
    session: Session, viewer: Person, *, value: str, now: datetime
) -> ListPage | NotUnderstood:
    """The page a "Share in channel" button points to, as everyone in the channel may see it.
    "Your objectives" become the sharer's, by name."""
    decoded = decode(value)
    if decoded is None:
        return NotUnderstood(value, "unknown")
    request, offset = decoded
    if request.audience.kind == "mine":
        request = ListRequest(Audience("person", viewer.user_id), request.cycle)
    return list_page(session, viewer, request=request, offset=offset, now=now, shared=True)


def message(page: ListPage) -> dict[str, Any]:
    rendered: dict[str, Any] = render("list_objectives", page=page)
    return rendered


def _who(audience: Audience) -> str:
    if audience.kind == "person":
        return mention(audience.value)
    if audience.kind == "channel":
        return channel_link(audience.value)
    return ""


def _viewer(person: Person) -> stored.Viewer:
    return stored.Viewer(person.user_id, person.is_admin)


# Who sees a message posted in a channel: anyone, so public objectives only.
EVERYONE = stored.Viewer("", False)


def _filter(audience: Audience, viewer: Person, cycle: Cycle) -> stored.Filter:
    if audience.kind == "person":
        return stored.Filter(cycle.id, owner_id=audience.value)
    if audience.kind == "channel":
        return stored.Filter(cycle.id, team_channel_id=audience.value, level="team")
    if audience.kind == "company":
        return stored.Filter(cycle.id, level="company")
    return stored.Filter(cycle.id, owner_id=viewer.user_id)


def _items(
    session: Session,
    viewer: Person,
    seen_as: stored.Viewer,
    cycle: Cycle,
    rows: list[Objective],
    today: date,
    numbers: dict[int, int],
) -> list[ObjectiveItem]:
    parents = stored.parents(
        session, viewer.team_id, {o.parent_id for o in rows if o.parent_id}, seen_as
    )
    aligned = stored.aligned_counts(session, viewer.team_id, [o.id for o in rows], seen_as)
    sources = stored_closing.sources(
        session, viewer.team_id, {o.carried_from_id for o in rows if o.carried_from_id}
    )
    items = []
    for objective in rows:
        krs = [describe(kr, cycle, today, numbers.get(kr.id, 0)) for kr in objective.key_results]
        fraction = objective_progress(kr.fraction for kr in krs)
        parent = parents.get(objective.parent_id) if objective.parent_id else None
        if parent is not None and parent.state == "deleted":
            parent = None
        items.append(
            ObjectiveItem(
                id=objective.id,
                title=objective.title,
                level=objective.level,
                owner=mention(objective.owner_id),
                channel=channel_link(objective.team_channel_id)
                if objective.team_channel_id
                else None,
                private=objective.visibility == "private",
                percent=percent(fraction),
                fraction=fraction,
                key_results=krs,
                parent=parent.title if parent is not None and parent.visible else None,
                parent_hidden=parent is not None and not parent.visible,
                parent_archived=parent is not None and parent.state == "archived",
                aligned=aligned.get(objective.id, 0),
                can_change=seen_as is not EVERYONE and can_change(objective, viewer),
                carried_from=sources.get(objective.carried_from_id or 0, ""),
                reflection=objective.reflection,
            )
        )
    return items
