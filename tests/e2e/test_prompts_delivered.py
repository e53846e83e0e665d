"""Prompts, their edits and owner notices delivered through the outbox to Slack's DMs: the
prompts job ticking through a night in four time zones, the sender delivering what each tick
queued, a reply in the prompt's thread, and the prompt edited in place; over HTTP on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.jobs import commands
from tests.bot.prompts.support import CLIENTS, owner
from tests.bot_fixtures import RunningBot
from tests.delivery import sender
from tests.e2e.checkin_support import blocks_text, check_ins
from tests.e2e.test_checkin_message import dm
from tests.e2e.test_objectives_edit import seed
from tests.e2e.test_owner_notices import SIGNUPS, admin_edit
from tests.objective_forms import KRForm, ObjectiveForm

# Monday 23 Nov 2026, 09:00 local: New Zealand is on summer time (UTC+13), Tokyo UTC+9, Berlin
# UTC+1 (winter), New York UTC−5 (winter).
DUE = {
    "UAKL": ("Pacific/Auckland", datetime(2026, 11, 22, 20, 0, tzinfo=UTC)),
    "UTOK": ("Asia/Tokyo", datetime(2026, 11, 23, 0, 0, tzinfo=UTC)),
    "UBER": ("Europe/Berlin", datetime(2026, 11, 23, 8, 0, tzinfo=UTC)),
    "UNYC": ("America/New_York", datetime(2026, 11, 23, 14, 0, tzinfo=UTC)),
}


def prompts_to(bot: RunningBot, user_id: str) -> list[dict[str, Any]]:
    """The prompts in someone's DM with the bot, as Slack holds them."""
    return [
        message
        for message in bot.slack.messages_in(bot.slack.dm_channel(user_id))
        if message.get("metadata", {}).get("event_payload", {}).get("key", "").startswith("prompt:")
    ]


def test_each_person_is_prompted_once_at_nine_in_their_own_zone_and_the_prompt_is_updated(
    bot: RunningBot,
) -> None:
    for user_id, (zone, _) in DUE.items():
        bot.slack.add_user(user_id, tz=zone)
        owner(bot.db, user_id, zone, bot.clock.now)
    job = commands.find("prompts")
    delivering = sender(bot.db, bot.slack, bot.clock)
    first_seen: dict[str, datetime] = {}
    now = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)
    while now <= datetime(2026, 11, 23, 16, 0, tzinfo=UTC):
        bot.clock.now = now
        commands.run_once(job, bot.db, CLIENTS, delivering, now)
        for user_id in DUE:
            if user_id not in first_seen and prompts_to(bot, user_id):
                first_seen[user_id] = now
        now += timedelta(minutes=15)

    assert first_seen == {user_id: due for user_id, (_, due) in DUE.items()}
    assert all(len(prompts_to(bot, user_id)) == 1 for user_id in DUE), "once each"
    (prompt,) = prompts_to(bot, "UBER")
    assert "Time to check in on your key results" in blocks_text(prompt)
    assert "Raise NPS from 20 to 40" in blocks_text(prompt)

    # Berlin replies in the prompt's thread: a check-in, answered in the thread, and the prompt
    # itself is edited in place to say it is done.
    channel = bot.slack.dm_channel("UBER")
    bot.event(dm("1: 30 on track", user="UBER", channel=channel, thread_ts=prompt["ts"]))
    (reply,) = bot.slack.wait_for("chat.postMessage", count=5)[4:]
    assert reply.params["thread_ts"] == prompt["ts"]
    assert [(row.value, row.author_id) for row in check_ins(bot)] == [(30, "UBER")]
    report = delivering.deliver()
    # The prompt's update, the shout-out of 50 % (20 → 30 of 40) in the DM (no channel set),
    # and the badge of Berlin's first check-in.
    assert report.line().startswith("delivered 3"), report.line()
    (update,) = bot.slack.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (channel, prompt["ts"])
    (edited,) = prompts_to(bot, "UBER")
    assert "30" in blocks_text(edited) and "Check in" not in blocks_text(edited)
    assert len(prompts_to(bot, "UNYC")) == 1, "no one else's prompt was touched"


def test_an_owner_is_told_in_their_dm_when_an_admin_changes_their_objective(
    bot: RunningBot,
) -> None:
    bot.introduce("UADMIN")
    objective_id = seed(bot, title="Grow signups", owner="U2", key_results=[SIGNUPS])
    form = ObjectiveForm(
        title="Grow weekly signups",
        owner="U2",
        key_results=[KRForm("Weekly signups", "increase", "300", "800", "signups")],
    )
    admin_edit(bot, objective_id, form)
    assert sender(bot.db, bot.slack, bot.clock).deliver().line().startswith("delivered 1")
    (notice,) = bot.slack.messages_in(bot.slack.dm_channel("U2"))
    assert "<@UADMIN> changed your objective *Grow weekly signups*" in blocks_text(notice)
    assert "target: 600 signups → 800 signups" in blocks_text(notice)
