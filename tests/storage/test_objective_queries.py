"""Listing objectives costs the same number of SQL statements for 5 or 50 of them."""

from __future__ import annotations

from bot import people
from bot.objectives import listing
from bot.objectives.audience import Audience, ListRequest
from bot.paging import MESSAGE_BLOCKS
from storage.db import Database
from tests import factories
from tests.clock import FakeClock
from tests.databases import counted
from tests.factories import KR


def seed(db: Database, clock: FakeClock, how_many: int) -> None:
    """`how_many` objectives of U1, each with three key results, a parent and a check-in."""
    with db.begin() as session:
        parent = factories.objective(
            session, clock.now, title="Company goal", owner="U2", level="company"
        )
        for n in range(how_many):
            objective = factories.objective(
                session,
                clock.now,
                title=f"Objective {n}",
                parent_id=parent.id,
                visibility="private" if n % 3 else "public",
                key_results=[KR(f"KR {n}.{k}", start=0, target=10) for k in range(3)],
            )
            factories.check_in(session, objective.key_results[0], clock.now, value=5)


def statements_to_list(db: Database, clock: FakeClock, request: ListRequest) -> tuple[int, int]:
    with counted(db) as statements, db.begin() as session:
        viewer = people.person(session, factories.TEAM_ID, "U1", clock.now)
        page = listing.list_page(session, viewer, request=request, offset=0, now=clock.now)
    assert isinstance(page, listing.ListPage)
    return len(statements), len(page.items)


def test_listing_costs_a_constant_number_of_queries(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        factories.person(session, "U1", clock.now)  # stored already: no row created in the count
    seed(db, clock, 5)
    few, shown_few = statements_to_list(db, clock, ListRequest(Audience()))
    seed(db, clock, 45)
    many, shown_many = statements_to_list(db, clock, ListRequest(Audience()))
    # A heading and Show more, then seven blocks for each objective of three key results.
    full_page = (MESSAGE_BLOCKS - 2) // 7
    assert (shown_few, shown_many) == (5, full_page)
    assert few == many, f"{few} statements for 5 objectives, {many} for 50: a query per row?"
    # At most 11: one of them numbers the viewer's own key results (what a message check-in uses).
    assert many <= 11, f"{many} statements to list one page"
    company, _ = statements_to_list(db, clock, ListRequest(Audience("company")))
    assert company <= many
