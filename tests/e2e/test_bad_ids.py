"""Ids, offsets and cycle names no database can hold get the answer an unknown one gets.

Found over HTTP: a year of 0000 or 9999, 5,000 digits, "²", numbers past 64 bits, and ids
between 2^31 and 10^11 (PostgreSQL's INTEGER ends at 2^31 - 1) answered with "something went
wrong" and a traceback.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.people import ensure_workspace
from tests import factories
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.e2e.test_list import listed, shown
from tests.objective_forms import ObjectiveForm, open_new, values, with_state
from tests.slack_requests import select_value

PAST_INTEGER = [str(2**31), "99999999999"]  # beyond PostgreSQL's INTEGER, 11 digits at most
NEVER_IDS = ["²", "9" * 20, str(2**63), *PAST_INTEGER]
UNKNOWN_ID = "999999"


@pytest.mark.parametrize("name", ["0000-Q1", "9999-Q4", "FY0000-Q1", "FY9999-Q4"])
def test_a_cycle_outside_the_calendar_is_an_unknown_cycle(bot: RunningBot, name: str) -> None:
    message = listed(bot, name)
    assert f"You have no objectives in {name} yet" in shown(message)


@pytest.mark.parametrize("name", ["FY0001-Q1", "0001-Q1", "FY9999-Q4"])
def test_a_cycle_outside_the_calendar_under_another_fiscal_year(bot: RunningBot, name: str) -> None:
    with bot.db.begin() as session:
        ensure_workspace(session, TEAM_ID, bot.clock.now).fiscal_year_start_month = 4
    message = listed(bot, name)
    assert f"You have no objectives in {name} yet" in shown(message)


@pytest.mark.parametrize("offset", NEVER_IDS)
def test_show_more_with_an_offset_no_page_has(bot: RunningBot, offset: str) -> None:
    bot.click("list_more", f"mine||2026-Q4|{offset}")
    (reply,) = bot.slack.wait_for("response_url")
    assert "I didn't understand" in reply.params["text"]


@pytest.mark.parametrize("command", ["checkin", "history"])
def test_an_objective_number_of_5000_digits(bot: RunningBot, command: str) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Delight customers")
    unknown = bot.command(f"{command} 99")
    huge = bot.command(f"{command} {'7' * 5000}")
    assert unknown.status == huge.status == 200
    told = huge.json()["text"]
    assert "None of your active objectives in 2026-Q4 is" in told
    assert told.split('"')[-1] == unknown.json()["text"].split('"')[-1], "the same next step"


def _with_parent(view: dict[str, Any], value: str) -> dict[str, Any]:
    state = values(view, ObjectiveForm())
    state["objective_parent"]["objective_parent"] = select_value(value, "external_select")
    return state


@pytest.mark.parametrize("value", NEVER_IDS)
def test_a_parent_option_naming_no_objective(bot: RunningBot, value: str) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Company goal", level="company")
    view = open_new(bot)
    known = bot.suggest("objective_parent", "", view=with_state(view, _with_parent(view, "1")))
    odd = bot.suggest("objective_parent", "", view=with_state(view, _with_parent(view, value)))
    assert odd.status == 200 and odd.json() == known.json()
    assert "Company goal" in json.dumps(odd.json(), ensure_ascii=False)

    unknown = bot.submit(view, _with_parent(view, UNKNOWN_ID)).json()
    answer = bot.submit(view, _with_parent(view, value)).json()
    assert answer["response_action"] == "errors"
    assert answer["errors"] == unknown["errors"]
    assert "can't be found any more: pick another one" in answer["errors"]["objective_parent"]


def _answer(bot: RunningBot, action: str, value: str, where: str) -> str:
    """What the person sees after a click: an ephemeral reply, or a modal the bot opened."""
    before = len(bot.slack.calls_to(where))
    assert bot.click(action, value).status == 200
    call = bot.slack.wait_for(where, count=before + 1)[-1]
    if where == "response_url":
        return str(call.params["text"])
    return json.dumps(call.params["view"]["blocks"], ensure_ascii=False)


CLICKS = [
    ("objective_edit", "response_url"),
    ("objective_archive", "response_url"),
    ("objective_delete", "response_url"),
    ("checkin_open", "views.open"),
    ("history_open", "views.open"),
    ("checkin_edit", "views.open"),
    ("checkin_undo", "response_url"),
]


@pytest.mark.parametrize(("action", "where"), CLICKS, ids=[c[0] for c in CLICKS])
@pytest.mark.parametrize("value", NEVER_IDS)
def test_a_button_naming_an_id_no_row_can_have(
    bot: RunningBot, action: str, where: str, value: str
) -> None:
    unknown = _answer(bot, action, UNKNOWN_ID, where)
    assert "exist" in unknown or "can't find" in unknown
    assert _answer(bot, action, value, where) == unknown


@pytest.mark.parametrize("value", [2**31, 99999999999, 10**20])
def test_a_check_in_page_naming_a_key_result_id_no_row_can_have(
    bot: RunningBot, value: int
) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now)
    bot.command("checkin")
    (opened,) = bot.slack.wait_for("views.open")
    view = opened.response["view"]
    forged = dict(view, private_metadata=json.dumps({"krs": [value], "page": 1, "pages": 1}))
    answer = bot.submit(forged, {}).json()
    assert answer["response_action"] == "update"
    assert "does not exist (any more)" in json.dumps(answer["view"])


@pytest.mark.parametrize("value", [2**31, 99999999999, 10**20])
def test_an_objective_form_naming_an_id_no_row_can_have(bot: RunningBot, value: int) -> None:
    """The bot never writes such an id: the form's hidden data is corrupt, as for any other."""
    view = open_new(bot)
    forged = dict(view, private_metadata=json.dumps({"o": value, "k": [[1, None, 0]], "n": 2}))
    answer = bot.submit(forged, values(view, ObjectiveForm())).json()
    assert answer["response_action"] == "update"
    assert "This form is out of date, so nothing was saved" in json.dumps(answer["view"])
