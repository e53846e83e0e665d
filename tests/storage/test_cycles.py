"""storage/cycles.py: each question answered for one workspace only, on both databases."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bot.people import ensure_workspace
from storage import cycles
from storage.db import Database
from storage.models import Cycle
from tests import factories
from tests.clock import FakeClock

OTHER_TEAM = "T0002"
Q4 = (date(2026, 10, 1), date(2026, 12, 31))


def _cycle(session: Session, team_id: str, name: str, clock: FakeClock) -> Cycle:
    ensure_workspace(session, team_id, clock.now)
    cycle = Cycle(team_id=team_id, name=name, starts_on=Q4[0], ends_on=Q4[1])
    session.add(cycle)
    session.flush()
    return cycle


def test_a_cycle_is_found_by_id_only_in_its_own_workspace(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        mine = _cycle(session, factories.TEAM_ID, "2026-Q4", clock)
        assert cycles.by_id(session, factories.TEAM_ID, mine.id) is mine
        assert cycles.by_id(session, OTHER_TEAM, mine.id) is None


def test_names_are_looked_up_per_workspace(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        mine = _cycle(session, factories.TEAM_ID, "FY2027-Q2", clock)
        theirs = _cycle(session, OTHER_TEAM, "FY2027-Q2", clock)
        assert cycles.named(session, factories.TEAM_ID, "FY2027-Q2") is mine
        assert cycles.named(session, OTHER_TEAM, "FY2027-Q2") is theirs
        assert cycles.named(session, factories.TEAM_ID, "fy2027-q2") is None
        assert cycles.named_in_any_case(session, factories.TEAM_ID, " fy2027-q2 ") is mine
        assert cycles.named_in_any_case(session, OTHER_TEAM, "fy2027-q2") is theirs
        assert cycles.spanning(session, OTHER_TEAM, *Q4) is theirs
        assert cycles.spanning(session, "T-none", *Q4) is None


def test_a_cycle_is_in_use_once_any_objective_was_set_in_it(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        objective = factories.objective(session, clock.now, state="deleted")
        used = cycles.by_id(session, factories.TEAM_ID, objective.cycle_id)
        assert used is not None and cycles.in_use(session, used)
        assert not cycles.in_use(session, _cycle(session, OTHER_TEAM, "2026-Q4", clock))


def test_running_cycles_count_active_objectives_of_the_workspace(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        objective = factories.objective(session, clock.now)
        factories.objective(session, clock.now, state="archived")
        factories.objective(session, clock.now, team_id=OTHER_TEAM)
        cycle = cycles.by_id(session, factories.TEAM_ID, objective.cycle_id)
        assert cycle is not None
        today = clock.now.date()
        running = cycles.running_on(session, factories.TEAM_ID, today, except_name="other")
        assert [(c.name, c.active) for c in running] == [(cycle.name, 1)]
        assert cycles.running_on(session, factories.TEAM_ID, today, except_name=cycle.name) == []
