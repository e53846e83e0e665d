"""History, editing and backdating check-ins, over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import text

from tests import factories
from tests.blockkit import validate_view
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import (
    audit_rows,
    blocks_text,
    check_ins,
    checkboxes_value,
    key_result,
    opened_view,
    page_values,
)
from tests.factories import KR
from tests.slack_requests import date_value


def arrange(bot: RunningBot, owner: str = "U1") -> tuple[int, int, list[int]]:
    """An objective with three check-ins of signups (Oct 5: 100, Nov 2: 250, Nov 16: 400)."""
    with bot.db.begin() as session:
        objective = factories.objective(
            session,
            bot.clock.now,
            owner=owner,
            key_results=[
                KR("Signups per week", start=0, target=1000),
                KR("Churn", kind="decrease", start=10, target=5),
            ],
        )
        signups = objective.key_results[0]
        ids = [
            factories.check_in(
                session,
                signups,
                bot.clock.now,
                value=value,
                effective_on=day,
                author=owner,
                confidence=confidence,
                note=note,
            ).id
            for value, day, confidence, note in [
                (100, date(2026, 10, 5), "on_track", "first week"),
                (250, date(2026, 11, 2), "at_risk", "<!channel> ads paused"),
                (400, date(2026, 11, 16), "on_track", ""),
            ]
        ]
        return objective.id, signups.id, ids


def edit_button(view: dict[str, Any], check_in_id: int) -> dict[str, Any] | None:
    for b in view["blocks"]:
        accessory = b.get("accessory") or {}
        if accessory.get("action_id") == "checkin_edit" and accessory.get("value") == str(
            check_in_id
        ):
            return accessory
    return None


def edit_values(
    kr_id: int, value: str, confidence: str, note: str, day: str | None, delete: bool = False
) -> dict[str, dict[str, dict[str, Any]]]:
    values = page_values({kr_id: (value, confidence, note)})
    values["effective_on"] = {"effective_on": date_value(day)}
    values["delete"] = {"delete": checkboxes_value(["delete"] if delete else [])}
    return values


def test_history_shows_the_last_check_ins_with_a_trend(bot: RunningBot) -> None:
    _, _, ids = arrange(bot)
    assert bot.command("history").status == 200
    view = opened_view(bot)
    validate_view(view)
    read = blocks_text(view)
    assert "*1. Signups per week*  `▂▃▄`" in read
    assert "Churn*  _no check-ins yet_" in read
    assert read.index("Nov 16") < read.index("Nov 2") < read.index("Oct 5")
    assert "&lt;!channel&gt; ads paused" in read and "<!channel>" not in read
    assert all(edit_button(view, i) for i in ids)


def test_the_history_button_shows_anyone_a_public_objective_without_edit_buttons(
    bot: RunningBot,
) -> None:
    objective_id, _, ids = arrange(bot, owner="U2")
    bot.click("history_open", str(objective_id), user="U1")
    view = opened_view(bot)
    assert "Signups per week" in blocks_text(view)
    assert not any(edit_button(view, i) for i in ids)


def test_editing_and_backdating_keeps_an_audit_trail_and_refreshes_history(
    bot: RunningBot,
) -> None:
    _, signups, ids = arrange(bot)
    bot.command("history")
    history = opened_view(bot)
    bot.click("checkin_edit", str(ids[2]), view=history)
    editor = opened_view(bot, method="views.push")
    validate_view(editor)

    bot.clock.advance(days=1)
    reply = bot.submit(editor, edit_values(signups, "380", "at_risk", "recount", "2026-10-20"))

    assert reply.body == ""  # closes the editor, back to the history
    assert key_result(bot, signups).current_value == 250  # Nov 2 is now the latest
    edited = check_ins(bot)[2]
    assert (edited.value, edited.confidence, edited.note, edited.effective_on) == (
        380,
        "at_risk",
        "recount",
        date(2026, 10, 20),
    )
    (event,) = audit_rows(bot)
    assert (event.entity, event.entity_id, event.action, event.actor_id) == (
        "check_in",
        ids[2],
        "update",
        "U1",
    )
    assert event.changes == {
        "value": {"old": 400, "new": 380},
        "confidence": {"old": "on_track", "new": "at_risk"},
        "note": {"old": "", "new": "recount"},
        "effective_on": {"old": "2026-11-16", "new": "2026-10-20"},
    }
    (update,) = bot.slack.wait_for("views.update")
    assert update.params["view_id"] == history["id"]
    refreshed = blocks_text(update.params["view"])
    assert (
        "*Oct 20 (entered Nov 16)* · 380 · :large_yellow_circle: At risk · <@U1> · _edited_"
        in refreshed
    )

    bot.click("checkin_edit", str(ids[2]), view=history)
    trail = blocks_text(opened_view(bot, count=2, method="views.push"))
    assert "value 400 → 380" in trail and "date Nov 16 → Oct 20" in trail


def test_saving_an_unchanged_edit_changes_nothing(bot: RunningBot) -> None:
    _, signups, ids = arrange(bot)
    bot.click("checkin_edit", str(ids[1]))
    editor = opened_view(bot)
    note = next(b for b in editor["blocks"] if b.get("block_id") == f"note-{signups}")
    prefilled = note["element"]["initial_value"]
    assert prefilled == "‹!channel› ads paused"
    reply = bot.submit(editor, edit_values(signups, "250", "at_risk", prefilled, "2026-11-02"))
    assert reply.body == ""
    assert check_ins(bot)[1].note == "<!channel> ads paused"
    assert audit_rows(bot) == []


def test_a_date_outside_the_cycle_or_in_the_future_is_refused_inline(bot: RunningBot) -> None:
    _, signups, ids = arrange(bot)
    bot.click("checkin_edit", str(ids[2]))
    editor = opened_view(bot)
    for day, words in [
        ("2026-09-30", "within 2026-Q4 (Oct 1 – Dec 31, 2026)"),
        ("2026-11-17", "today (Nov 16) or an earlier day"),
        (None, "Pick the date"),
    ]:
        answer = bot.submit(editor, edit_values(signups, "1", "on_track", "", day)).json()
        assert answer["response_action"] == "errors"
        assert words in answer["errors"]["effective_on"]
    assert check_ins(bot)[2].value == 400
    assert audit_rows(bot) == []


def test_bad_values_in_an_edit_get_inline_errors(bot: RunningBot) -> None:
    _, signups, ids = arrange(bot)
    bot.click("checkin_edit", str(ids[0]))
    editor = opened_view(bot)
    answer = bot.submit(editor, edit_values(signups, "NaN", "on_track", "", "2026-10-05")).json()
    assert "is not a number" in answer["errors"][f"value-{signups}"]
    assert check_ins(bot)[0].value == 100


def test_deleting_a_check_in_restores_the_one_before_and_is_audited(bot: RunningBot) -> None:
    _, signups, ids = arrange(bot)
    bot.click("checkin_edit", str(ids[2]))
    editor = opened_view(bot)
    bot.submit(editor, edit_values(signups, "400", "on_track", "", "2026-11-16", delete=True))
    assert [r.id for r in check_ins(bot)] == ids[:2]
    deleted = check_ins(bot, deleted=True)[2]
    assert (deleted.deleted_by, deleted.value) == ("U1", 400)
    assert (key_result(bot, signups).current_value, key_result(bot, signups).confidence) == (
        250,
        "at_risk",
    )
    (event,) = audit_rows(bot)
    assert (event.entity_id, event.action) == (ids[2], "delete")


def test_an_edit_that_cannot_be_stored_says_so_in_the_modal(bot: RunningBot) -> None:
    _, signups, ids = arrange(bot)
    bot.click("checkin_edit", str(ids[2]))
    editor = opened_view(bot)
    with bot.db.engine.begin() as connection:
        connection.execute(text("ALTER TABLE audit_events RENAME TO audit_events_away"))
    try:
        answer = bot.submit(editor, edit_values(signups, "1", "off_track", "", "2026-11-16")).json()
    finally:
        with bot.db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE audit_events_away RENAME TO audit_events"))
    assert "not saved" in answer["errors"]["effective_on"]
    assert check_ins(bot)[2].value == 400
    assert key_result(bot, signups).current_value == 400


def test_history_picks_an_objective_or_says_there_is_none(bot: RunningBot) -> None:
    assert "You have no active objectives in 2026-Q4" in bot.command("history").json()["text"]
    arrange(bot)
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Grow revenue")
    bot.command("history grow")
    read = blocks_text(opened_view(bot))
    assert "Grow revenue" in read and "Signups per week" not in read
    missing = bot.command("history 3").json()
    assert "None of your active objectives" in missing["text"]
    assert "/okr history" not in missing["text"]
    (row,) = [b for b in missing["blocks"] if b["type"] == "actions"]
    assert [(e["action_id"], e["text"]["text"]) for e in row["elements"]] == [
        ("history_open", "Delight our customers"),
        ("history_open", "Grow revenue"),
    ], "a History button for each objective, never a command to type"


def test_a_view_id_forged_into_the_editor_is_never_updated(bot: RunningBot) -> None:
    _, signups, ids = arrange(bot)
    bot.command("new", user="U2")
    victim = opened_view(bot)  # Bo's objective form, open on his screen
    bot.command("history")
    history = opened_view(bot, count=2)
    bot.click("checkin_edit", str(ids[2]), view=history)
    editor = opened_view(bot, method="views.push")
    metadata = json.loads(editor["private_metadata"])
    forged = {**editor, "private_metadata": json.dumps({**metadata, "history": victim["id"]})}

    reply = bot.submit(forged, edit_values(signups, "380", "at_risk", "", "2026-11-16"))

    assert reply.body == ""
    assert check_ins(bot)[2].value == 380
    (update,) = bot.slack.wait_for("views.update")
    assert update.params["view_id"] == history["id"], "the view beneath the editor, from Slack"
