"""The `digest` job on a real database: nothing before the digest's time, each channel's digest
queued once from then until the week ends, and again the next week."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.cli import main
from bot.digest import job
from bot.jobs import commands
from storage import people as stored_people
from storage.db import Database
from tests.bot.delivery.test_jobs_cli import env_for
from tests.bot.digest.support import DIGESTS, NOW, OTHER, TEAM, WEEK, arrange
from tests.bot.prompts.support import CLIENTS, queued
from tests.emulator import SlackEmulator
from tests.factories import TEAM_ID

KEYS = {f"digest:{channel}:{WEEK}" for channel in (DIGESTS, OTHER, TEAM)}


def digest_keys(db: Database) -> set[str]:
    return {key for key, row in queued(db).items() if row.kind == "digest"}


def test_queued_once_per_channel_from_its_time_until_the_week_ends(db: Database) -> None:
    arrange(db)
    assert job.run(db, CLIENTS, NOW - timedelta(minutes=1)).startswith("0 digests queued, 0 ")
    assert not digest_keys(db)
    assert job.run(db, CLIENTS, NOW) == "3 digests queued, 1 workspace due this week"
    assert digest_keys(db) == KEYS
    for later in (timedelta(minutes=5), timedelta(days=2, hours=7, minutes=59)):
        assert job.run(db, CLIENTS, NOW + later).startswith("0 digests queued, 1 workspace")
    assert digest_keys(db) == KEYS
    # Monday: last week's digest is no longer due, next week's not yet.
    assert job.run(db, CLIENTS, NOW + timedelta(days=3)).startswith("0 digests queued, 0 ")
    assert job.run(db, CLIENTS, NOW + timedelta(days=7)).startswith("3 digests queued")
    assert len(digest_keys(db)) == 6


def test_a_channel_added_later_in_the_week_gets_its_digest_and_no_other_is_repeated(
    db: Database,
) -> None:
    arrange(db, digest_channel=None)
    assert job.run(db, CLIENTS, NOW).startswith("2 digests queued")
    with db.begin() as session:
        workspace = stored_people.workspace(session, TEAM_ID)
        assert workspace is not None
        workspace.digest_channel_id = DIGESTS
    assert job.run(db, CLIENTS, NOW + timedelta(days=1)).startswith("1 digest queued")
    assert digest_keys(db) == KEYS


def test_a_digest_in_the_workspace_zone_and_time(db: Database) -> None:
    arrange(db)
    with db.begin() as session:
        workspace = stored_people.workspace(session, TEAM_ID)
        assert workspace is not None
        workspace.time_zone = "Asia/Tokyo"  # UTC+9: Thursday 10:00 there is Thursday 01:00 UTC
        workspace.digest_weekday, workspace.digest_minute = 3, 10 * 60
    thursday = NOW.replace(day=3, hour=0, minute=59)
    assert job.run(db, CLIENTS, thursday).startswith("0 digests queued, 0 ")
    assert job.run(db, CLIENTS, thursday + timedelta(minutes=1)).startswith("3 digests queued")


def test_the_job_is_listed_and_run_by_name() -> None:
    found = commands.find("digest")
    assert found.run is job.run and found.every == timedelta(minutes=5)


def test_okr_bot_jobs_run_digest_as_of_an_instant_posts_them(
    db: Database, slack: SlackEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    for channel in (DIGESTS, OTHER, TEAM):
        slack.add_channel(channel, name=channel.lower())
    arrange(db)
    argv = ["jobs", "run", "digest", "--now", "2026-12-04T16:00:00+00:00"]
    assert main(argv, env=env_for(db, slack)) == 0
    assert capsys.readouterr().out == (
        "digest: 3 digests queued, 1 workspace due this week; delivered 3, 0 failed\n"
    )
    assert main(argv, env=env_for(db, slack)) == 0
    assert capsys.readouterr().out.startswith("digest: 0 digests queued")
    assert len(slack.messages_in(TEAM)) == 1
