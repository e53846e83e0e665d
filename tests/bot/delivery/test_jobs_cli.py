"""`okr-bot jobs list`, `okr-bot jobs run NAME [--now]` and `okr-bot outbox`: one line each,
plain words and exit 2 for what cannot be run."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.cli import main
from bot.delivery.sender import LEASE
from storage import outbox
from storage.db import Database
from tests.clock import FakeClock
from tests.delivery import people, prompt, queue_all, row
from tests.emulator import SlackEmulator


def env_for(db: Database, slack: SlackEmulator) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": db.url,
    }


def test_jobs_list_names_each_job_with_its_next_run(
    db: Database, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["jobs", "list"], env=env_for(db, slack)) == 0
    lines = capsys.readouterr().out.splitlines()
    (prune,) = [line for line in lines if line.startswith("prune ")]
    assert "every hour, next at " in prune and ":00 UTC" in prune
    assert "Forget sent messages after 14 days" in prune


def test_jobs_run_runs_the_job_then_delivers_what_is_due(
    db: Database, slack: SlackEmulator, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    users = people(slack, 3)
    queue_all(db, clock, [prompt(u) for u in users])
    queue_all(db, clock, [prompt("UNOBODY")])
    with db.begin() as session:
        old = outbox.find(session, "T0001", f"prompt:{users[0]}:2026-W47")
        assert old is not None
        old.not_before = clock.now + timedelta(days=30)  # not due at --now

    now = (clock.now + LEASE).isoformat()
    assert main(["jobs", "run", "prune", "--now", now], env=env_for(db, slack)) == 0

    assert capsys.readouterr().out == (
        "prune: forgot 0 sent messages and 0 handled requests; delivered 2, 1 failed\n"
    )
    assert row(db, f"prompt:{users[0]}:2026-W47").status == "pending"
    assert row(db, "prompt:UNOBODY:2026-W47").last_error == "user_not_found"
    assert main(["outbox"], env=env_for(db, slack)) == 0
    assert capsys.readouterr().out == (
        "1 pending, 2 sent, 1 failed\n"
        "  failed prompt:UNOBODY:2026-W47 (T0001, to UNOBODY): user_not_found\n"
    )

    later = (clock.now + timedelta(days=45)).isoformat()
    assert main(["jobs", "run", "prune", "--now", later], env=env_for(db, slack)) == 0
    assert capsys.readouterr().out == (
        "prune: forgot 2 sent messages and 0 handled requests; delivered 1, 0 failed\n"
    )


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["jobs", "run", "nope"],
            "There is no job named 'nope': the jobs are prompts, digest, people, prune",
        ),
        (["jobs", "run", "prune", "--now", "monday"], "--now takes an ISO 8601 date and time"),
    ],
)
def test_jobs_run_refuses_an_unknown_job_or_instant_with_exit_2(
    db: Database,
    slack: SlackEmulator,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    words: str,
) -> None:
    assert main(argv, env=env_for(db, slack)) == 2
    out = capsys.readouterr()
    assert words in out.err and out.out == ""
    assert slack.calls == []
