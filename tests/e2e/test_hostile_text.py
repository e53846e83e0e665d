"""Control and invisible characters in what people type: an inline error naming the character.

Found over HTTP: on PostgreSQL a NUL byte closed the objective modal with a generic DM, and a
check-in note with one answered "the database did not answer" on every retry; titles of only
zero-width spaces were accepted; ESC, BEL, DEL and the right-to-left override were stored and
shown back. Nothing of a refused form is stored; emoji sequences and every script still work.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from storage.models import AuditEvent, CheckIn, KeyResult, Objective
from tests import factories
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text, check_ins, opened_view, page_values
from tests.e2e.test_checkin_message import dm
from tests.e2e.test_history import edit_values
from tests.e2e.test_settings import open_settings, save, stored
from tests.factories import KR
from tests.hostile_texts import ACCEPTED, REFUSED
from tests.objective_forms import KRForm, ObjectiveForm, create, open_new, values, with_state

REFUSED_IDS = [r[0] for r in REFUSED]
ACCEPTED_IDS = [a[0] for a in ACCEPTED]
# A few of the table for the fields after the title: enough to show each field is checked.
SOME = [r for r in REFUSED if r[0] in {"NUL", "right-to-left override", "only zero-width spaces"}]


def stored_objectives(bot: RunningBot) -> int:
    with bot.db.begin() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0
        return int(session.scalar(select(func.count()).select_from(Objective)) or 0)


def refused_on(bot: RunningBot, form: ObjectiveForm, block: str, code: str) -> None:
    answer = create(bot, form)
    assert answer["response_action"] == "errors", answer
    assert f"({code})" in answer["errors"].get(block, ""), answer["errors"]
    assert "delete it" in answer["errors"][block]
    assert stored_objectives(bot) == 0


@pytest.mark.parametrize(("text", "code"), [r[1:] for r in REFUSED], ids=REFUSED_IDS)
def test_objective_title(bot: RunningBot, text: str, code: str) -> None:
    refused_on(bot, ObjectiveForm(title=text), "objective_title", code)


FIELDS: dict[str, tuple[str, Any]] = {
    "description": ("objective_description", lambda t: ObjectiveForm(description=t)),
    "key result title": ("kr1_title", lambda t: ObjectiveForm(key_results=[KRForm(title=t)])),
    "unit": ("kr1_unit", lambda t: ObjectiveForm(key_results=[KRForm(unit=f"sign{t}ups")])),
    "start": ("kr1_start", lambda t: ObjectiveForm(key_results=[KRForm(start=f"3{t}0")])),
}


@pytest.mark.parametrize("field", FIELDS, ids=list(FIELDS))
@pytest.mark.parametrize(("text", "code"), [r[1:] for r in SOME], ids=[r[0] for r in SOME])
def test_other_objective_fields(bot: RunningBot, field: str, text: str, code: str) -> None:
    block, form = FIELDS[field]
    refused_on(bot, form(text), block, code)


@pytest.mark.parametrize("text", [a[1] for a in ACCEPTED], ids=ACCEPTED_IDS)
def test_objectives_in_any_script_with_emoji_are_saved_as_typed(bot: RunningBot, text: str) -> None:
    description = f"Why:\n\t{text}\nHow: one step at a time"
    form = ObjectiveForm(title=text, description=description, key_results=[KRForm(title=text)])
    answer = create(bot, form)
    assert answer["response_action"] == "update", answer
    with bot.db.begin() as session:
        objective = session.scalars(select(Objective)).one()
        assert objective.title == " ".join(text.split())
        assert objective.description == description
        assert objective.key_results[0].title == " ".join(text.split())


@pytest.mark.parametrize("text", ["\x00", "\u202e"], ids=["NUL", "right-to-left override"])
def test_searching_parents_for_a_character_no_title_has(bot: RunningBot, text: str) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Company goal", level="company")
    view = open_new(bot)
    reply = bot.suggest(
        "objective_parent", text, view=with_state(view, values(view, ObjectiveForm()))
    )
    assert reply.status == 200
    assert reply.json()["options"] == []


def arrange_check_in(bot: RunningBot) -> int:
    """Ana's objective: signups, and churn (5, on track) that the modal leaves as it is."""
    with bot.db.begin() as session:
        objective = factories.objective(
            session,
            bot.clock.now,
            key_results=[KR("Signups per week", start=0, target=1000), KR("Churn", start=0)],
        )
        signups, churn = objective.key_results
        churn.current_value, churn.confidence = 5, "on_track"
        return signups.id


def check_in_page(signups: int, value: str, note: str) -> dict[str, Any]:
    return page_values({signups: (value, "on_track", note), signups + 1: ("5", "on_track", "")})


@pytest.mark.parametrize(("text", "code"), [r[1:] for r in REFUSED], ids=REFUSED_IDS)
def test_check_in_note(bot: RunningBot, text: str, code: str) -> None:
    signups = arrange_check_in(bot)
    bot.command("checkin 1")
    view = opened_view(bot)
    answer = bot.submit(view, check_in_page(signups, "420", f"shipped {text}"))
    assert answer.status == 200, answer.body
    errors = answer.json()["errors"]
    assert (
        f"({code})" in errors[f"note-{signups}"] and "after “shipped" in errors[f"note-{signups}"]
    )
    assert check_ins(bot, deleted=True) == []


def test_check_in_value_with_an_invisible_character(bot: RunningBot) -> None:
    signups = arrange_check_in(bot)
    bot.command("checkin 1")
    view = opened_view(bot)
    answer = bot.submit(view, check_in_page(signups, "4\u200b20", "")).json()
    assert "(U+200B)" in answer["errors"][f"value-{signups}"]
    assert check_ins(bot, deleted=True) == []


@pytest.mark.parametrize("text", [a[1] for a in ACCEPTED], ids=ACCEPTED_IDS)
def test_check_in_notes_keep_emoji_scripts_and_line_breaks(bot: RunningBot, text: str) -> None:
    signups = arrange_check_in(bot)
    bot.command("checkin 1")
    view = opened_view(bot)
    note = f"{text}\n\tnext: billing"
    answer = bot.submit(view, check_in_page(signups, "420", note)).json()
    assert answer["response_action"] == "update", answer
    assert [c.note for c in check_ins(bot)] == [note], "churn, left as it was, is not recorded"


@pytest.mark.parametrize(("text", "code"), [r[1:] for r in SOME], ids=[r[0] for r in SOME])
def test_a_check_in_line_by_message(bot: RunningBot, text: str, code: str) -> None:
    arrange_check_in(bot)
    assert bot.event(dm(f"1: 420 on track shipped {text}\n2: 5 at risk")).status == 200
    (reply,) = bot.slack.wait_for("chat.postMessage")
    shown = blocks_text(reply.params)
    assert f"({code})" in shown and f"[{code}]" in shown
    assert text not in shown, "the character is named, never echoed"
    with bot.db.begin() as session:
        notes = session.scalars(select(CheckIn.note)).all()
    assert notes == [""], "the other line was recorded; the line with the character was not"


def test_an_edited_check_in_note(bot: RunningBot) -> None:
    signups = arrange_check_in(bot)
    with bot.db.begin() as session:
        kr = session.get(KeyResult, signups)
        assert kr is not None
        check_in_id = factories.check_in(session, kr, bot.clock.now, value=10, note="first").id
    bot.click("checkin_edit", str(check_in_id))
    view = opened_view(bot)
    answer = bot.submit(view, edit_values(signups, "10", "on_track", "first\x00", "2026-11-16"))
    assert answer.json()["response_action"] == "errors"
    assert "(U+0000)" in answer.json()["errors"][f"note-{signups}"]
    assert [c.note for c in check_ins(bot)] == ["first"]


@pytest.mark.parametrize(
    ("picked", "block_id"),
    [
        ({"zone": "Europe/Lisbon\x00"}, "settings_time_zone"),
        ({"zone": "Europe/\u202eLisbon"}, "settings_time_zone"),
        ({"month": "2\x00"}, "settings_fiscal_start"),
        ({"limit": "5\u200b"}, "settings_focus_limit"),
    ],
)
def test_settings_take_only_picks_from_their_lists(
    bot: RunningBot, picked: dict[str, str], block_id: str
) -> None:
    """Settings have no free text: a pick carrying such a character is no pick of the list."""
    view = open_settings(bot)
    answer = save(bot, view, **{"month": "2", "limit": "5", "zone": "UTC", **picked})
    assert list(answer["errors"]) == [block_id]
    assert stored(bot) == (1, "UTC", 3)
    search = bot.suggest("settings_time_zone", "Lis\x00bon", view=view, user="UADMIN")
    assert search.status == 200 and search.json()["options"] == []


def test_an_owner_pick_carrying_a_nul(bot: RunningBot) -> None:
    """A forged users_select value: refused like any pick that is no person, never looked up."""
    answer = create(bot, ObjectiveForm(owner="U2\x00"))
    assert answer["errors"] == {"objective_owner": "Pick the person who owns this objective."}
    assert stored_objectives(bot) == 0
