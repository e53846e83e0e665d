"""The end of a quarter over HTTP and the emulator, on SQLite and PostgreSQL: check-ins by DM,
the close reminder 7 days before the end in each owner's hours (once, however often the job
runs), the new cycle's invitation with last cycle's scores and the Carry over shortcut (once),
and the cycle summary in the celebration channel (once, public objectives only)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot import action_ids
from bot.delivery.sender import Sender
from bot.jobs import commands
from storage import people as stored_people
from storage.models import Objective
from tests import factories
from tests.bot.prompts.support import CLIENTS
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.delivery import sender
from tests.e2e.checkin_support import blocks_text
from tests.e2e.test_checkin_message import dm
from tests.factories import KR

WINS = "C0WINS"
CREATED = datetime(2026, 10, 5, 10, tzinfo=UTC)


def messages(bot: RunningBot, channel: str, prefix: str) -> list[dict[str, Any]]:
    """The messages in a conversation whose outbox key starts with `prefix`."""
    return [
        message
        for message in bot.slack.messages_in(channel)
        if message.get("metadata", {}).get("event_payload", {}).get("key", "").startswith(prefix)
    ]


def buttons(message: dict[str, Any]) -> dict[str, str]:
    return {
        element["action_id"]: element.get("value", "")
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


def tick(bot: RunningBot, delivering: Sender, now: datetime) -> str:
    bot.clock.now = now
    return commands.run_once(commands.find("cycle"), bot.db, CLIENTS, delivering, now)


def arrange(bot: RunningBot) -> None:
    """Ana (Lisbon) owns two public objectives, Bo (New York) a public and a private one;
    the workspace (UTC) celebrates in #wins."""
    bot.slack.add_channel(WINS, name="wins")
    bot.introduce("U1", "U2")
    with bot.db.begin() as session:
        workspace = stored_people.workspace(session, TEAM_ID)
        assert workspace is not None
        workspace.celebration_channel_id = WINS
        factories.objective(
            session,
            CREATED,
            title="Grow <!channel> signups",
            owner="U1",
            key_results=[KR("Signups"), KR("Trials")],
        )
        factories.objective(
            session, CREATED, title="Ship docs", owner="U1", key_results=[KR("Pages", target=10)]
        )
        factories.objective(
            session, CREATED, title="Cut churn", owner="U2", key_results=[KR("Fixes")]
        )
        factories.objective(
            session,
            CREATED,
            title="Quiet plan",
            owner="U2",
            visibility="private",
            key_results=[KR("Steps")],
        )


def check_in(bot: RunningBot, user: str, text: str) -> None:
    bot.event(dm(text, user=user, channel=bot.slack.dm_channel(user)))
    bot.settle()


def test_a_quarter_ends_with_one_reminder_one_invitation_and_one_summary(
    bot: RunningBot,
) -> None:
    arrange(bot)
    bot.clock.now = datetime(2026, 11, 16, 10, tzinfo=UTC)
    check_in(bot, "U1", "1: 60 on track\n2: 80 on track\n3: 10 on track")
    check_in(bot, "U2", "1: 30 at risk\n2: 90 on track")
    delivering = sender(bot.db, bot.slack, bot.clock)
    ana, bo = bot.slack.dm_channel("U1"), bot.slack.dm_channel("U2")

    # 7 days before 2026-Q4 ends (31 Dec): from 25 Dec at 09:00 in each owner's own zone.
    assert tick(bot, delivering, datetime(2026, 12, 24, 23, 45, tzinfo=UTC)).startswith(
        "cycle: 0 close reminders"
    )
    assert tick(bot, delivering, datetime(2026, 12, 25, 9, tzinfo=UTC)).startswith(
        "cycle: 1 close reminder,"
    )
    assert messages(bot, ana, "cycle_close:") and not messages(bot, bo, "cycle_close:")
    assert tick(bot, delivering, datetime(2026, 12, 25, 14, tzinfo=UTC)).startswith(
        "cycle: 1 close reminder,"
    )
    for later in (14, 15):
        line = tick(bot, delivering, datetime(2026, 12, 25, later, 15, tzinfo=UTC))
        assert line.startswith("cycle: 0 close reminders"), line
    (reminder,) = messages(bot, ana, "cycle_close:U1:2026-Q4")
    assert len(messages(bot, bo, "cycle_close:U2:2026-Q4")) == 1
    text = blocks_text(reminder)
    assert "2026-Q4* ends on Thursday 31 Dec" in text
    assert "Grow &lt;!channel&gt; signups" in text and "Cut churn" not in text
    assert buttons(reminder) == {action_ids.CYCLE_CLOSE_OPEN: "2026-Q4"}
    # Its button opens the close form for the clicker.
    assert bot.click(action_ids.CYCLE_CLOSE_OPEN, "2026-Q4").status == 200
    bot.settle()
    assert bot.slack.calls_to("views.open")

    # Ana scores her first objective when closing it (what the close modal stores).
    with bot.db.begin() as session:
        objective = session.scalars(
            select(Objective).where(Objective.title == "Grow <!channel> signups")
        ).one()
        objective.closed_at, objective.closed_by = datetime(2026, 12, 30, tzinfo=UTC), "U1"
        for kr, score in zip(objective.key_results, (0.6, 0.8), strict=True):
            kr.score = score

    # 2027-Q1 starts: Ana at 09:00 in Lisbon, with the summary in the workspace's 09:00 (UTC);
    # Bo at 09:00 in New York. Never twice.
    new_year = datetime(2027, 1, 1, 9, tzinfo=UTC)
    assert tick(bot, delivering, new_year - timedelta(minutes=15)).endswith(
        "0 new-cycle invitations and 0 cycle summaries queued; delivered 0, 0 failed"
    )
    assert tick(bot, delivering, new_year).startswith(
        "cycle: 0 close reminders, 1 new-cycle invitation and 1 cycle summary queued; delivered 2"
    )
    assert "1 new-cycle invitation and 0 cycle summaries" in tick(
        bot, delivering, new_year + timedelta(hours=5)
    )
    again = tick(bot, delivering, new_year + timedelta(days=2))
    assert "0 new-cycle invitations and 0 cycle summaries" in again
    (invitation,) = messages(bot, ana, "cycle_new:U1:2027-Q1")
    text = blocks_text(invitation)
    assert "2027-Q1* has started" in text
    assert "Grow &lt;!channel&gt; signups*: score 0.7" in text
    assert "Ship docs*: 100 % progress (not scored) :white_check_mark: completed" in text
    assert buttons(invitation) == {
        action_ids.OBJECTIVE_NEW: "new",
        action_ids.CYCLE_CARRY_OPEN: "2026-Q4",
    }
    (invited,) = messages(bot, bo, "cycle_new:U2:2027-Q1")
    assert "Cut churn*: 30 % progress (not scored)" in blocks_text(invited)

    (summary,) = messages(bot, WINS, "cycle_summary:")
    text = json.dumps(summary["blocks"], ensure_ascii=False)
    assert "Average score: *0.7* over 2 key results (scored ones); 1 of 3 objectives" in text
    assert "Ship docs" in text and "Quiet plan" not in text
    assert "<@U1>" not in text and "<!channel>" not in text
    assert bot.slack.messages_by_metadata_key()[f"cycle_summary:{WINS}:2026-Q4"] == 1
