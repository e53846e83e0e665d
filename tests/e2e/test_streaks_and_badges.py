"""Streaks and badges over a scripted season, over HTTP and the emulator on SQLite and
PostgreSQL: check-ins by DM and by the modal week after week, a paused week, a missed week,
an objective completed and a cycle's end; each badge told once, by DM only, and Home showing
the streak and the badges."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from bot.jobs import commands
from tests import factories
from tests.bot.prompts.support import CLIENTS
from tests.bot_fixtures import RunningBot
from tests.delivery import sender
from tests.e2e.checkin_support import blocks_text, opened_view, page_values
from tests.e2e.test_checkin_message import dm
from tests.e2e.test_home import published_home
from tests.factories import KR

# Monday 16 Nov 2026 (2026-W47), 14:00 in Lisbon and UTC; the cycle 2026-Q4 ends on 31 Dec.
W47 = datetime(2026, 11, 16, 14, tzinfo=UTC)


def week(n: int) -> datetime:
    """Monday 14:00 of the n-th week of the season (0: 2026-W47)."""
    return W47 + timedelta(weeks=n)


def check_in_by_dm(bot: RunningBot, text: str) -> None:
    channel = bot.slack.dm_channel("U1")
    assert bot.event(dm(text, user="U1", channel=channel)).status == 200
    bot.settle()


def badge_messages(bot: RunningBot) -> dict[str, list[str]]:
    """The badge DMs Slack holds in any conversation, by outbox key: their text, in order."""
    found: dict[str, list[str]] = {}
    for channel in bot.slack.dm_channel("U1"), "C0GENERAL":
        for message in bot.slack.messages_in(channel):
            key = message.get("metadata", {}).get("event_payload", {}).get("key", "")
            if key.startswith("badge:"):
                found.setdefault(key, []).append(blocks_text(message))
    return found


def home_standing(bot: RunningBot) -> str:
    view = published_home(bot)
    (block,) = [b for b in view["blocks"] if b.get("block_id") == "home_standing"]
    return json.dumps(block, ensure_ascii=False)


def test_a_season_of_check_ins_builds_a_streak_and_earns_badges_once(bot: RunningBot) -> None:
    bot.introduce("U1")
    with bot.db.begin() as session:
        objective = factories.objective(
            session,
            W47,
            title="Grow <!channel> signups",
            key_results=[KR("Weekly signups", start=0, target=100), KR("Churn", "decrease", 10, 5)],
        )
        signups, churn = (kr.id for kr in objective.key_results)
    delivering = sender(bot.db, bot.slack, bot.clock)

    def deliver() -> None:
        assert delivering.deliver().line().startswith("delivered"), "nothing stuck"

    # Weeks 1–4: a DM, a DM, the modal, a DM. The first check-in earns a badge; the fourth
    # week in a row the 4-week streak badge.
    expected = {0: "1-week streak", 1: "2-week streak", 2: "3-week streak", 3: "4-week streak"}
    for n in range(4):
        bot.clock.now = week(n)
        if n == 2:
            bot.command("checkin")
            view = opened_view(bot)
            values = page_values({signups: ("40", "on_track", ""), churn: ("9", "on_track", "")})
            assert bot.submit(view, values).json()["response_action"] == "update"
        else:
            check_in_by_dm(bot, f"1: {10 * (n + 2)} on track")
        deliver()
        assert expected[n] in home_standing(bot), n
    sent = badge_messages(bot)
    assert list(sent) == ["badge:U1:first_checkin", "badge:U1:streak_4"]
    assert "New badge: First check-in" in sent["badge:U1:first_checkin"][0]
    assert "New badge: 4-week streak" in sent["badge:U1:streak_4"][0]
    assert "You are on a 4-week streak" in sent["badge:U1:streak_4"][0]
    assert "Home tab" in sent["badge:U1:streak_4"][0]

    # Week 5: paused when the prompt is due (09:00 Lisbon), and no check-in that week.
    bot.clock.now = week(4) - timedelta(hours=6)
    bot.command("pause 1w")
    bot.settle()
    prompts = commands.find("prompts")
    due = bot.clock.now = week(4) - timedelta(hours=5)
    line = commands.run_once(prompts, bot.db, CLIENTS, delivering, due)
    assert "1 paused" in line, line

    # Week 6: a check-in that completes the objective. The paused week did not break the
    # streak, and the objective done earns its badge; the streak badge is not told again.
    bot.clock.now = week(5)
    check_in_by_dm(bot, "1: 100 on track\n2: 5 on track")
    deliver()
    standing = home_standing(bot)
    assert "5-week streak" in standing
    assert "First check-in · 4-week streak · First objective done" in standing
    sent = badge_messages(bot)
    assert "New badge: First objective done" in sent["badge:U1:first_objective_done"][0]
    assert len(sent["badge:U1:streak_4"]) == 1

    # The cycle ends with every key result at 100 %: the badges job gives its badge, once.
    badges = commands.find("badges")
    end = bot.clock.now = datetime(2027, 1, 1, 10, tzinfo=UTC)
    assert "1 cycle-end badge given" in commands.run_once(badges, bot.db, CLIENTS, delivering, end)
    again = commands.run_once(badges, bot.db, CLIENTS, delivering, end + timedelta(hours=1))
    assert "0 cycle-end badges given" in again
    (finish,) = badge_messages(bot)["badge:U1:cycle_70:2026-Q4"]
    assert "New badge: Strong finish in 2026-Q4" in finish

    # Week 7 (28 Dec) missed; in 2027-W01 a check-in on the new cycle's objective starts over.
    bot.clock.now = week(7)
    with bot.db.begin() as session:
        factories.objective(session, week(7), title="Keep them", day=date(2027, 1, 4))
    check_in_by_dm(bot, "1: 30 on track")
    deliver()
    assert "1-week streak" in home_standing(bot)

    # Every badge was told once, in the owner's DM, and never in a channel.
    sent = badge_messages(bot)
    assert sorted(sent) == [
        "badge:U1:cycle_70:2026-Q4",
        "badge:U1:first_checkin",
        "badge:U1:first_objective_done",
        "badge:U1:streak_4",
    ]
    assert all(len(texts) == 1 for texts in sent.values())
    posted = [call.params for call in bot.slack.calls_to("chat.postMessage")]
    badge_posts = [p for p in posted if "badge:" in json.dumps(p.get("metadata", ""))]
    assert len(badge_posts) == 4
    assert {p["channel"] for p in badge_posts} == {"U1"}, "by DM only"
