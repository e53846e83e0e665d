"""Checking in by direct message to the bot, with Undo, over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from typing import Any

from tests import factories
from tests.blockkit import validate_message
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import audit_rows, blocks_text, check_ins, key_result
from tests.factories import KR

_ts = itertools.count(1)


def dm(text: str, *, user: str = "U1", **extra: Any) -> dict[str, Any]:
    """A message event in the person's DM with the bot, as Slack sends it."""
    ts = f"1763300000.{next(_ts):06d}"
    event = {
        "type": "message",
        "channel": "D0000001",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
    }
    event.update(extra)
    return event


def arrange(bot: RunningBot) -> tuple[int, int, int]:
    with bot.db.begin() as session:
        objective = factories.objective(
            session,
            bot.clock.now,
            key_results=[
                KR("Signups per week", start=0, target=1000),
                KR("Signups from ads", start=0, target=100),
                KR("Launch the beta", kind="milestone", start=None, target=None),
            ],
        )
        weekly, ads, launch = objective.key_results
        factories.check_in(session, weekly, bot.clock.now, value=300, confidence="at_risk")
        return weekly.id, ads.id, launch.id


def reply_to(bot: RunningBot, count: int = 1) -> dict[str, Any]:
    call = bot.slack.wait_for("chat.postMessage", count=count)[count - 1]
    assert call.response["ok"], call.response
    validate_message(call.params)
    return call.params


def test_a_dm_checks_in_and_the_reply_says_what_was_understood(bot: RunningBot) -> None:
    weekly, ads, launch = arrange(bot)
    text = "signups per week 420 on track shipped the new onboarding\n3: done 🟢"
    assert bot.event(dm(text)).status == 200
    reply = reply_to(bot)
    assert reply["channel"] == "D0000001"
    read = blocks_text(reply)
    assert "Checked in 2 key results" in read
    assert "shipped the new onboarding" in read
    rows = check_ins(bot)
    assert [(r.key_result_id, r.value, r.confidence, r.source) for r in rows[1:]] == [
        (weekly, 420, "on_track", "message"),
        (launch, 1, "on_track", "message"),
    ]
    assert key_result(bot, weekly).current_value == 420
    assert key_result(bot, ads).current_value is None


def test_an_unreadable_line_is_answered_with_what_was_understood_and_an_example(
    bot: RunningBot,
) -> None:
    weekly, _, launch = arrange(bot)
    bot.event(dm("signups per week forty on track\n3: done green"))
    reply = reply_to(bot)
    read = blocks_text(reply)
    assert "Checked in 1 key result " in read
    assert 'I understood *1. Signups per week*, but not "forty"' in read
    assert "Write it like `1: 300 on track what moved or blocks`" in read
    assert "*1.* Signups per week (300)" in read  # the numbered list, to help next time
    assert [r.key_result_id for r in check_ins(bot)] == [weekly, launch]
    assert key_result(bot, weekly).current_value == 300


def test_a_line_two_key_results_fit_equally_is_asked_about_with_a_button_each(
    bot: RunningBot,
) -> None:
    """Finding 1: never a guess. Each button records that line for its key result, once."""
    weekly, ads, _ = arrange(bot)
    bot.event(dm("signups 42 on track"))
    reply = reply_to(bot)
    read = blocks_text(reply)
    assert "Nothing is recorded yet: one question first." in read
    assert "That fits more than one key result equally: *1. Signups per week*, *2. Signups" in read
    assert "equally: *1. Signups per week*, *2. Signups from ads*. Which one is it?" in read
    assert len(check_ins(bot)) == 1
    asks = [
        (e["text"]["text"], e["value"])
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "checkin_record"
    ]
    assert [label for label, _ in asks] == ["1. Signups per week", "2. Signups from ads"]
    bot.click("checkin_record", asks[1][1])
    answer = bot.slack.wait_for("response_url", count=1)[0].params
    assert "Checked in 1 key result" in blocks_text(answer)
    assert answer["replace_original"] is False
    bot.click("checkin_record", asks[1][1])
    bot.slack.wait_for("response_url", count=2)
    rows = check_ins(bot)
    assert [(r.key_result_id, r.value, r.confidence) for r in rows[1:]] == [
        (ads, 42, "on_track")
    ], "recorded for the key result clicked, once"
    assert key_result(bot, weekly).current_value == 300


def test_undo_removes_the_check_ins_and_restores_the_key_results(bot: RunningBot) -> None:
    weekly, ads, _ = arrange(bot)
    bot.event(dm("1: 420 on track\nsignups from ads 12 at risk"))
    reply = reply_to(bot)
    undo, history = next(b for b in reply["blocks"] if b["type"] == "actions")["elements"]
    assert undo["action_id"] == "checkin_undo"
    assert (history["action_id"], history["text"]["text"]) == ("history_mine", "History")
    assert key_result(bot, weekly).current_value == 420

    bot.click("checkin_undo", undo["value"])

    (answer,) = bot.slack.wait_for("response_url")
    assert answer.params["replace_original"] is True
    assert "Undone: 2 check-ins" in answer.params["text"]
    rows = check_ins(bot, deleted=True)
    assert [(r.deleted_at is not None, r.deleted_by) for r in rows] == [
        (False, None),
        (True, "U1"),
        (True, "U1"),
    ]
    assert (key_result(bot, weekly).current_value, key_result(bot, weekly).confidence) == (
        300,
        "at_risk",
    )
    assert (key_result(bot, ads).current_value, key_result(bot, ads).confidence) == (None, None)
    trail = audit_rows(bot)
    assert [(e.entity, e.entity_id, e.action, e.actor_id) for e in trail] == [
        ("check_in", rows[1].id, "undo", "U1"),
        ("check_in", rows[2].id, "undo", "U1"),
    ]

    bot.click("checkin_undo", undo["value"])
    again = bot.slack.wait_for("response_url", count=2)[1]
    assert "deleted or undone already" in again.params["text"]
    assert len(audit_rows(bot)) == 2


def test_a_value_out_of_range_is_questioned_and_recorded_only_when_confirmed(
    bot: RunningBot,
) -> None:
    """Finding 6: far past the target, or far the wrong way; nothing is stored until the click."""
    weekly, ads, _ = arrange(bot)
    bot.event(dm("1: 42000 on track\n2: -500 at risk"))
    reply = reply_to(bot)
    read = blocks_text(reply)
    assert "Nothing is recorded yet: 2 questions first." in read
    assert (
        "42,000 is far outside what this key result spans (now 300 → target 1,000 (from 0))" in read
    )
    assert "-500 is far outside" in read
    assert "send the line again with the right value, like `1: 300 on track" in read
    assert len(check_ins(bot)) == 1
    confirm = next(
        e
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["text"]["text"] == "Record 42,000 anyway"
    )
    bot.click("checkin_record", confirm["value"])
    answer = bot.slack.wait_for("response_url", count=1)[0].params
    assert "Checked in 1 key result" in blocks_text(answer)
    assert "recorded as confirmed" in blocks_text(answer)
    assert key_result(bot, weekly).current_value == 42000
    assert key_result(bot, ads).current_value is None


def test_a_line_that_fits_two_and_cannot_be_asked_about_says_so_once(bot: RunningBot) -> None:
    """Signups from ads has no confidence to keep, so no button can record the line as it is:
    the reply says what to send, and says only once that nothing was recorded."""
    arrange(bot)
    bot.event(dm("signups 42"))
    read = blocks_text(reply_to(bot))
    assert "equally: *1. Signups per week*, *2. Signups from ads*. Send it again with the " in read
    assert read.count("Nothing was recorded") == 1, read


def test_a_number_past_the_only_key_result_is_said_plainly(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, key_results=[KR("Signups", target=1000)])
    bot.event(dm("2: 30 on track"))
    read = blocks_text(reply_to(bot))
    assert "You have no key result number 2; your only one is number 1 (below)." in read
    assert "1 to 1" not in read


def test_a_line_without_a_first_confidence_asks_for_one(bot: RunningBot) -> None:
    _, ads, _ = arrange(bot)
    bot.event(dm("2: 12"))
    assert "not how it looks" in blocks_text(reply_to(bot))
    assert key_result(bot, ads).current_value is None


def test_the_bots_own_messages_edits_and_other_subtypes_are_ignored(bot: RunningBot) -> None:
    arrange(bot)
    bot.event(dm("1: 500 on track", user="UBOT", bot_id="B0001"))
    bot.event(dm("1: 501 on track", bot_id="B0002"))
    bot.event(
        dm(
            "",
            subtype="message_changed",
            message={"type": "message", "user": "U1", "text": "1: 502 on track"},
        )
    )
    bot.event(dm("1: 503 on track", subtype="file_share"))
    bot.event(dm("1: 504 on track", channel_type="channel", channel="C0GENERAL"))
    bot.event(dm("1: 420 on track"))
    reply_to(bot)
    assert [r.value for r in check_ins(bot)] == [300, 420]
    assert len(bot.slack.calls_to("chat.postMessage")) == 1


def test_a_message_delivered_twice_is_recorded_once(bot: RunningBot) -> None:
    arrange(bot)
    event = dm("1: 420 on track")
    bot.event(event)
    reply_to(bot)
    bot.event(event)
    bot.event(dm("2: 5 on track"))
    reply_to(bot, count=2)
    assert [r.value for r in check_ins(bot)] == [300, 420, 5]
    assert len(bot.slack.calls_to("chat.postMessage")) == 2


def test_a_reply_in_a_thread_is_answered_in_the_thread(bot: RunningBot) -> None:
    arrange(bot)
    bot.event(dm("1: 420 on track", thread_ts="1763300000.000001"))
    assert reply_to(bot)["thread_ts"] == "1763300000.000001"


def test_without_objectives_the_reply_says_how_to_start(bot: RunningBot) -> None:
    bot.event(dm("1: 420 on track", user="U2"))
    reply = reply_to(bot)
    assert "You have no active objectives in 2026-Q4" in reply["text"]
    assert check_ins(bot) == []
