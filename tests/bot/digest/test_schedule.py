"""When the digest is due: its day and time in the workspace's zone, until that week ends."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.digest.schedule import DigestTime, due_week

FRIDAY_FOUR = DigestTime(weekday=4, minute=16 * 60)


@pytest.mark.parametrize(
    ("zone", "now", "due"),
    [
        # Berlin is UTC+1 in December: Friday 16:00 there is 15:00 UTC.
        ("Europe/Berlin", datetime(2026, 12, 4, 14, 59, tzinfo=UTC), None),
        ("Europe/Berlin", datetime(2026, 12, 4, 15, 0, tzinfo=UTC), "2026-W49"),
        # A bot that was down catches up until Sunday midnight, local time.
        ("Europe/Berlin", datetime(2026, 12, 6, 22, 59, tzinfo=UTC), "2026-W49"),
        ("Europe/Berlin", datetime(2026, 12, 6, 23, 0, tzinfo=UTC), None),
        # Auckland (UTC+13 in summer) is due on Friday while it is Friday 03:00 UTC.
        ("Pacific/Auckland", datetime(2026, 12, 4, 2, 59, tzinfo=UTC), None),
        ("Pacific/Auckland", datetime(2026, 12, 4, 3, 0, tzinfo=UTC), "2026-W49"),
        # Los Angeles (UTC−8): Friday 16:00 is Saturday 00:00 UTC; its Sunday evening is
        # Monday in UTC, still its week 49.
        ("America/Los_Angeles", datetime(2026, 12, 4, 23, 59, tzinfo=UTC), None),
        ("America/Los_Angeles", datetime(2026, 12, 5, 0, 0, tzinfo=UTC), "2026-W49"),
        ("America/Los_Angeles", datetime(2026, 12, 7, 7, 30, tzinfo=UTC), "2026-W49"),
        ("America/Los_Angeles", datetime(2026, 12, 7, 8, 0, tzinfo=UTC), None),
        # Earlier in the week it is not due, even though last week's was.
        ("UTC", datetime(2026, 12, 1, 9, 0, tzinfo=UTC), None),
        # The first ISO week of a year can begin in December.
        ("UTC", datetime(2026, 12, 31, 16, 0, tzinfo=UTC), None),
        ("UTC", datetime(2027, 1, 1, 16, 0, tzinfo=UTC), "2026-W53"),
    ],
)
def test_due_from_its_local_instant_until_the_local_week_ends(
    zone: str, now: datetime, due: str | None
) -> None:
    assert due_week(FRIDAY_FOUR, ZoneInfo(zone), now) == due


def test_a_monday_morning_digest_is_due_all_week() -> None:
    monday = DigestTime(weekday=0, minute=9 * 60)
    utc = ZoneInfo("UTC")
    assert due_week(monday, utc, datetime(2026, 11, 30, 8, 59, tzinfo=UTC)) is None
    assert due_week(monday, utc, datetime(2026, 11, 30, 9, 0, tzinfo=UTC)) == "2026-W49"
    assert due_week(monday, utc, datetime(2026, 12, 6, 23, 59, tzinfo=UTC)) == "2026-W49"
    assert due_week(monday, utc, datetime(2026, 12, 7, 0, 0, tzinfo=UTC)) is None
