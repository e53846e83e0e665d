"""The `people` job: time zones and statuses from a paged users.list, waiting out a 429."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.people import ensure_workspace
from bot.people_sweep import sweep
from bot.slack import Clients, build_client
from storage import people as stored_people
from storage.db import Database
from tests.bot_fixtures import BOT_TOKEN, TEAM_ID, settings_for
from tests.emulator import SlackEmulator

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)


def test_everyone_is_described_page_by_page_and_a_429_is_waited_out(db: Database) -> None:
    # An emulator of its own: the shared one would list these 451 people to every later test.
    with SlackEmulator(bot_token=BOT_TOKEN, team_id=TEAM_ID) as slack:
        sweep_a_large_workspace(db, slack)


def sweep_a_large_workspace(db: Database, slack: SlackEmulator) -> None:
    for number in range(450):
        slack.add_user(f"UM{number:04d}", tz="Asia/Tokyo")
    slack.add_user(
        "UAWAY",
        tz="Pacific/Auckland",
        status_text="Vacation",
        status_emoji=":palm_tree:",
        status_expiration=int(datetime(2026, 12, 20, tzinfo=UTC).timestamp()),
    )
    with db.begin() as session:
        ensure_workspace(session, TEAM_ID, NOW)
    slack.fail("users.list", status=429, retry_after=30)
    waited: list[float] = []
    clients = Clients(build_client(settings_for(db, slack)))
    line = sweep(db, clients, NOW, sleep=waited.append)
    assert waited == [30]
    # 450 and UAWAY; the bot user is listed (three pages of 200) but not described.
    assert line == "451 people described in 1 workspaces"
    assert len(slack.calls_to("users.list")) == 1 + 3
    assert not slack.calls_to("users.info")
    with db.begin() as session:
        tokyo = stored_people.person(session, TEAM_ID, "UM0449")
        away = stored_people.person(session, TEAM_ID, "UAWAY")
        assert tokyo is not None and away is not None
        assert tokyo.time_zone == "Asia/Tokyo"
        assert (away.time_zone, away.status_emoji, away.status_text) == (
            "Pacific/Auckland",
            ":palm_tree:",
            "Vacation",
        )
        assert away.status_expiration == datetime(2026, 12, 20, tzinfo=UTC)
        assert stored_people.person(session, TEAM_ID, slack.bot_user_id) is None
