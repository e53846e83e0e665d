"""Aligning objectives: the searchable parent select (block_suggestion) and its checks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from storage.models import Objective
from tests import factories, slack_requests
from tests.blockkit import validate_options
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.objective_forms import ObjectiveForm, create, open_new, values, with_state


def seed(bot: RunningBot, title: str, **fields: Any) -> int:
    with bot.db.begin() as session:
        return factories.objective(session, bot.clock.now, title=title, **fields).id


def options(
    bot: RunningBot,
    view: dict[str, Any],
    typed: str = "",
    *,
    user: str = "U1",
    cycle: str | None = None,
) -> list[tuple[str, str]]:
    state = values(view, ObjectiveForm(cycle=cycle))
    reply = bot.suggest("objective_parent", typed, view=with_state(view, state), user=user)
    assert reply.status == 200, reply.body
    answer = reply.json()
    validate_options(answer)
    return [(o["value"], o["text"]["text"]) for o in answer["options"]]


def test_the_parent_select_offers_visible_active_objectives_of_the_cycle(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    company = seed(bot, "Win the market", owner="U2", level="company")
    team = seed(bot, "Ship faster", owner="U2", level="team", team_channel_id="C0TEAM")
    seed(bot, "Their secret", owner="U2", visibility="private")
    seed(bot, "Their own thing", owner="U2")
    mine = seed(bot, "My own thing", owner="U1")
    seed(bot, "Put away", state="archived")
    seed(bot, "Last quarter", day=bot.clock.now.date() - timedelta(days=100))
    seed(bot, "Elsewhere", team_id="T0002")
    view = open_new(bot)
    assert options(bot, view) == [
        (str(company), "🏢 Win the market"),
        (str(team), "👥 Ship faster"),
        (str(mine), "👤 My own thing"),
    ], "company and team objectives, and the person's own: never a teammate's personal one"
    assert options(bot, view, "SHIP") == [(str(team), "👥 Ship faster")]
    assert [label for _, label in options(bot, view, user="UADMIN")] == [
        "🏢 Win the market",
        "👥 Ship faster",
        "👤 My own thing",
    ], "an admin in U1's form: U1's personal objectives, never U2's, private or not"


def test_a_teammates_personal_objective_is_refused_as_a_parent(bot: RunningBot) -> None:
    theirs = seed(bot, "Their own thing", owner="U2")
    form = ObjectiveForm(title="Mine", parent=(theirs, "Their own thing"))
    answer = create(bot, form)
    assert answer["response_action"] == "errors"
    assert answer["errors"]["objective_parent"] == (
        "“Their own thing” is a teammate's personal objective: align to a company or team "
        "objective, or to one of your own."
    )


def test_the_parent_select_follows_the_cycle_picked_in_the_modal(bot: RunningBot) -> None:
    seed(bot, "This quarter")
    later = seed(bot, "Next quarter", day=bot.clock.now.date() + timedelta(days=60))
    view = open_new(bot)
    assert options(bot, view, cycle="2027-Q1") == [(str(later), "👤 Next quarter")]


def test_editing_never_offers_itself_or_what_is_aligned_below_it(bot: RunningBot) -> None:
    top = seed(bot, "Top")
    middle = seed(bot, "Middle", parent_id=top)
    seed(bot, "Bottom", parent_id=middle)
    other = seed(bot, "Other")
    bot.click("objective_edit", str(middle))
    (opened,) = bot.slack.wait_for("views.open")
    view = opened.response["view"]
    assert sorted(options(bot, view)) == sorted([(str(top), "👤 Top"), (str(other), "👤 Other")])


def test_an_objective_is_created_aligned_and_shows_it(bot: RunningBot) -> None:
    parent = seed(bot, "Win the market", owner="U2", level="company")
    answer = create(bot, ObjectiveForm(parent=(parent, "🏢 Win the market")))
    assert answer["response_action"] == "update", answer
    with bot.db.begin() as session:
        child = session.scalars(select(Objective).where(Objective.owner_id == "U1")).one()
        assert child.parent_id == parent
    bot.command("list")
    (listed,) = bot.slack.wait_for("response_url")
    assert "Aligned to *Win the market*" in str(listed.params["blocks"])


def test_a_loop_is_refused(bot: RunningBot) -> None:
    top = seed(bot, "Top")
    below = seed(bot, "Below", parent_id=top)
    bot.click("objective_edit", str(top))
    (opened,) = bot.slack.wait_for("views.open")
    view = opened.response["view"]
    answer = bot.submit(
        view, values(view, ObjectiveForm(title="Top", parent=(below, "Below")))
    ).json()
    assert answer["response_action"] == "errors"
    assert "would make a loop" in answer["errors"]["objective_parent"]
    with bot.db.begin() as session:
        objective = session.get(Objective, top)
        assert objective is not None and objective.parent_id is None


def test_an_objective_with_aligned_children_keeps_its_cycle(bot: RunningBot) -> None:
    top = seed(bot, "Top")
    seed(bot, "Below", parent_id=top, owner="U2")
    bot.click("objective_edit", str(top))
    (opened,) = bot.slack.wait_for("views.open")
    view = opened.response["view"]
    answer = bot.submit(view, values(view, ObjectiveForm(title="Top", cycle="2027-Q1"))).json()
    assert "aligned to this one" in answer["errors"]["objective_cycle"]


def test_a_suggestion_request_with_a_bad_signature_is_refused(bot: RunningBot) -> None:
    seed(bot, "Win the market")
    view = open_new(bot)
    payload = slack_requests.block_suggestion_payload(
        team_id=TEAM_ID,
        user_id="U1",
        action_id="objective_parent",
        block_id="objective_parent",
        value="",
        view=view,
    )
    reply = bot.post(
        slack_requests.interactivity_body(payload),
        "application/x-www-form-urlencoded",
        signature="v0=" + "0" * 64,
    )
    assert reply.status == 401
    assert "Win the market" not in reply.body
