"""bot/prompts/schedule.py and away.py: pure rules of when a person is asked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.prompts import schedule
from bot.prompts.away import is_away
from bot.prompts.schedule import Rule

NEW_YORK, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")
TOKYO, AUCKLAND = ZoneInfo("Asia/Tokyo"), ZoneInfo("Pacific/Auckland")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # US summer time starts 2026-03-08: 09:00 is 14:00 UTC, then 13:00 UTC.
        (NEW_YORK, utc(2026, 3, 2, 14), utc(2026, 3, 9, 13)),
        # EU summer time starts 2026-03-29: 09:00 is 08:00 UTC, then 07:00 UTC.
        (BERLIN, utc(2026, 3, 23, 8), utc(2026, 3, 30, 7)),
        # Tokyo has none: 09:00 Monday is 00:00 UTC Monday.
        (TOKYO, utc(2026, 3, 23), utc(2026, 3, 30)),
        # NZ summer time ends 2026-04-05: 09:00 Monday is 20:00 UTC, then 21:00 UTC, Sunday.
        (AUCKLAND, utc(2026, 3, 29, 20), utc(2026, 4, 5, 21)),
    ],
)
def test_nine_in_the_morning_stays_nine_across_summer_time(
    zone: ZoneInfo, before: datetime, after: datetime
) -> None:
    rule = Rule()
    for due in (before, after):
        period = schedule.period_of(rule, zone, due)
        assert period.due.astimezone(UTC) == due
        assert period.due.astimezone(zone).hour == 9
        assert schedule.prompt_due(rule, period, due)
        assert not schedule.prompt_due(rule, period, due - timedelta(minutes=1))


def test_a_missed_prompt_goes_late_the_same_day_but_not_in_quiet_hours() -> None:
    rule = Rule()
    monday_nine = utc(2026, 12, 7, 9)  # UTC person
    period = schedule.period_of(rule, ZoneInfo("UTC"), monday_nine)
    assert schedule.prompt_due(rule, period, monday_nine + timedelta(hours=9, minutes=59))
    assert not schedule.prompt_due(rule, period, monday_nine + timedelta(hours=10))  # 19:00
    tuesday_three = utc(2026, 12, 8, 3)
    tuesday = schedule.period_of(rule, ZoneInfo("UTC"), tuesday_three)
    assert tuesday.key == period.key == "2026-W50"
    assert not schedule.prompt_due(rule, tuesday, tuesday_three)
    assert not schedule.prompt_due(rule, tuesday, utc(2026, 12, 8, 9))
    assert schedule.missed(tuesday, tuesday_three)


def test_a_time_inside_quiet_hours_is_sent_when_they_end() -> None:
    early = Rule(minute=7 * 60)
    assert schedule.period_of(early, ZoneInfo("UTC"), utc(2026, 12, 7)).due == datetime(
        2026, 12, 7, 8, tzinfo=ZoneInfo("UTC")
    )
    late = Rule(minute=20 * 60)
    assert schedule.period_of(late, ZoneInfo("UTC"), utc(2026, 12, 7)).due == datetime(
        2026, 12, 8, 8, tzinfo=ZoneInfo("UTC")
    )
    assert not schedule.is_quiet(Rule(quiet_start=0, quiet_end=0), utc(2026, 12, 7, 3))


def test_every_two_weeks_and_monthly_on_the_first_such_weekday() -> None:
    every_two = Rule(cadence="biweekly")
    first = schedule.period_of(every_two, ZoneInfo("UTC"), utc(2026, 11, 30, 9))
    second = schedule.period_of(every_two, ZoneInfo("UTC"), utc(2026, 12, 7, 9))
    third = schedule.period_of(every_two, ZoneInfo("UTC"), utc(2026, 12, 14, 9))
    assert first.key == second.key == "2026-W49" != third.key
    assert (first.next_starts_on - first.starts_on).days == 14
    assert schedule.prompt_due(every_two, first, utc(2026, 11, 30, 9))
    assert not schedule.prompt_due(every_two, second, utc(2026, 12, 7, 9))
    assert schedule.prompt_due(every_two, third, utc(2026, 12, 14, 9))
    monthly = Rule(cadence="monthly", weekday=2)  # the first Wednesday
    december = schedule.period_of(monthly, ZoneInfo("UTC"), utc(2026, 12, 20))
    assert december.key == "2026-12"
    assert december.due == datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("UTC"))


def test_the_reminder_waits_n_hours_moves_out_of_quiet_hours_and_stays_in_the_period() -> None:
    rule = Rule(reminder_hours=24)
    monday = utc(2026, 12, 7, 9)
    period = schedule.period_of(rule, ZoneInfo("UTC"), monday)
    assert schedule.reminder_at(rule, period, monday) == monday + timedelta(days=1)
    evening = Rule(reminder_hours=12)
    assert schedule.reminder_at(evening, period, monday) == datetime(
        2026, 12, 8, 8, tzinfo=ZoneInfo("UTC")
    )
    assert schedule.reminder_at(Rule(reminder_hours=0), period, monday) is None
    sunday = utc(2026, 12, 13, 9)
    assert schedule.reminder_at(rule, period, sunday) is None  # Monday is the next period


def test_tomorrow_at_the_same_local_time_across_summer_time() -> None:
    saturday = datetime(2026, 3, 7, 9, 30, tzinfo=NEW_YORK)
    assert schedule.tomorrow_same_time(NEW_YORK, saturday) == datetime(
        2026, 3, 8, 9, 30, tzinfo=NEW_YORK
    )


@pytest.mark.parametrize(
    ("emoji", "text", "away"),
    [
        (":palm_tree:", "", True),
        (":airplane:", "", True),
        (":face_with_thermometer:", "", True),
        ("", "OOO until Monday", True),
        ("", "On vacation", True),
        ("", "Public Holiday", True),
        ("", "out of office", True),
        ("", "sick", True),
        ("", "parental leave", True),
        ("", "In a meeting", False),
        ("", "Loooong day", False),
        ("", "sickle cell research", False),
        (":coffee:", "Focusing", False),
    ],
)
def test_away_by_emoji_or_words(emoji: str, text: str, away: bool) -> None:
    assert is_away(emoji, text, None, utc(2026, 12, 7)) is away


def test_an_expired_status_does_not_count() -> None:
    now = utc(2026, 12, 7)
    assert not is_away(":palm_tree:", "vacation", now - timedelta(seconds=1), now)
    assert is_away(":palm_tree:", "vacation", now + timedelta(days=1), now)
