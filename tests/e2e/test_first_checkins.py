"""A new team's first check-ins (issue 9, findings 2, 3, 4 and 7): today's value is the first
reading, numbers are shown wherever key results are, a milestone is done without a confidence,
and every screen says where a key result stands in the same words."""

from __future__ import annotations

from tests import factories
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import (
    blocks_text,
    check_ins,
    key_result,
    opened_view,
    page_values,
)
from tests.e2e.test_checkin_message import dm, reply_to
from tests.e2e.test_checkin_modal import block
from tests.e2e.test_home import published_home
from tests.e2e.test_list import listed


def arrange(bot: RunningBot) -> tuple[int, int, int, int]:
    """As /okr new stores them: "today's value" is the start; nothing is checked in yet."""
    with bot.db.begin() as session:
        objective = factories.objective(
            session,
            bot.clock.now,
            title="Grow the self-serve funnel",
            key_results=[
                factories.KR(
                    "Weekly signups", start=300, target=600, unit_kind="word", unit="signups"
                ),
                factories.KR(
                    "Trial churn", kind="decrease", start=8, target=4, unit_kind="percent"
                ),
                factories.KR(
                    "Uptime", kind="stay_above", start=99.95, target=99.9, unit_kind="percent"
                ),
                factories.KR(
                    "Create a self-serve onboarding checklist",
                    kind="milestone",
                    start=None,
                    target=None,
                ),
            ],
        )
        return tuple(kr.id for kr in objective.key_results)  # type: ignore[return-value]


# What each screen must say of the key results before any check-in, in the same words.
WORDING = [
    "*1. Weekly signups*",
    "now 300 → target 600 signups · *0%* of the way · expected by today 51%",
    "*2. Trial churn*",
    "now 8% → target 4% · *0%* of the way",
    "*3. Uptime*",
    "now 99.95% · stay at or above 99.9% · met",
    "*4. Create a self-serve onboarding checklist*",
    "not done yet · :white_circle: No check-in yet",
]


def test_every_screen_shows_numbers_and_says_the_same(bot: RunningBot) -> None:
    """Findings 3 and 7: the list, Home, the modal and the history agree, numbers included."""
    arrange(bot)
    screens = {"list": blocks_text(listed(bot)), "home": blocks_text(published_home(bot))}
    bot.command("checkin")
    screens["modal"] = blocks_text(opened_view(bot))
    bot.command("history")
    screens["history"] = blocks_text(opened_view(bot, count=2))
    for name, read in screens.items():
        for words in WORDING:
            assert words in read, (name, words, read)
        assert "no value yet" not in read, name
        assert " / " not in read.replace("http", ""), (name, "a decrease reads like a ratio")
        assert read.count("_Expected by today_: where a key result would be") == 1, name
        assert "`2: 45% at risk`" in read, name


def test_the_first_check_in_needs_nothing_it_does_not_have(bot: RunningBot) -> None:
    """Finding 2: pre-filled with today's value; an unchanged key result is not recorded."""
    signups, churn, uptime, checklist = arrange(bot)
    bot.command("checkin")
    view = opened_view(bot)
    assert block(view, f"value-{signups}")["element"]["initial_value"] == "300"  # type: ignore[index]
    assert block(view, f"value-{uptime}")["element"]["initial_value"] == "99.95%"  # type: ignore[index]
    assert block(view, f"value-{signups}")["optional"] is True
    assert block(view, f"confidence-{signups}")["optional"] is True
    values = page_values(
        {
            signups: ("", "on_track", "first week"),
            churn: ("6%", "at_risk", ""),
            uptime: ("99.95%", None, ""),
            checklist: ("done", None, ""),
        }
    )
    answer = bot.submit(view, values).json()
    assert answer["response_action"] == "update", answer
    assert "Saved 3 check-ins" in blocks_text(answer["view"])
    rows = [(r.key_result_id, r.value, r.confidence) for r in check_ins(bot)]
    assert rows == [
        (signups, 300, "on_track"),
        (churn, 6, "at_risk"),
        (checklist, 1, "on_track"),
    ], "uptime unchanged is not recorded; a done milestone is recorded on track"
    assert "now 6% → target 4% (from 8%) · *50%* of the way" in blocks_text(listed(bot))


def test_a_milestone_done_by_message_needs_no_confidence(bot: RunningBot) -> None:
    """Finding 4: `4 done` on a first check-in is accepted, and recorded on track."""
    _, _, _, checklist = arrange(bot)
    bot.event(dm("4 done"))
    read = blocks_text(reply_to(bot))
    assert "Checked in 1 key result" in read
    assert key_result(bot, checklist).current_value == 1
    assert [(r.value, r.confidence) for r in check_ins(bot)] == [(1, "on_track")]


def test_a_stay_above_with_todays_value_checks_in_by_confidence_alone(bot: RunningBot) -> None:
    """Finding 2: today's value is the first reading, so `3 on track` keeps it."""
    _, _, uptime, _ = arrange(bot)
    bot.event(dm("uptime on track"))
    read = blocks_text(reply_to(bot))
    assert "now 99.95% · stay at or above 99.9% · met" in read
    assert [(r.key_result_id, r.value) for r in check_ins(bot)] == [(uptime, 99.95)]
