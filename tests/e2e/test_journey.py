"""One person's week, across features: create an OKR, find it in the list, check in from the
list's button and by message, and read the history, all over HTTP as Slack sends it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from storage.models import KeyResult, Objective
from tests.blockkit import validate_message, validate_view
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text, opened_view, page_values
from tests.objective_forms import KRForm, ObjectiveForm, create


def listed(bot: RunningBot) -> dict[str, Any]:
    before = len(bot.slack.calls_to("response_url"))
    assert bot.command("list").status == 200
    message: dict[str, Any] = bot.slack.wait_for("response_url", count=before + 1)[-1].params
    validate_message(message)
    return message


def button(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        element
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == action_id
    )
    return found


def test_create_list_check_in_by_button_and_message_then_read_history(bot: RunningBot) -> None:
    form = ObjectiveForm(
        title="Make onboarding effortless",
        key_results=[KRForm("Weekly signups", "increase", "200", "1,000", "signups")],
    )
    assert create(bot, form)["response_action"] == "update"
    with bot.db.begin() as session:
        objective = session.scalars(select(Objective)).one()
        kr = session.scalars(select(KeyResult)).one()
        objective_id, kr_id = objective.id, kr.id

    before = listed(bot)
    assert "Make onboarding effortless" in json.dumps(before) and "*0%*" in json.dumps(before)

    # The list's own Check in button opens the modal for that objective.
    opened = len(bot.slack.calls_to("views.open"))
    check_in = button(before, "checkin_open")
    assert bot.click(check_in["action_id"], check_in["value"]).status == 200
    view = opened_view(bot, count=opened + 1)
    validate_view(view)
    answer = bot.submit(view, page_values({kr_id: ("600", "at_risk", "ads paused")})).json()
    assert answer["response_action"] == "update"
    assert "50%" in json.dumps(listed(bot)), "(600 − 200) / (1000 − 200)"

    # A message to the bot moves it again; the list follows.
    dm = {
        "type": "message",
        "channel": "D0000001",
        "channel_type": "im",
        "user": "U1",
        "text": "weekly signups 1,000 on track ads are back",
        "ts": "1763300000.000100",
    }
    assert bot.event(dm).status == 200
    reply = bot.slack.wait_for("chat.postMessage")[0].params
    validate_message(reply)
    after = json.dumps(listed(bot))
    assert "*100%*" in after and "On track" in after

    # History, from the list's button: both check-ins, newest first.
    history = button(listed(bot), "history_open")
    assert history["value"] == str(objective_id)
    opened = len(bot.slack.calls_to("views.open"))
    assert bot.click(history["action_id"], history["value"]).status == 200
    shown = blocks_text(opened_view(bot, count=opened + 1))
    assert shown.index("ads are back") < shown.index("ads paused")
