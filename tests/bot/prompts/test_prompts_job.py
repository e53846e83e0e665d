"""The prompts job: who gets a prompt or reminder queued at which instant, and who is held."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import Database
from storage.models import Workspace
from tests import factories
from tests.bot.prompts.support import Queued, owner, queued, tick


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


# Monday 9:00 in each zone, the week before and the week after its summer-time change.
NINE_AM = {
    "UNY": ("America/New_York", utc(2026, 3, 2, 14), utc(2026, 3, 9, 13)),
    "UBER": ("Europe/Berlin", utc(2026, 3, 23, 8), utc(2026, 3, 30, 7)),
    "UTOK": ("Asia/Tokyo", utc(2026, 3, 23, 0), utc(2026, 3, 30, 0)),
    # NZ summer time starts 2026-09-27: 09:00 Monday is 21:00 UTC, then 20:00 UTC, Sunday.
    "UAKL": ("Pacific/Auckland", utc(2026, 9, 20, 21), utc(2026, 9, 27, 20)),
}


def test_nine_local_in_four_zones_across_summer_time(db: Database) -> None:
    for user_id, (zone, first, _) in NINE_AM.items():
        owner(db, user_id, zone, first - timedelta(days=1))
    instants = sorted((due, user_id) for user_id, (_, *dues) in NINE_AM.items() for due in dues)
    for due, user_id in instants:

        def theirs(user_id: str = user_id) -> dict[str, Queued]:
            return {k: r for k, r in queued(db).items() if k.startswith(f"prompt:{user_id}:")}

        before = theirs()
        tick(db, due - timedelta(minutes=1))
        assert theirs().keys() == before.keys(), (user_id, due)
        tick(db, due)
        tick(db, due + timedelta(minutes=1))
        new = [row for key, row in theirs().items() if key not in before]
        assert [(r.kind, r.channel, r.created_at) for r in new] == [("prompt", user_id, due)]
        assert "Time to check in" in new[0].payload["text"]
        assert f"Objective of {user_id}" in str(new[0].payload["blocks"])


def test_checked_in_recently_paused_and_away_get_none(db: Database) -> None:
    monday = utc(2026, 12, 7, 9)
    owner(db, "UDONE", "UTC", monday - timedelta(days=3))
    owner(db, "UPAUSED", "UTC", monday, paused_until=monday + timedelta(days=7))
    owner(db, "UAWAY", "UTC", monday, status_emoji="", status_text="On vacation")
    owner(db, "UOFF", "UTC", monday, prompts_off=True)
    owner(db, "UASKED", "UTC", monday)
    with db.begin() as session:
        kr = factories.objective(session, monday, owner="UDONE", title="more").key_results[0]
        factories.check_in(session, kr, monday - timedelta(days=1), value=3, author="UDONE")
    line = tick(db, monday)
    assert line == (
        "1 prompt and 0 reminders queued, 1 skipped (checked in recently), 1 paused, 1 away, "
        "0 quiet hours, 1 prompts off"
    )
    assert [k for k in queued(db)] == ["prompt:UASKED:2026-W50"]


def test_a_pause_that_ended_and_an_expired_status_hold_nothing(db: Database) -> None:
    monday = utc(2026, 12, 7, 9)
    owner(db, "UBACK", "UTC", monday, paused_until=monday - timedelta(minutes=1))
    owner(
        db,
        "UWAS",
        "UTC",
        monday,
        status_emoji=":palm_tree:",
        status_expiration=monday - timedelta(hours=1),
    )
    tick(db, monday)
    assert sorted(queued(db)) == ["prompt:UBACK:2026-W50", "prompt:UWAS:2026-W50"]


def test_one_reminder_after_n_hours_and_none_after_a_check_in(db: Database) -> None:
    monday = utc(2026, 12, 7, 9)
    owner(db, "U1", "UTC", monday)
    owner(db, "U2", "UTC", monday)
    tick(db, monday)
    tick(db, monday + timedelta(hours=23, minutes=59))
    assert not [k for k in queued(db) if k.startswith("reminder:")]
    with db.begin() as session:
        kr = factories.objective(session, monday, owner="U2", title="more").key_results[0]
        factories.check_in(session, kr, monday + timedelta(hours=2), value=3, author="U2")
    assert "1 reminder queued" in tick(db, monday + timedelta(hours=24))
    tick(db, monday + timedelta(hours=25))
    tick(db, monday + timedelta(days=2))
    reminders = [r for k, r in queued(db).items() if k.startswith("reminder:")]
    assert [(r.key, r.created_at) for r in reminders] == [
        ("reminder:U1:2026-W50", monday + timedelta(hours=24))
    ]
    assert "A reminder" in str(reminders[0].payload["blocks"])


def test_quiet_hours_hold_the_prompt_and_postpone_the_reminder(db: Database) -> None:
    monday = utc(2026, 12, 7, 9)
    # Chosen 06:30, inside the quiet hours 19:00–08:00: sent at 08:00 when they end.
    owner(db, "UEARLY", "UTC", monday, prompt_minute=6 * 60 + 30)
    assert "0 prompts" in tick(db, utc(2026, 12, 7, 6, 30))
    assert "1 prompt " in tick(db, utc(2026, 12, 7, 8))
    with db.begin() as session:
        workspace = session.get(Workspace, factories.TEAM_ID)
        assert workspace is not None
        workspace.reminder_hours = 12  # 20:00: quiet, so 08:00 the next day
    assert "0 reminders" in tick(db, utc(2026, 12, 7, 20))
    assert "1 reminder " in tick(db, utc(2026, 12, 8, 8))


def test_a_missed_prompt_is_caught_up_the_same_day_or_dropped(db: Database) -> None:
    monday = utc(2026, 12, 7, 9)
    owner(db, "ULATE", "UTC", monday)
    owner(db, "UTOKYO", "Asia/Tokyo", monday)  # due 00:00 UTC Monday
    owner(db, "UNY", "America/New_York", monday)  # due 14:00 UTC Monday
    # The bot was down all Monday until 18:30 UTC: ULATE's prompt goes late, the same day;
    # in Tokyo it is 03:30 on Tuesday, so theirs is dropped; New York's goes at 13:30 there.
    assert tick(db, utc(2026, 12, 7, 18, 30)).startswith("2 prompts")
    assert sorted(queued(db)) == ["prompt:ULATE:2026-W50", "prompt:UNY:2026-W50"]
    # Down again the next Monday until 19:30 in New York: quiet hours, held, then dropped.
    assert "1 quiet hours" in tick(db, utc(2026, 12, 15, 0, 30))
    assert tick(db, utc(2026, 12, 15, 14)).startswith("0 prompts")
    assert "prompt:UNY:2026-W51" not in queued(db)
    assert "prompt:UTOKYO:2026-W50" not in queued(db)


def test_a_persons_own_day_and_time(db: Database) -> None:
    monday = utc(2026, 12, 7, 9)
    owner(db, "UWED", "Europe/Berlin", monday, prompt_weekday=2, prompt_minute=14 * 60 + 15)
    tick(db, monday)
    assert not queued(db)
    tick(db, utc(2026, 12, 9, 13, 15))  # Wednesday 14:15 in Berlin
    assert list(queued(db)) == ["prompt:UWED:2026-W50"]


def test_every_two_weeks(db: Database) -> None:
    monday = utc(2026, 11, 30, 9)
    owner(db, "U1", "UTC", monday)
    with db.begin() as session:
        workspace = session.get(Workspace, factories.TEAM_ID)
        assert workspace is not None
        workspace.checkin_cadence = "biweekly"
        workspace.skip_recent_days = 0
    for week in range(4):
        tick(db, monday + timedelta(weeks=week))
    prompts = sorted(k for k in queued(db) if k.startswith("prompt:"))
    assert prompts == ["prompt:U1:2026-W49", "prompt:U1:2026-W51"]


def test_monthly_on_the_first_such_weekday(db: Database) -> None:
    start = utc(2026, 10, 1)
    owner(db, "U1", "UTC", start)
    with db.begin() as session:
        workspace = session.get(Workspace, factories.TEAM_ID)
        assert workspace is not None
        workspace.checkin_cadence = "monthly"
        workspace.skip_recent_days = 0
    for day in (5, 12, 19, 26):  # Mondays of October 2026; the 5th is the first
        tick(db, utc(2026, 10, day, 9))
    tick(db, utc(2026, 11, 2, 9))
    prompts = sorted(k for k in queued(db) if k.startswith("prompt:"))
    assert prompts == ["prompt:U1:2026-10", "prompt:U1:2026-11"]


def test_a_reminder_late_in_a_period_behind_utc_still_sees_its_prompt(db: Database) -> None:
    # Honolulu (UTC-10): prompted Monday 09:00; reminder 6 days and 6 hours later, Sunday 15:00
    # there, when UTC is already on Monday of the next week.
    monday = utc(2026, 12, 7, 19)
    owner(db, "UHNL", "Pacific/Honolulu", monday)
    with db.begin() as session:
        workspace = session.get(Workspace, factories.TEAM_ID)
        assert workspace is not None
        workspace.reminder_hours = 6 * 24 + 6
    assert tick(db, monday).startswith("1 prompt ")
    assert "0 reminders" in tick(db, utc(2026, 12, 14, 0, 59))
    assert "1 reminder " in tick(db, utc(2026, 12, 14, 1))
    assert "reminder:UHNL:2026-W50" in queued(db)
