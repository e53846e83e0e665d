"""The `cycle` job on a real database: close reminders from 7 days before the end in each
owner's hours, once; the new cycle's invitations with scores and carry-over, once; the summary
in the celebration channel, once, public objectives only."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot import action_ids
from bot.cli import main
from bot.cycle_turn import job
from bot.jobs import commands
from storage.db import Database
from tests.bot.cycle_turn.support import (
    CELEBRATIONS,
    HOSTILE_NAME,
    arrange,
    at,
    carry,
    keys,
    tick,
    workspace,
)
from tests.bot.delivery.test_jobs_cli import env_for
from tests.bot.prompts.support import queued
from tests.emulator import SlackEmulator


def buttons(payload: dict[str, object]) -> dict[str, str]:
    """{action id: value} of a message's buttons."""
    blocks = payload["blocks"]
    assert isinstance(blocks, list)
    return {
        element["action_id"]: element.get("value", "")
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


def test_close_reminders_from_seven_days_before_the_end_in_each_owners_hours_once(
    db: Database,
) -> None:
    arrange(db)
    assert tick(db, at(12, 24, 23, 59)).startswith("0 close reminders")
    # 25 Dec 00:00 UTC is 09:00 in Tokyo: Cy first.
    assert tick(db, at(12, 25, 0)).startswith("1 close reminder,")
    assert keys(db, "cycle_close") == {"cycle_close:U3:2026-Q4"}
    # 09:00 UTC: Ana and Dee; Bo is in quiet hours in New York (04:00); Eve closed hers.
    assert tick(db, at(12, 25, 9)).startswith("2 close reminders")
    assert tick(db, at(12, 25, 14)).startswith("1 close reminder,")  # 09:00 in New York
    for again in (at(12, 25, 14), at(12, 28, 12), at(12, 31, 12)):
        assert tick(db, again).startswith("0 close reminders")
    assert keys(db, "cycle_close") == {f"cycle_close:U{n}:2026-Q4" for n in (1, 2, 3, 4)}
    ana = queued(db)["cycle_close:U1:2026-Q4"]
    assert ana.channel == "U1"
    assert buttons(ana.payload) == {action_ids.CYCLE_CLOSE_OPEN: "2026-Q4"}
    text = json.dumps(ana.payload)
    assert "Grow signups" in text and "Hire well" in text and "Cut churn" not in text
    assert "Thursday 31 Dec" in text


def test_zero_days_sends_no_close_reminder(db: Database) -> None:
    arrange(db)
    with db.begin() as session:
        workspace(session).close_reminder_days = 0
    for now in (at(12, 25, 14), at(12, 31, 12)):
        assert tick(db, now).startswith("0 close reminders")
    with db.begin() as session:
        workspace(session).close_reminder_days = 3  # from 29 Dec
    assert tick(db, at(12, 28, 14)).startswith("0 close reminders")
    assert tick(db, at(12, 29, 14)).startswith("3 close reminders")  # 23:00 in Tokyo: quiet
    assert tick(db, at(12, 30, 0)).startswith("1 close reminder,")


def test_the_new_cycle_invites_every_owner_once_with_scores_and_carry_over(db: Database) -> None:
    ids = arrange(db)
    carry(db, ids["eve"], owner="U5")
    assert tick(db, at(12, 31, 23, 59)).endswith(
        "0 new-cycle invitations and 0 cycle summaries queued"
    )
    assert tick(db, at(1, 1, 0)) == (
        "0 close reminders, 1 new-cycle invitation and 0 cycle summaries queued"
    )  # 09:00 in Tokyo
    assert tick(db, at(1, 1, 9)).endswith("3 new-cycle invitations and 1 cycle summary queued")
    assert tick(db, at(1, 1, 14)).endswith("1 new-cycle invitation and 0 cycle summaries queued")
    assert tick(db, at(1, 3, 12)).endswith("0 new-cycle invitations and 0 cycle summaries queued")
    assert keys(db, "cycle_new") == {f"cycle_new:U{n}:2027-Q1" for n in range(1, 6)}
    rows = queued(db)
    ana = rows["cycle_new:U1:2027-Q1"].payload
    text = json.dumps(ana, ensure_ascii=False)
    assert "Grow signups*: score 0.7" in text  # both its key results scored: 0.6 and 0.8
    assert "Hire well*: 50 % progress (not scored)" in text
    assert buttons(ana) == {action_ids.OBJECTIVE_NEW: "new", action_ids.CYCLE_CARRY_OPEN: "2026-Q4"}
    # Dee completed hers, Eve's is carried already: nothing left to carry.
    assert buttons(rows["cycle_new:U4:2027-Q1"].payload) == {action_ids.OBJECTIVE_NEW: "new"}
    assert buttons(rows["cycle_new:U5:2027-Q1"].payload) == {action_ids.OBJECTIVE_NEW: "new"}


def test_carried_objectives_leave_no_carry_over_shortcut(db: Database) -> None:
    ids = arrange(db)
    for title in ("Grow signups", "Hire well"):
        carry(db, ids[title])
    tick(db, at(1, 2, 9))
    assert buttons(queued(db)["cycle_new:U1:2027-Q1"].payload) == {action_ids.OBJECTIVE_NEW: "new"}


def test_the_summary_of_public_objectives_names_owners_without_mentioning_them(
    db: Database,
) -> None:
    arrange(db)
    tick(db, at(1, 1, 9))
    summary = queued(db)[f"cycle_summary:{CELEBRATIONS}:2026-Q4"]
    assert summary.channel == CELEBRATIONS
    text = json.dumps(summary.payload, ensure_ascii=False)
    assert "Average score: *0.8* over 3 key results (scored ones); 2 of 5 objectives" in text
    assert "Secret plan" not in text
    assert "Ship the app (&lt;!channel&gt; &lt;@U999&gt; Dee)" in text
    assert HOSTILE_NAME not in text
    assert "`0.0–0.3` ▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱▱ 0" in text
    assert "`0.4–0.6` ▰▰▰▰▰▰▰▰▰▰▱▱▱▱▱▱▱▱▱▱ 1" in text  # Ana's 0.6
    assert "`0.7–1.0` ▰▰▰▰▰▰▰▰▰▰▰▰▰▰▰▰▰▰▰▰ 2" in text  # Ana's 0.8, Eve's 1.0
    tick(db, at(1, 2, 9))
    assert keys(db, "cycle_summary") == {f"cycle_summary:{CELEBRATIONS}:2026-Q4"}


def test_no_summary_without_a_celebration_channel(db: Database) -> None:
    arrange(db, channel=None)
    assert tick(db, at(1, 1, 9)).endswith("4 new-cycle invitations and 0 cycle summaries queued")
    assert not keys(db, "cycle_summary")


def test_a_new_cycle_is_caught_up_during_its_first_week_and_not_after(db: Database) -> None:
    arrange(db)
    assert tick(db, at(1, 8, 9)).endswith("0 new-cycle invitations and 0 cycle summaries queued")
    assert tick(db, at(1, 7, 9)).endswith("4 new-cycle invitations and 1 cycle summary queued")


def test_the_job_is_listed_and_run_by_name() -> None:
    found = commands.find("cycle")
    assert found.run is job.run and found.every == timedelta(minutes=15)


def test_okr_bot_jobs_run_cycle_as_of_an_instant_delivers_once(
    db: Database, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    slack.add_channel(CELEBRATIONS, name="wins")
    arrange(db)
    argv = ["jobs", "run", "cycle", "--now", "2027-01-01T09:00:00+00:00"]
    assert main(argv, env=env_for(db, slack)) == 0
    out = capsys.readouterr().out
    assert out.startswith("cycle: 0 close reminders, 4 new-cycle invitations and 1 cycle summary")
    assert main(argv, env=env_for(db, slack)) == 0
    assert "0 new-cycle invitations and 0 cycle summaries" in capsys.readouterr().out
    assert len(slack.messages_in(CELEBRATIONS)) == 1
    assert slack.messages_by_metadata_key()["cycle_new:U1:2027-Q1"] == 1
