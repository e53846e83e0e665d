"""People come from users.info, cached; the current cycle follows the workspace's time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.people import current_cycle, ensure_workspace, person
from storage.db import Database
from tests.clock import FakeClock
from tests.emulator import SlackEmulator


def client_for(slack: SlackEmulator) -> WebClient:
    return WebClient(token="xoxb-test-token", base_url=slack.api_url)


def test_person_is_read_from_slack_once_then_cached(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    client = client_for(slack)
    with db.begin() as session:
        ana = person(session, client, "T0001", "U1", clock())
        assert (ana.display_name, ana.time_zone, ana.is_admin) == ("ana", "Europe/Lisbon", False)
    with db.begin() as session:
        person(session, client, "T0001", "U1", clock.advance(hours=1))
    assert len(slack.calls_to("users.info")) == 1
    slack.add_user("U1", name="ana", tz="Asia/Tokyo", is_admin=True)
    with db.begin() as session:
        ana = person(session, client, "T0001", "U1", clock.advance(hours=12))
        assert (ana.time_zone, ana.is_admin) == ("Asia/Tokyo", True)
    assert len(slack.calls_to("users.info")) == 2


def test_an_older_description_serves_while_slack_rate_limits_users_info(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    client = client_for(slack)
    with db.begin() as session:
        person(session, client, "T0001", "U1", clock())
    slack.fail("users.info", status=429, retry_after=60, times=2)
    with db.begin() as session:
        ana = person(session, client, "T0001", "U1", clock.advance(hours=13))
        assert ana.time_zone == "Europe/Lisbon"
    with db.begin() as session, pytest.raises(SlackApiError) as raised:
        person(session, client, "T0001", "U2", clock())
    assert raised.value.response.status_code == 429, "someone never seen needs Slack"


def test_current_cycle_follows_the_workspace_time_zone(db: Database) -> None:
    new_year_in_tokyo = datetime(2026, 12, 31, 16, 0, tzinfo=UTC)
    with db.begin() as session:
        workspace = ensure_workspace(session, "T0001", new_year_in_tokyo)
        assert current_cycle(session, workspace, new_year_in_tokyo).name == "2026-Q4"
        workspace.time_zone = "Asia/Tokyo"
        cycle = current_cycle(session, workspace, new_year_in_tokyo)
        assert cycle.name == "2027-Q1"
        assert current_cycle(session, workspace, new_year_in_tokyo).id == cycle.id
