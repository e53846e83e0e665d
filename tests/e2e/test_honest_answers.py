"""Answers that say only what is true: a stored check-in is never reported as failed, and the
same check-in sent again within minutes is recorded once and answered "already recorded"."""

from __future__ import annotations

from tests import factories
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text, check_ins, opened_view, page_values
from tests.e2e.test_checkin_message import arrange, dm


def told(bot: RunningBot) -> list[str]:
    return [str(call.params.get("text")) for call in bot.slack.calls_to("chat.postMessage")]


def test_a_stored_check_in_whose_summary_could_not_be_posted_is_not_called_a_failure(
    bot: RunningBot,
) -> None:
    arrange(bot)
    bot.slack.fail("chat.postMessage", error="internal_error")  # the summary, after the commit

    assert bot.event(dm("1: 420 on track")).status == 200
    bot.settle()

    assert [r.value for r in check_ins(bot)] == [300, 420]
    texts = told(bot)
    assert not any("didn't work" in t or "try again" in t for t in texts), texts
    assert any("Your check-in was recorded" in t and "its History" in t for t in texts), texts
    told_so = bot.slack.calls_to("chat.postMessage")[-1].params
    elements = [e for b in told_so["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(e["action_id"], e["text"]["text"]) for e in elements] == [("history_mine", "History")]


def test_the_same_check_in_sent_twice_by_message_is_recorded_once(bot: RunningBot) -> None:
    arrange(bot)
    bot.event(dm("1: 420 on track shipped it"))
    bot.settle()
    bot.clock.advance(minutes=9)
    bot.event(dm("1: 420 on track shipped it"))  # another message, the same words
    bot.settle()

    assert [r.value for r in check_ins(bot)] == [300, 420]
    second = bot.slack.calls_to("chat.postMessage")[-1].params
    assert "Already recorded" in second["text"], second["text"]
    assert "Checked in" not in second["text"]

    bot.clock.advance(minutes=2)  # past ten minutes: the same value again is a new check-in
    bot.event(dm("1: 420 on track shipped it"))
    bot.settle()
    assert [r.value for r in check_ins(bot)] == [300, 420, 420]


def test_a_changed_note_or_confidence_is_a_new_check_in(bot: RunningBot) -> None:
    arrange(bot)
    for text in ("1: 420 on track", "1: 420 at risk", "1: 420 at risk ads paused"):
        bot.event(dm(text))
        bot.settle()
    assert [r.value for r in check_ins(bot)] == [300, 420, 420, 420]


def test_the_same_check_in_from_a_second_modal_is_recorded_once(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now)
        kr_id = objective.key_results[0].id
    entry = page_values({kr_id: ("42", "on_track", "halfway")})
    bot.command("checkin")
    first = opened_view(bot)
    bot.command("checkin")
    second = opened_view(bot, count=2)
    assert first["id"] != second["id"]

    assert "Saved 1 check-in" in blocks_text(bot.submit(first, entry).json()["view"])
    again = blocks_text(bot.submit(second, entry).json()["view"])

    assert [r.value for r in check_ins(bot)] == [42]
    assert "Already recorded" in again and "Saved" not in again, again
