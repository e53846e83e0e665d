"""Checking in through the modal, over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from tests import factories
from tests.blockkit import validate_view
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import (
    blocks_text,
    check_ins,
    checkboxes_value,
    key_result,
    opened_view,
    page_values,
)
from tests.factories import KR


def arrange(bot: RunningBot) -> tuple[int, int]:
    """Ana's objective: signups (last check-in 300, at risk) and a milestone never checked in."""
    with bot.db.begin() as session:
        objective = factories.objective(
            session,
            bot.clock.now,
            key_results=[
                KR("Signups per week", start=0, target=1000),
                KR("Launch the beta", kind="milestone", start=None, target=None),
            ],
        )
        signups, launch = objective.key_results
        factories.check_in(session, signups, bot.clock.now, value=300, confidence="at_risk")
        return signups.id, launch.id


def block(view: dict[str, object], block_id: str) -> dict[str, object]:
    blocks = view["blocks"]
    assert isinstance(blocks, list)
    found: dict[str, object] = next(b for b in blocks if b.get("block_id") == block_id)
    return found


def test_checkin_command_opens_a_prefilled_modal_and_saves_every_key_result(
    bot: RunningBot,
) -> None:
    signups, launch = arrange(bot)
    assert bot.command("checkin").status == 200
    view = opened_view(bot)
    validate_view(view)
    assert view["callback_id"] == "checkin"
    assert block(view, f"value-{signups}")["element"]["initial_value"] == "300"  # type: ignore[index]
    confidence = block(view, f"confidence-{signups}")["element"]
    assert confidence["initial_option"]["value"] == "at_risk"  # type: ignore[index]
    assert "initial_option" not in block(view, f"confidence-{launch}")["element"]  # type: ignore[operator]

    values = page_values(
        {
            signups: ("420", "on_track", "shipped the new onboarding"),
            launch: ("done", "on_track", ""),
        }
    )
    answer = bot.submit(view, values).json()

    assert answer["response_action"] == "update"
    validate_view(answer["view"])
    summary = blocks_text(answer["view"])
    assert "Saved 2 check-ins" in summary
    assert "*42%* of the way · expected by today 51%" in summary
    rows = check_ins(bot)
    assert [(r.value, r.confidence, r.note, r.source, r.author_id) for r in rows[1:]] == [
        (420, "on_track", "shipped the new onboarding", "modal", "U1"),
        (1, "on_track", "", "modal", "U1"),
    ]
    assert rows[1].effective_on == date(2026, 11, 16)
    assert key_result(bot, signups).current_value == 420
    assert key_result(bot, signups).confidence == "on_track"
    assert key_result(bot, launch).current_value == 1


def test_a_blank_or_unchanged_key_result_is_not_recorded(bot: RunningBot) -> None:
    """Finding 2: only what changed is recorded; a blank value keeps the latest."""
    signups, launch = arrange(bot)
    bot.clock.advance(hours=1)  # not a repeat of a check-in of the last 10 minutes: news
    bot.command("checkin")
    view = opened_view(bot)
    answer = bot.submit(
        view, page_values({signups: ("300", "at_risk", ""), launch: ("not_done", None, "")})
    ).json()
    assert answer["response_action"] == "update"
    assert "Nothing was recorded: no value, confidence or note was changed." in blocks_text(
        answer["view"]
    )
    assert len(check_ins(bot)) == 1
    bot.command("checkin")
    view = opened_view(bot, count=2)
    answer = bot.submit(
        view, page_values({signups: ("", "on_track", ""), launch: ("not_done", None, "")})
    ).json()
    assert "Saved 1 check-in " in blocks_text(answer["view"])
    assert [(r.key_result_id, r.value, r.confidence) for r in check_ins(bot)] == [
        (signups, 300, "at_risk"),
        (signups, 300, "on_track"),
    ]


def test_the_check_in_button_opens_the_modal_for_that_objective(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="First")
        second = factories.objective(
            session, bot.clock.now, title="Second", key_results=[KR("Revenue", target=50)]
        )
        second_id, revenue = second.id, second.key_results[0].id
    bot.click("checkin_open", str(second_id))
    view = opened_view(bot)
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == [
        f"value-{revenue}",
        f"confidence-{revenue}",
        f"note-{revenue}",
    ]


def test_an_admin_checks_in_for_someone_else(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    signups, launch = arrange(bot)
    objective_id = key_result(bot, signups).objective_id
    bot.click("checkin_open", str(objective_id), user="UADMIN")
    view = opened_view(bot)
    values = page_values({signups: ("500", "on_track", ""), launch: ("done", "on_track", "")})
    assert bot.submit(view, values, user="UADMIN").json()["response_action"] == "update"
    assert [r.author_id for r in check_ins(bot)[1:]] == ["UADMIN", "UADMIN"]
    assert key_result(bot, signups).current_value == 500


def test_from_inside_a_modal_the_check_in_button_pushes(bot: RunningBot) -> None:
    arrange(bot)
    with bot.db.begin() as session:
        objective_id = factories.objective(session, bot.clock.now, title="Pushed").id
    bot.click("checkin_open", str(objective_id), view={"id": "V0HISTORY", "type": "modal"})
    view = opened_view(bot, method="views.push")
    assert "Pushed" in blocks_text(view)


def test_checkin_picks_an_objective_by_number_or_title_start(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Delight our customers")
        factories.objective(session, bot.clock.now, title="Grow revenue")
        factories.objective(session, bot.clock.now, title="Grow the team")
    bot.command("checkin 2")
    assert "Grow revenue" in blocks_text(opened_view(bot))
    bot.command("checkin delight")
    assert "Delight our customers" in blocks_text(opened_view(bot, count=2))

    ambiguous = bot.command("checkin grow").json()
    assert ambiguous["response_type"] == "ephemeral"
    assert "more than one" in ambiguous["text"] and "/okr checkin" not in ambiguous["text"]
    assert offered(ambiguous) == [
        ("checkin_open", "Grow revenue"),
        ("checkin_open", "Grow the team"),
    ], "a Check in button for each objective the words fit, never a command to type"
    missing = bot.command("checkin 7").json()
    assert "None of your active objectives" in missing["text"]
    assert "/okr checkin" not in missing["text"]
    assert [label for _, label in offered(missing)] == [
        "Delight our customers",
        "Grow revenue",
        "Grow the team",
    ]
    assert len(bot.slack.calls_to("views.open")) == 2
    button = next(e for b in missing["blocks"] if b["type"] == "actions" for e in b["elements"])
    bot.click(button["action_id"], button["value"])
    assert "Delight our customers" in blocks_text(opened_view(bot, count=3))


def offered(message: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (e["action_id"], e["text"]["text"])
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]


def test_checkin_without_objectives_says_how_to_make_one(bot: RunningBot) -> None:
    answer = bot.command("checkin").json()
    assert answer["response_type"] == "ephemeral"
    assert "You have no active objectives in 2026-Q4 yet. Create one" in answer["text"]
    (new,) = answer["blocks"][-1]["elements"]
    assert (new["action_id"], new["text"]["text"]) == ("objective_new", "New objective")
    assert bot.slack.calls_to("views.open") == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "is not a number"),
        ("NaN", "is not a number"),
        ("inf", "is not a number"),
        ("1e400", "not"),
        ("12,34,5", "separators"),
        ("5 5", "separators"),
        ("1 20", "separators"),
        ("99999999999999999", "too large"),
    ],
)
def test_values_that_are_not_numbers_get_inline_errors_and_nothing_is_stored(
    bot: RunningBot, typed: str, message: str
) -> None:
    signups, launch = arrange(bot)
    bot.command("checkin")
    view = opened_view(bot)
    values = page_values({signups: (typed, "on_track", ""), launch: ("done", "on_track", "")})
    answer = bot.submit(view, values).json()
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [f"value-{signups}"]
    assert message in answer["errors"][f"value-{signups}"]
    assert len(check_ins(bot)) == 1
    assert key_result(bot, launch).current_value is None


def test_a_missing_confidence_and_a_long_note_get_inline_errors(bot: RunningBot) -> None:
    signups, launch = arrange(bot)
    bot.command("checkin")
    view = opened_view(bot)
    values = page_values({signups: ("420", None, "x" * 501), launch: ("done", "on_track", "")})
    answer = bot.submit(view, values).json()
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [f"note-{signups}"], "its confidence is kept: at risk"
    assert "501 characters" in answer["errors"][f"note-{signups}"]
    assert len(check_ins(bot)) == 1


def test_a_value_out_of_range_is_questioned_inline_and_recorded_once_confirmed(
    bot: RunningBot,
) -> None:
    """Finding 6: nothing is stored until the confirm box is ticked and the form sent again."""
    signups, launch = arrange(bot)
    bot.command("checkin")
    view = opened_view(bot)
    values = page_values({signups: ("4,200", "off_track", "typo?"), launch: ("done", None, "")})
    answer = bot.submit(view, values).json()
    assert answer["response_action"] == "update"
    asked = answer["view"]
    validate_view(asked)
    confirm = block(asked, f"confirm-{signups}")
    assert "4,200 is far outside what this key result spans" in confirm["label"]["text"]  # type: ignore[index]
    assert confirm["element"]["options"][0]["text"]["text"] == "Record 4,200 anyway"  # type: ignore[index]
    assert block(asked, f"value-{signups}")["element"]["initial_value"] == "4,200"  # type: ignore[index]
    assert block(asked, f"note-{signups}")["element"]["initial_value"] == "typo?"  # type: ignore[index]
    assert len(check_ins(bot)) == 1 and key_result(bot, launch).current_value is None

    asked["id"] = view["id"]
    values[f"confirm-{signups}"] = {"confirm": checkboxes_value(["record"])}
    summary = blocks_text(bot.submit(asked, values).json()["view"])
    assert "Saved 2 check-ins" in summary
    assert "recorded as confirmed" in summary
    assert "Off track, you say, yet it is" in summary
    assert key_result(bot, signups).current_value == 4200
    assert key_result(bot, launch).current_value == 1


def test_on_track_far_behind_pace_is_flagged(bot: RunningBot) -> None:
    signups, launch = arrange(bot)
    bot.command("checkin")
    view = opened_view(bot)
    values = page_values({signups: ("100", "on_track", ""), launch: ("not_done", "at_risk", "")})
    summary = blocks_text(bot.submit(view, values).json()["view"])
    # Nov 16 is 46 of the 91 days to Dec 31: pace 51%, and 10% is far behind it.
    assert "On track, you say, yet it is 41 points under what is expected by today." in summary


def test_a_failed_database_write_shows_an_error_in_the_modal_and_keeps_nothing(
    bot: RunningBot,
) -> None:
    signups, launch = arrange(bot)
    bot.command("checkin")
    view = opened_view(bot)
    values = page_values({signups: ("420", "on_track", "a"), launch: ("done", "on_track", "")})
    with bot.db.engine.begin() as connection:
        connection.execute(text("ALTER TABLE check_ins RENAME TO check_ins_away"))
    try:
        answer = bot.submit(view, values).json()
    finally:
        with bot.db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE check_ins_away RENAME TO check_ins"))
    assert answer["response_action"] == "errors"
    assert "not saved" in answer["errors"][f"value-{signups}"]
    assert key_result(bot, signups).current_value == 300
    assert key_result(bot, launch).current_value is None

    again = bot.submit(view, values).json()
    assert again["response_action"] == "update"
    assert [(r.value, r.note) for r in check_ins(bot)] == [(300, ""), (420, "a"), (1, "")]
    assert key_result(bot, signups).current_value == 420


def test_past_slacks_100_blocks_the_check_in_goes_page_by_page(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        for name in ("First", "Second", "Third"):
            factories.objective(
                session,
                bot.clock.now,
                title=name,
                key_results=[KR(f"{name} result {i}", target=10) for i in range(9)],
            )
    bot.command("checkin")
    first = opened_view(bot)
    validate_view(first)
    assert first["title"]["text"] == "Check in · 1 of 2"
    assert first["submit"]["text"] == "Save & next"
    on_first = json.loads(first["private_metadata"])["krs"]
    assert len(on_first) == 18
    answer = bot.submit(first, page_values(dict.fromkeys(on_first, ("5", "on_track", "")))).json()

    second = answer["view"]
    validate_view(second)
    assert second["title"]["text"] == "Check in · 2 of 2"
    assert second["submit"]["text"] == "Check in"
    assert "Saved 18 check-ins" in blocks_text(second)
    assert "Third result 0" in blocks_text(second)
    on_second = json.loads(second["private_metadata"])["krs"]
    assert len(on_second) == 9
    done = bot.submit(second, page_values(dict.fromkeys(on_second, ("7", "at_risk", "")))).json()

    assert "Saved 27 check-ins" in blocks_text(done["view"])
    validate_view(done["view"])
    assert sorted(r.key_result_id for r in check_ins(bot)) == sorted(on_first + on_second)


def test_an_objective_without_key_results_says_what_to_do(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now, title="Just an idea")
        objective.key_results.clear()
        objective_id = objective.id
    bot.click("checkin_open", str(objective_id))
    view = opened_view(bot)
    assert view["callback_id"] == "refusal"
    assert "*Just an idea* has no key results to check in on yet" in blocks_text(view)
    assert offered(view) == [("objective_edit", "Edit")], "its Edit button, not a command"
    bot.click("objective_edit", str(objective_id), view=view)
    pushed = opened_view(bot, method="views.push")
    assert json.loads(pushed["private_metadata"])["o"] == objective_id, "on top of the refusal"
    answer = bot.command("checkin").json()
    assert "no key results" in answer["text"] and "/okr edit" not in answer["text"]
    assert offered(answer) == [("objective_edit", "Edit Just an idea")]
    bot.click("objective_edit", str(objective_id))
    form = opened_view(bot, count=2)
    assert json.loads(form["private_metadata"])["o"] == objective_id, "its edit form opens"


def test_the_confirm_box_names_the_value_as_the_question_does(bot: RunningBot) -> None:
    """Typed as 4200, questioned as 4,200: the box to tick says 4,200 too, not what was typed."""
    signups, launch = arrange(bot)
    bot.command("checkin")
    view = opened_view(bot)
    values = page_values({signups: ("4200", "off_track", ""), launch: ("done", None, "")})
    asked = bot.submit(view, values).json()["view"]
    confirm = block(asked, f"confirm-{signups}")
    assert "4,200 is far outside" in confirm["label"]["text"]  # type: ignore[index]
    assert confirm["element"]["options"][0]["text"]["text"] == "Record 4,200 anyway"  # type: ignore[index]
    assert block(asked, f"value-{signups}")["element"]["initial_value"] == "4200"  # type: ignore[index]
