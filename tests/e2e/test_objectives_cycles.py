"""Cycles: calendar quarters by default, the fiscal year's first month, the workspace's zone."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from bot.people import ensure_workspace
from storage.models import AuditEvent, Cycle, Objective
from tests import factories
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.objective_forms import ObjectiveForm, create, initial_cycle, open_new, values


def configure(bot: RunningBot, *, time_zone: str = "UTC", fiscal_start: int = 1) -> None:
    with bot.db.begin() as session:
        workspace = ensure_workspace(session, TEAM_ID, bot.clock.now)
        workspace.time_zone = time_zone
        workspace.fiscal_year_start_month = fiscal_start


def test_the_current_cycle_follows_the_workspace_time_zone(bot: RunningBot) -> None:
    bot.clock.now = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
    configure(bot, time_zone="UTC")
    assert initial_cycle(open_new(bot)) == "2026-Q4"
    configure(bot, time_zone="Pacific/Auckland")  # already 1 January 2027 there
    assert initial_cycle(open_new(bot)) == "2027-Q1"
    bot.command("list")
    (listed,) = bot.slack.wait_for("response_url")
    assert "2027-Q1" in listed.params["text"]


def test_a_fiscal_year_starting_in_april_names_and_bounds_its_quarters(bot: RunningBot) -> None:
    configure(bot, fiscal_start=4)
    view = open_new(bot)
    assert initial_cycle(view) == "FY2027-Q3"
    answer = create(bot, ObjectiveForm())
    assert answer["response_action"] == "update", answer
    with bot.db.begin() as session:
        objective = session.scalars(select(Objective)).one()
        cycle = session.get(Cycle, objective.cycle_id)
        assert cycle is not None
        assert (cycle.name, cycle.starts_on, cycle.ends_on) == (
            "FY2027-Q3",
            date(2026, 10, 1),
            date(2026, 12, 31),
        )


def seed_in_calendar_q4(bot: RunningBot, title: str = "Ship the beta") -> int:
    with bot.db.begin() as session:
        return factories.objective(session, bot.clock.now, title=title).id


def cycle_of(bot: RunningBot, objective_id: int) -> tuple[str, date, date]:
    with bot.db.begin() as session:
        objective = session.get(Objective, objective_id)
        assert objective is not None
        cycle = session.get(Cycle, objective.cycle_id)
        assert cycle is not None
        return cycle.name, cycle.starts_on, cycle.ends_on


def test_a_new_fiscal_year_start_leaves_objectives_in_their_cycle(bot: RunningBot) -> None:
    objective_id = seed_in_calendar_q4(bot)
    configure(bot, fiscal_start=2)  # today is now in FY2027-Q4, 1 Nov 2026 – 31 Jan 2027
    assert initial_cycle(open_new(bot)) == "FY2027-Q4"
    bot.click("objective_edit", str(objective_id))
    form = bot.slack.wait_for("views.open", count=2)[-1].response["view"]
    assert initial_cycle(form) == "2026-Q4"
    cycle_block = next(b for b in form["blocks"] if b.get("block_id") == "objective_cycle")
    assert cycle_block["element"]["initial_option"]["text"]["text"].startswith(
        "2026-Q4 · 1 Oct – 31 Dec 2026"
    )
    answer = bot.submit(form, values(form, ObjectiveForm(title="Ship the beta, v2"))).json()
    assert answer["response_action"] == "update", answer
    assert cycle_of(bot, objective_id) == ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    with bot.db.begin() as session:
        updated = AuditEvent.entity == "objective", AuditEvent.action == "update"
        change = session.scalars(select(AuditEvent).where(*updated)).one()
        assert "title" in change.changes and "cycle" not in change.changes

    bot.command("list 2026-q4")
    (old,) = bot.slack.wait_for("response_url")
    assert "Ship the beta, v2" in json.dumps(old.params["blocks"])
    bot.command("list")
    current = bot.slack.wait_for("response_url", count=2)[-1]
    assert "FY2027-Q4" in current.params["text"]
    assert "Ship the beta" not in json.dumps(current.params["blocks"])


def test_a_quarter_with_the_same_dates_stays_the_cycle_people_use(bot: RunningBot) -> None:
    objective_id = seed_in_calendar_q4(bot)
    configure(bot, fiscal_start=4)  # 1 Oct – 31 Dec is FY2027-Q3 now: the same dates
    assert initial_cycle(open_new(bot)) == "2026-Q4"
    answer = create(bot, ObjectiveForm(title="Another one"))
    assert answer["response_action"] == "update", answer
    with bot.db.begin() as session:
        created = session.scalars(select(Objective).where(Objective.title == "Another one")).one()
        first = session.get(Objective, objective_id)
        assert first is not None and created.cycle_id == first.cycle_id
        assert session.scalar(select(func.count()).select_from(Cycle)) == 1
