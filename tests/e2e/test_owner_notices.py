"""An owner is told by DM when someone else changes their objective or checks in on it: who, what,
before → after, with a button to its history; never of their own changes. The notice is queued
in the outbox in the transaction of the change (the sender delivers it)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from storage.models import KeyResult, OutboxMessage
from tests.blockkit import validate_message
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import opened_view, page_values
from tests.e2e.test_history import arrange as history_arrange
from tests.e2e.test_history import edit_values
from tests.e2e.test_objectives_edit import open_edit, seed
from tests.factories import KR
from tests.objective_forms import KRForm, ObjectiveForm, latest_update, values

SIGNUPS = KR("Weekly signups", start=300, target=600, unit_kind="word", unit="signups")


def notices(bot: RunningBot) -> list[OutboxMessage]:
    with bot.db.begin() as session:
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == "change_notice")
            .order_by(OutboxMessage.id)
        )
        return list(rows)


def shown(row: OutboxMessage) -> str:
    """What the owner reads: the text of every block."""
    message = {"channel": row.channel, **row.payload}
    validate_message(message)
    texts = []
    for block in row.payload["blocks"]:
        if "text" in block:
            texts.append(block["text"]["text"])
        texts.extend(e.get("text", "") for e in block.get("elements", []) if e["type"] == "mrkdwn")
    return "\n".join(texts)


def buttons(row: OutboxMessage) -> list[tuple[str, str, str]]:
    return [
        (e["action_id"], e["value"], e["text"]["text"])
        for block in row.payload["blocks"]
        if block["type"] == "actions"
        for e in block["elements"]
    ]


def admin_edit(bot: RunningBot, objective_id: int, form: ObjectiveForm) -> None:
    view = open_edit(bot, objective_id, user="UADMIN")
    answer = bot.submit(view, values(view, form), user="UADMIN").json()
    assert answer["response_action"] == "update", answer


def test_an_admin_edit_tells_the_owner_who_what_before_and_after(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    objective_id = seed(bot, title="Grow signups", owner="U2", key_results=[SIGNUPS])
    form = ObjectiveForm(
        title="Grow weekly signups",
        owner="U2",
        key_results=[KRForm("Weekly signups", "increase", "300", "800", "signups")],
    )
    admin_edit(bot, objective_id, form)

    (row,) = notices(bot)
    assert (row.channel, row.dedupe_key.split(":")[:2]) == ("U2", ["change_notice", "U2"])
    assert row.payload["text"] == "<@UADMIN> changed your objective “Grow weekly signups”"
    text = shown(row)
    assert "<@UADMIN> changed your objective *Grow weekly signups*:" in text
    assert "• Title: “Grow signups” → “Grow weekly signups”" in text
    assert "• Key result “Weekly signups”: target: 600 signups → 800 signups" in text
    assert buttons(row) == [("history_open", str(objective_id), "View its history")]
    # The owner's click on it, in the DM, opens the history.
    assert bot.click("history_open", str(objective_id), user="U2").status == 200
    history = opened_view(bot, count=2)
    assert history["callback_id"] == "history" and "Grow weekly signups" in json.dumps(history)


def test_no_notice_for_the_owners_own_changes(bot: RunningBot) -> None:
    objective_id = seed(bot, title="Grow signups", owner="U1")
    view = open_edit(bot, objective_id)
    assert bot.submit(view, values(view, ObjectiveForm(title="Mine, renamed"))).status == 200
    view = open_edit(bot, objective_id)
    bot.click("objective_archive", str(objective_id), view=view)
    assert "is archived" in str(latest_update(bot))
    assert notices(bot) == []


def test_a_new_owner_and_the_previous_one_are_both_told(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    objective_id = seed(bot, title="Hand over", owner="U2")
    admin_edit(bot, objective_id, ObjectiveForm(title="Hand over", owner="U3"))
    rows = notices(bot)
    assert sorted(r.channel for r in rows) == ["U2", "U3"]
    for row in rows:
        assert "• Owner: <@U2> → <@U3>" in shown(row)


def test_archive_and_delete_by_an_admin_are_told(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    archived = seed(bot, title="Old news", owner="U2")
    deleted = seed(bot, title="Gone", owner="U2")
    for number, (action, objective_id) in enumerate(
        [("objective_archive", archived), ("objective_delete", deleted)], start=1
    ):
        view = open_edit(bot, objective_id, user="UADMIN")
        bot.click(action, str(objective_id), view=view, user="UADMIN")
        latest_update(bot, number)
    archive, delete = notices(bot)
    assert "<@UADMIN> archived your objective *Old news*." in shown(archive)
    assert buttons(archive) == [("history_open", str(archived), "View its history")]
    opened = len(bot.slack.calls_to("views.open"))
    assert bot.click("history_open", str(archived), user="U2").status == 200
    assert opened_view(bot, count=opened + 1)["callback_id"] == "history", "archived keeps it"
    assert "<@UADMIN> deleted your objective *Gone*." in shown(delete)
    assert buttons(delete) == [], "a deleted objective has no history to open"


def test_a_check_in_by_an_admin_is_told_with_the_value_before_and_after(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    objective_id = seed(bot, title="Grow signups", owner="U2", key_results=[SIGNUPS])
    assert bot.click("checkin_open", str(objective_id), user="UADMIN").status == 200
    view = opened_view(bot)
    kr_id = _kr_id(bot)
    typed = page_values({kr_id: ("420", "at_risk", "ads <!channel> paused")})
    answer = bot.submit(view, typed, user="UADMIN")
    assert answer.json()["response_action"] == "update"
    (row,) = notices(bot)
    text = shown(row)
    assert "<@UADMIN> checked in on your objective *Grow signups*:" in text
    assert "• “Weekly signups”: no value yet → 420 signups, at risk" in text
    assert "• Note: “ads &lt;!channel&gt; paused”" in text
    assert "<!channel>" not in json.dumps(row.payload)


def _kr_id(bot: RunningBot) -> int:
    with bot.db.begin() as session:
        return session.scalars(select(KeyResult.id)).one()


def test_a_hostile_title_cannot_ping_the_owner(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    objective_id = seed(bot, title="Plain", owner="U2")
    admin_edit(bot, objective_id, ObjectiveForm(title="<!here> & <@U9>", owner="U2"))
    (row,) = notices(bot)
    payload: Any = json.dumps(row.payload)
    assert "<!here>" not in payload and "<@U9>" not in payload
    assert "“&lt;!here&gt; &amp; &lt;@U9&gt;”" in shown(row)


def test_an_admin_correcting_or_deleting_a_check_in_is_told(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    _, signups, ids = history_arrange(bot, owner="U2")
    bot.click("checkin_edit", str(ids[2]), user="UADMIN")
    editor = opened_view(bot)
    typed = edit_values(signups, "380", "at_risk", "", "2026-11-16")
    assert bot.submit(editor, typed, user="UADMIN").status == 200
    bot.click("checkin_edit", str(ids[1]), user="UADMIN")
    editor = opened_view(bot, count=2)
    deleting = edit_values(signups, "250", "at_risk", "", "2026-11-02", delete=True)
    assert bot.submit(editor, deleting, user="UADMIN").status == 200

    edited, deleted = notices(bot)
    text = shown(edited)
    assert "<@UADMIN> edited a check-in of your objective *Delight our customers*:" in text
    assert "• “Signups per week” check-in of Nov 16: value: 400 → 380" in text
    assert "• “Signups per week” check-in of Nov 16: confidence: On track → At risk" in text
    assert "<@UADMIN> deleted a check-in of your objective" in shown(deleted)
    assert "• “Signups per week” check-in of Nov 2: 250" in shown(deleted)
    assert edited.dedupe_key != deleted.dedupe_key, "one notice per change"


def test_an_owner_correcting_their_own_check_in_is_not_told(bot: RunningBot) -> None:
    _, signups, ids = history_arrange(bot, owner="U1")
    bot.click("checkin_edit", str(ids[2]))
    editor = opened_view(bot)
    assert (
        bot.submit(editor, edit_values(signups, "380", "at_risk", "", "2026-11-16")).status == 200
    )
    assert notices(bot) == []
