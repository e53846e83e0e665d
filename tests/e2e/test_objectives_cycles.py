"""Cycles: calendar quarters by default, the fiscal year's first month, the workspace's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.people import ensure_workspace
from storage.models import Cycle, Objective
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.objective_forms import ObjectiveForm, create, initial_cycle, open_new


def configure(bot: RunningBot, *, time_zone: str = "UTC", fiscal_start: int = 1) -> None:
    with bot.db.begin() as session:
        workspace = ensure_workspace(session, TEAM_ID, bot.clock.now)
        workspace.time_zone = time_zone
        workspace.settings.fiscal_year_start_month = fiscal_start


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
