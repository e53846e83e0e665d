"""Every answer offers the next step as a button: sharing a list in its channel (never a private
objective), the History and Check in buttons of confirmations, and help that names check-ins by
message and the Home tab."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from storage.models import KeyResult
from tests import factories
from tests.blockkit import validate_message
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import opened_view, page_values
from tests.e2e.test_list import buttons, listed, shown
from tests.objective_forms import KRForm, ObjectiveForm, create


def share(bot: RunningBot, message: dict[str, Any], *, user: str = "U1") -> dict[str, Any]:
    (value,) = [v for action, v in buttons(message) if action == "list_share"]
    before = len(bot.slack.calls_to("response_url"))
    assert bot.click("list_share", value, user=user).status == 200
    call = bot.slack.wait_for("response_url", count=before + 1)[-1]
    assert call.status == 200, call.response
    posted: dict[str, Any] = call.params
    validate_message(posted)
    return posted


def test_a_list_is_shared_in_its_channel_without_private_objectives(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        secret_parent = factories.objective(
            session, bot.clock.now, title="Secret company bet", owner="U9", visibility="private"
        )
        public = factories.objective(
            session, bot.clock.now, title="Public goal", parent_id=secret_parent.id
        )
        factories.objective(session, bot.clock.now, title="My secret", visibility="private")
        public_id = public.id
    mine = listed(bot)
    assert "My secret" in shown(mine), "the person sees their own private objective"

    posted = share(bot, mine)
    assert posted["response_type"] == "in_channel" and posted["replace_original"] is False
    text = shown(posted)
    assert "*Objectives of <@U1>*  ·  2026-Q4" in text, "not 'Your objectives' in a channel"
    assert "Shared by <@U1>. Private objectives are never shared." in text
    assert "Public goal" in text
    assert "My secret" not in text and ":lock:" not in text
    assert "Secret company bet" not in text and "Aligned to a private objective" in text
    assert buttons(posted) == [("history_open", str(public_id))], "nothing to change, no re-share"


def test_an_admin_sharing_someones_list_never_shares_their_private_objectives(
    bot: RunningBot,
) -> None:
    bot.introduce("UADMIN")
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Bo's public", owner="U2")
        factories.objective(
            session, bot.clock.now, title="Bo's private", owner="U2", visibility="private"
        )
    seen = listed(bot, "<@U2>", user="UADMIN")
    assert "Bo's private" in shown(seen)
    posted = share(bot, seen, user="UADMIN")
    assert "Bo's public" in shown(posted) and "Bo's private" not in shown(posted)
    assert "Shared by <@UADMIN>" in shown(posted)


def test_a_forged_share_value_is_answered_not_shared(bot: RunningBot) -> None:
    assert bot.click("list_share", "mine|x|2026-Q4|0").status == 200
    (answer,) = bot.slack.wait_for("response_url")
    assert answer.params.get("response_type") != "in_channel"


def test_a_saved_objective_offers_check_in_edit_and_history(bot: RunningBot) -> None:
    answer = create(bot, ObjectiveForm(title="Ship it", key_results=[KRForm()]))
    saved = answer["view"]
    text = json.dumps(saved["blocks"])
    assert "/okr edit" not in text and "`/okr history`" not in text
    elements = [e for b in saved["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(e["action_id"], e["text"]["text"]) for e in elements] == [
        ("checkin_open", "Check in"),
        ("objective_edit", "Edit"),
        ("history_open", "History"),
    ]


def test_a_check_in_confirmation_offers_its_history(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now, title="Grow")
        objective_id, kr_id = objective.id, objective.key_results[0].id
    bot.click("checkin_open", str(objective_id))
    view = opened_view(bot)
    done = bot.submit(view, page_values({kr_id: ("30", "on_track", "")})).json()["view"]
    assert "`/okr history`" not in json.dumps(done)
    (history,) = [e for b in done["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert (history["action_id"], history["value"]) == ("history_open", str(objective_id))
    # Clicked inside the confirmation, the history opens on top of it.
    shown_now = {**done, "id": view["id"], "hash": view["hash"]}  # the same modal, updated
    assert bot.click("history_open", history["value"], view=shown_now).status == 200
    (pushed,) = bot.slack.wait_for("views.push")
    assert pushed.params["view"]["callback_id"] == "history"


def test_help_names_check_ins_by_message_and_the_home_tab_with_buttons(bot: RunningBot) -> None:
    answer = bot.command("help").json()
    text = json.dumps(answer["blocks"])
    assert "*Check in by message*: send me a direct message, one line per key result" in text
    assert "*Home tab*" in text
    elements = [e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(e["action_id"], e["text"]["text"]) for e in elements] == [
        ("objective_new", "New objective"),
        ("checkin_mine", "Check in"),
    ]


def test_check_in_button_without_objectives_says_what_to_do(bot: RunningBot) -> None:
    """From help, before any objective: no modal to open, the reason and the next step."""
    assert bot.click("checkin_mine", "all").status == 200
    (answer,) = bot.slack.wait_for("response_url")
    assert "You have no active objectives in 2026-Q4 yet" in answer.params["text"]
    assert bot.slack.calls_to("views.open") == []


def test_a_message_check_in_without_objectives_offers_a_new_one(bot: RunningBot) -> None:
    dm = {
        "type": "message",
        "channel": "D0000001",
        "channel_type": "im",
        "user": "U1",
        "text": "signups 420 on track",
        "ts": "1763300000.000100",
    }
    assert bot.event(dm).status == 200
    reply = bot.slack.wait_for("chat.postMessage")[0].params
    elements = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(e["action_id"], e["text"]["text"]) for e in elements] == [
        ("objective_new", "New objective")
    ]
    with bot.db.begin() as session:
        assert session.scalars(select(KeyResult)).all() == []
