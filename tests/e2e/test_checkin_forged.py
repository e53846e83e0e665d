"""Forged payloads over HTTP: refused with a clear message, and nothing changes."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tests import factories
from tests.blockkit import validate_view
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import (
    audit_rows,
    blocks_text,
    check_ins,
    key_result,
    opened_view,
    page_values,
)
from tests.factories import KR
from tests.slack_requests import date_value


def arrange(bot: RunningBot) -> dict[str, int]:
    """Ana's and Bo's objectives, and the kinds no one may check in on."""
    now = bot.clock.now
    with bot.db.begin() as session:
        ana = factories.objective(
            session, now, key_results=[KR("Signups", target=100), KR("Revenue", target=50)]
        )
        bo = factories.objective(session, now, owner="U2", title="Bo's objective")
        private = factories.objective(session, now, owner="U2", visibility="private")
        archived = factories.objective(session, now, state="archived", title="Old idea")
        last_cycle = factories.objective(session, now, day=date(2026, 8, 1), title="Summer")
        elsewhere = factories.objective(session, now, team_id="T0002")
        ana_check_in = factories.check_in(session, ana.key_results[0], now, value=10)
        other_kr_check_in = factories.check_in(session, ana.key_results[1], now, value=5)
        bo_check_in = factories.check_in(session, bo.key_results[0], now, value=30, author="U2")
        return {
            "ana": ana.id,
            "ana_kr": ana.key_results[0].id,
            "ana_other_kr": ana.key_results[1].id,
            "bo": bo.id,
            "bo_kr": bo.key_results[0].id,
            "private": private.id,
            "archived": archived.id,
            "archived_kr": archived.key_results[0].id,
            "last_cycle": last_cycle.id,
            "elsewhere": elsewhere.id,
            "elsewhere_kr": elsewhere.key_results[0].id,
            "ana_check_in": ana_check_in.id,
            "other_kr_check_in": other_kr_check_in.id,
            "bo_check_in": bo_check_in.id,
        }


def snapshot(bot: RunningBot) -> list[tuple[Any, ...]]:
    return [
        (r.id, r.key_result_id, r.value, r.confidence, r.note, r.effective_on, r.deleted_at)
        for r in check_ins(bot, deleted=True)
    ]


def notice(bot: RunningBot, count: int = 1, method: str = "views.open") -> str:
    view = opened_view(bot, count=count, method=method)
    validate_view(view)
    assert view["callback_id"] == "refusal"
    return blocks_text(view)


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("bo", "Only the owner of *Bo's objective* (<@U2>) and workspace admins"),
        ("private", "does not exist (any more), or is not one you can see"),
        ("archived", "*Old idea* is archived"),
        (
            "last_cycle",
            "*Summer* belongs to 2026-Q3; check-ins and their edits are for the current",
        ),
        ("elsewhere", "does not exist"),
        ("missing", "does not exist"),
        ("junk", "does not exist"),
        ("odd", "does not exist"),
    ],
)
def test_the_check_in_button_refuses_what_is_not_yours_to_check_in(
    bot: RunningBot, target: str, words: str
) -> None:
    ids = arrange(bot)
    before = snapshot(bot)
    value = {"missing": "987654", "junk": "1; DROP TABLE check_ins", "odd": "²"}.get(target)
    bot.click("checkin_open", value or str(ids[target]))
    assert words in notice(bot)
    assert snapshot(bot) == before


def forged_page(bot: RunningBot, ids: dict[str, int], kr_ids: list[int]) -> dict[str, Any]:
    """Ana's own check-in modal, with its private_metadata rewritten to name other key results."""
    bot.click("checkin_open", str(ids["ana"]))
    view = opened_view(bot)
    view["private_metadata"] = json.dumps({"krs": kr_ids, "next": [], "saved": [], "page": 1})
    return view


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("bo_kr", "Only the owner of *Bo's objective*"),
        ("elsewhere_kr", "does not exist"),
        ("archived_kr", "is archived"),
    ],
)
def test_a_submission_naming_others_key_results_is_refused_whole(
    bot: RunningBot, target: str, words: str
) -> None:
    ids = arrange(bot)
    before = snapshot(bot)
    target_value = key_result(bot, ids[target]).current_value
    kr_ids = [ids["ana_kr"], ids[target]]
    view = forged_page(bot, ids, kr_ids)
    values = page_values(dict.fromkeys(kr_ids, ("99", "off_track", "forged")))
    answer = bot.submit(view, values).json()
    assert answer["response_action"] == "update"
    assert words in blocks_text(answer["view"])
    assert snapshot(bot) == before
    assert key_result(bot, ids["ana_kr"]).current_value == 10
    assert key_result(bot, ids[target]).current_value == target_value


def test_a_submission_naming_no_key_result_is_refused(bot: RunningBot) -> None:
    ids = arrange(bot)
    before = snapshot(bot)
    view = forged_page(bot, ids, [])
    answer = bot.submit(view, {}).json()
    assert "does not exist" in blocks_text(answer["view"])
    assert snapshot(bot) == before


def test_someone_elses_undo_is_refused(bot: RunningBot) -> None:
    ids = arrange(bot)
    before = snapshot(bot)
    bot.click("checkin_undo", f"{ids['ana_check_in']},{ids['bo_check_in']}")
    (answer,) = bot.slack.wait_for("response_url")
    assert "Only the owner of *Bo's objective*" in answer.params["text"]
    assert answer.params["response_type"] == "ephemeral"
    assert snapshot(bot) == before
    assert audit_rows(bot) == []


@pytest.mark.parametrize("value", ["987654", "", "1,x", "12345678901234567890", "1,²"])
def test_an_undo_of_check_ins_that_do_not_exist_is_refused(bot: RunningBot, value: str) -> None:
    arrange(bot)
    before = snapshot(bot)
    bot.click("checkin_undo", value)
    (answer,) = bot.slack.wait_for("response_url")
    assert "does not exist" in answer.params["text"]
    assert snapshot(bot) == before


def test_editing_someone_elses_check_in_is_refused(bot: RunningBot) -> None:
    ids = arrange(bot)
    bot.click("checkin_edit", str(ids["bo_check_in"]))
    assert "Only the owner of *Bo's objective*" in notice(bot)


def edit_values(kr_id: int) -> dict[str, dict[str, dict[str, Any]]]:
    values = page_values({kr_id: ("77", "off_track", "forged")})
    values["effective_on"] = {"effective_on": date_value("2026-11-10")}
    return values


@pytest.mark.parametrize(
    ("check_in", "words"),
    [
        ("other_kr_check_in", "belongs to another key result"),
        ("bo_check_in", "Only the owner of *Bo's objective*"),
        ("missing", "does not exist"),
    ],
)
def test_an_edit_naming_another_check_in_is_refused(
    bot: RunningBot, check_in: str, words: str
) -> None:
    ids = arrange(bot)
    before = snapshot(bot)
    bot.click("checkin_edit", str(ids["ana_check_in"]))
    editor = opened_view(bot)
    metadata = json.loads(editor["private_metadata"])
    metadata["check_in"] = ids.get(check_in, 987654)
    editor["private_metadata"] = json.dumps(metadata)
    answer = bot.submit(editor, edit_values(ids["ana_kr"])).json()
    assert answer["response_action"] == "update"
    assert words in blocks_text(answer["view"])
    assert snapshot(bot) == before
    assert audit_rows(bot) == []


def test_an_edit_submitted_by_someone_else_is_refused(bot: RunningBot) -> None:
    ids = arrange(bot)
    before = snapshot(bot)
    bot.click("checkin_edit", str(ids["ana_check_in"]))
    editor = opened_view(bot)
    answer = bot.submit(editor, edit_values(ids["ana_kr"]), user="U2").json()
    assert "Only the owner of *Delight our customers*" in blocks_text(answer["view"])
    assert snapshot(bot) == before


def test_the_history_of_someone_elses_private_objective_is_not_shown(bot: RunningBot) -> None:
    ids = arrange(bot)
    bot.click("history_open", str(ids["private"]))
    view = opened_view(bot)
    assert view["title"]["text"] == "History"
    assert "does not exist" in blocks_text(view)
