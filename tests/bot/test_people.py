"""People are served as stored, described by Slack when it says; the current cycle follows the
workspace's time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.people import current_cycle, describe, ensure_workspace, needs_describing, person
from storage.db import Database
from tests.clock import FakeClock
from tests.emulator import SlackEmulator


def test_someone_never_seen_gets_the_workspace_defaults_without_asking_slack(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with db.begin() as session:
        ensure_workspace(session, "T0001", clock()).time_zone = "Asia/Tokyo"
    with db.begin() as session:
        new = person(session, "T0001", "UADMIN", clock())
        assert (new.display_name, new.time_zone, new.is_admin, new.is_active) == (
            "UADMIN",
            "Asia/Tokyo",
            False,
            True,
        ), "never an admin before Slack says so"
        assert needs_describing(session, "T0001", "UADMIN", clock())
    assert slack.calls_to("users.info") == []


def test_a_description_is_kept_until_it_is_old(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    with db.begin() as session:
        assert not needs_describing(session, "T0001", "U1", clock()), "nobody stored: nothing"
        describe(session, "T0001", "U1", slack.profile("U1"), clock())
    with db.begin() as session:
        ana = person(session, "T0001", "U1", clock.advance(hours=11))
        assert (ana.display_name, ana.time_zone, ana.is_admin) == ("ana", "Europe/Lisbon", False)
        assert not needs_describing(session, "T0001", "U1", clock())
        assert needs_describing(session, "T0001", "U1", clock.advance(hours=1))


def test_an_owner_or_a_deleted_account_is_described_as_such(
    db: Database, slack: SlackEmulator, clock: FakeClock
) -> None:
    slack.add_user("UBOSS", name="boss", is_owner=True)
    slack.add_user("UGONE", name="gone", deleted=True)
    with db.begin() as session:
        boss = describe(session, "T0001", "UBOSS", slack.profile("UBOSS"), clock())
        gone = describe(session, "T0001", "UGONE", slack.profile("UGONE"), clock())
        assert (boss.is_admin, boss.is_active) == (True, True)
        assert (gone.is_admin, gone.is_active) == (False, False)


def test_current_cycle_follows_the_workspace_time_zone(db: Database) -> None:
    new_year_in_tokyo = datetime(2026, 12, 31, 16, 0, tzinfo=UTC)
    with db.begin() as session:
        workspace = ensure_workspace(session, "T0001", new_year_in_tokyo)
        assert current_cycle(session, workspace, new_year_in_tokyo).name == "2026-Q4"
        workspace.time_zone = "Asia/Tokyo"
        cycle = current_cycle(session, workspace, new_year_in_tokyo)
        assert cycle.name == "2027-Q1"
        assert current_cycle(session, workspace, new_year_in_tokyo).id == cycle.id


def profile(tz: str, *, admin: bool = False, owner: bool = False) -> dict[str, object]:
    return {"name": "someone", "tz": tz, "is_admin": admin, "is_owner": owner}


def zone_of(db: Database, clock: FakeClock) -> str:
    with db.begin() as session:
        return ensure_workspace(session, "T0001", clock()).time_zone


def test_the_first_admin_seen_gives_the_workspace_their_time_zone(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        describe(session, "T0001", "U1", profile("Europe/Lisbon"), clock())
    assert zone_of(db, clock) == "UTC", "a member who is not an admin says nothing of it"
    with db.begin() as session:
        describe(session, "T0001", "UOWNER", profile("Asia/Tokyo", owner=True), clock())
    assert zone_of(db, clock) == "Asia/Tokyo"
    with db.begin() as session:
        describe(session, "T0001", "UADMIN", profile("America/New_York", admin=True), clock())
        describe(session, "T0001", "UOWNER", profile("Europe/Paris", owner=True), clock())
    assert zone_of(db, clock) == "Asia/Tokyo", "only the first admin's, and only once"


def test_settings_already_chosen_are_kept_when_the_first_admin_is_seen(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        workspace = ensure_workspace(session, "T0001", clock())
        workspace.time_zone = "Europe/Lisbon"
        workspace.updated_at = datetime(2026, 11, 17, tzinfo=UTC)  # as /okr settings does
    with db.begin() as session:
        describe(session, "T0001", "UADMIN", profile("Asia/Tokyo", admin=True), clock())
    assert zone_of(db, clock) == "Europe/Lisbon"


def test_an_unknown_zone_of_the_first_admin_leaves_utc(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        describe(session, "T0001", "UADMIN", profile("Mars/Olympus", admin=True), clock())
    assert zone_of(db, clock) == "UTC"
