"""The streak rule: consecutive periods checked in, gaps end it, excused periods pass over,
on each cadence and in the person's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.recognition.streak import current_streak, local_day, period_on, periods_back, streak

# Monday 7 Dec 2026 starts 2026-W50.
W50 = date(2026, 12, 7)


def week(n: int) -> date:
    """A Wednesday of week 2026-Wn (n ≤ 53)."""
    return W50 + timedelta(weeks=n - 50, days=2)


def weekly(today: date, weeks: list[int], excused: tuple[str, ...] = ()) -> int:
    return current_streak("weekly", today, {week(n) for n in weeks}, set(excused))


def test_period_keys_of_each_cadence() -> None:
    assert period_on("weekly", W50).key == "2026-W50"
    assert period_on("weekly", W50 - timedelta(days=1)).key == "2026-W49"
    assert period_on("monthly", W50).key == "2026-12"
    fortnight = period_on("biweekly", W50)
    assert fortnight == period_on("biweekly", fortnight.next_starts_on - timedelta(days=1))
    assert [p.key for p in _take(periods_back("monthly", date(2027, 1, 31)), 3)] == [
        "2027-01",
        "2026-12",
        "2026-11",
    ]


def _take(periods: object, count: int) -> list[object]:
    iterator = iter(periods)  # type: ignore[call-overload]
    return [next(iterator) for _ in range(count)]


def test_consecutive_weeks_count_and_this_week_counts_once_checked_in() -> None:
    today = week(50)
    assert weekly(today, [47, 48, 49]) == 3, "this week is not over: it does not break it yet"
    assert weekly(today, [47, 48, 49, 50]) == 4
    assert weekly(today, [50]) == 1
    assert weekly(today, []) == 0


def test_a_missed_week_ends_the_streak() -> None:
    today = week(50)
    assert weekly(today, [45, 46, 48, 49]) == 2
    assert weekly(today, [45, 46, 47, 48]) == 0, "last week was missed"
    assert weekly(today, [45, 46, 47, 48, 50]) == 1


def test_paused_or_away_weeks_neither_break_nor_count() -> None:
    today = week(50)
    assert weekly(today, [46, 47, 49], excused=("2026-W48",)) == 3
    assert weekly(today, [46, 47], excused=("2026-W48", "2026-W49")) == 2
    assert weekly(today, [46, 47], excused=("2026-W49",)) == 0, "week 48 was still missed"
    assert weekly(today, [], excused=("2026-W49", "2026-W50")) == 0


def test_periods_before_the_first_check_in_are_not_walked() -> None:
    assert weekly(week(50), [49], excused=("2026-W40",)) == 1


def test_several_check_ins_in_one_week_count_once() -> None:
    days = {week(49), week(49) + timedelta(days=1), week(50)}
    assert current_streak("weekly", week(50), days, set()) == 2


def test_fortnights_and_months() -> None:
    fortnight = period_on("biweekly", W50)
    before = fortnight.starts_on - timedelta(days=1)
    earlier = period_on("biweekly", before).starts_on - timedelta(days=1)
    assert current_streak("biweekly", W50, {before, earlier}, set()) == 2
    assert current_streak("biweekly", W50, {fortnight.starts_on, earlier}, set()) == 1
    months = {date(2026, 10, 31), date(2026, 11, 1), date(2026, 12, 15)}
    assert current_streak("monthly", date(2026, 12, 20), months, set()) == 3
    assert current_streak("monthly", date(2027, 1, 2), months, set()) == 3
    assert current_streak("monthly", date(2027, 2, 2), months, set()) == 0
    assert current_streak("monthly", date(2027, 2, 2), months, {"2027-01"}) == 3


TOKYO, UTC_ZONE = ZoneInfo("Asia/Tokyo"), ZoneInfo("UTC")


def test_a_check_in_falls_on_the_persons_own_day() -> None:
    # Sunday 6 Dec 23:30 UTC is Monday 7 Dec 08:30 in Tokyo: week 50 there, week 49 in UTC.
    made = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    assert local_day(date(2026, 12, 6), made, UTC_ZONE, TOKYO) == date(2026, 12, 7)
    assert local_day(date(2026, 12, 6), made, UTC_ZONE, UTC_ZONE) == date(2026, 12, 6)
    # Dated another day in its history: that day, whatever the zone.
    assert local_day(date(2026, 11, 30), made, UTC_ZONE, TOKYO) == date(2026, 11, 30)


@pytest.mark.parametrize(("zone", "expected"), [(TOKYO, 2), (UTC_ZONE, 1)], ids=["Tokyo", "UTC"])
def test_the_same_check_ins_make_another_streak_in_another_zone(
    zone: ZoneInfo, expected: int
) -> None:
    # Sunday 29 Nov 23:30 UTC is Monday 30 Nov in Tokyo (week 49 there, week 48 in UTC); then
    # Monday 7 Dec at noon UTC (week 50 in both). In UTC, week 49 was missed.
    made = [datetime(2026, 11, 29, 23, 30, tzinfo=UTC), datetime(2026, 12, 7, 12, tzinfo=UTC)]
    days = {local_day(m.date(), m, UTC_ZONE, zone) for m in made}
    today = datetime(2026, 12, 8, 3, tzinfo=UTC).astimezone(zone).date()
    assert current_streak("weekly", today, days, set()) == expected


def test_streak_walks_newest_first() -> None:
    periods = [period_on("weekly", week(n)) for n in (50, 49, 48, 47)]
    assert streak(periods, {"2026-W49", "2026-W47"}, set()) == 1
    assert streak(periods, {"2026-W49", "2026-W47"}, {"2026-W48"}) == 2
