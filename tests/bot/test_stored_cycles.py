"""A new fiscal year start never renames or moves a cycle in use; new cycles stay distinct."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.cycles import Quarter, quarter_of
from bot.people import ensure_workspace
from bot.stored_cycles import as_stored, cycle_of, find, named
from storage.db import Database
from storage.models import Cycle
from tests import factories
from tests.clock import FakeClock

TEAM = factories.TEAM_ID
TODAY = date(2026, 11, 16)


def set_fiscal_start(session: Session, clock: FakeClock, month: int) -> None:
    ensure_workspace(session, TEAM, clock.now).fiscal_year_start_month = month


def spans(cycle: Cycle) -> tuple[str, date, date]:
    return cycle.name, cycle.starts_on, cycle.ends_on


def test_a_cycle_spanning_the_same_dates_keeps_its_name(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        factories.objective(session, clock.now)  # in 2026-Q4, under calendar quarters
        set_fiscal_start(session, clock, 4)  # Oct–Dec is now FY2027-Q3
        october = quarter_of(TODAY, 4)
        assert october.name == "FY2027-Q3"
        assert as_stored(session, TEAM, october).name == "2026-Q4"
        assert spans(cycle_of(session, TEAM, october))[0] == "2026-Q4"
        assert session.scalar(select(func.count()).select_from(Cycle)) == 1


def test_a_name_in_use_for_other_dates_stays_theirs(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        set_fiscal_start(session, clock, 2)
        factories.objective(session, clock.now, day=date(2026, 9, 1))  # FY2027-Q3: Aug–Oct
        set_fiscal_start(session, clock, 3)
        september = quarter_of(TODAY, 3)
        assert september == Quarter("FY2027-Q3", date(2026, 9, 1), date(2026, 11, 30))
        cycle = cycle_of(session, TEAM, september)
        assert spans(cycle) == ("FY2027-Q3-Sep", date(2026, 9, 1), date(2026, 11, 30))
        assert cycle_of(session, TEAM, september).id == cycle.id
        old = find(session, TEAM, Quarter("FY2027-Q3", date(2026, 8, 1), date(2026, 10, 31)))
        assert old is not None and old.starts_on == date(2026, 8, 1)


def test_an_unused_cycle_is_only_a_name_and_follows_the_rule(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        set_fiscal_start(session, clock, 2)
        browsed = cycle_of(session, TEAM, quarter_of(date(2026, 9, 1), 2))  # nothing set in it
        set_fiscal_start(session, clock, 3)
        cycle = cycle_of(session, TEAM, quarter_of(TODAY, 3))
        assert cycle.id == browsed.id
        assert spans(cycle) == ("FY2027-Q3", date(2026, 9, 1), date(2026, 11, 30))


def test_cycles_are_found_by_the_names_people_type(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        factories.objective(session, clock.now)
        stored = named(session, TEAM, "2026-q4", 2)
        assert stored == Quarter("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
        assert named(session, TEAM, "FY2027-Q4", 2) == quarter_of(TODAY, 2)
        assert named(session, TEAM, "soon", 2) is None
        assert find(session, TEAM, quarter_of(TODAY, 2)) is None  # named, never created
