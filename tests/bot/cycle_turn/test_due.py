"""When the `cycle` job's messages are due: each person's zone and prompt time, quiet hours,
catch-up within the window, and 0 days turning the close reminder off."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.cycle_turn.due import Window, close_window, due, first_week, opens
from bot.prompts.schedule import Rule

RULE = Rule()  # 09:00, quiet 19:00–08:00
TOKYO, NEW_YORK = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")
Q4_END = date(2026, 12, 31)


def utc(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_the_close_window_runs_from_n_days_before_the_end_to_the_last_day() -> None:
    assert close_window(Q4_END, 7) == Window(date(2026, 12, 25), Q4_END)
    assert close_window(Q4_END, 1) == Window(Q4_END, Q4_END)
    assert close_window(Q4_END, 30) == Window(date(2026, 12, 2), Q4_END)


def test_zero_days_turns_the_close_reminder_off() -> None:
    assert close_window(Q4_END, 0) is None


def test_due_from_the_persons_prompt_time_in_their_own_zone() -> None:
    window = close_window(Q4_END, 7)
    assert window is not None
    # 25 Dec 09:00 in Tokyo is 24 Dec 24:00 UTC; New York is still on the 24th then.
    assert not due(RULE, TOKYO, window, utc(12, 24, 23, 59))
    assert due(RULE, TOKYO, window, utc(12, 25, 0))
    assert not due(RULE, NEW_YORK, window, utc(12, 25, 0))
    assert due(RULE, NEW_YORK, window, utc(12, 25, 14))  # 09:00 in New York
    late = Rule(minute=14 * 60)  # someone who chose 14:00 for their prompts
    assert not due(late, NEW_YORK, window, utc(12, 25, 14))
    assert due(late, NEW_YORK, window, utc(12, 25, 19))


def test_never_in_quiet_hours_and_caught_up_after_them() -> None:
    window = close_window(Q4_END, 7)
    assert window is not None
    assert not due(RULE, TOKYO, window, utc(12, 26, 11))  # 20:00 in Tokyo
    assert not due(RULE, TOKYO, window, utc(12, 26, 22, 59))  # 07:59
    assert due(RULE, TOKYO, window, utc(12, 26, 23))  # 08:00 the next morning
    no_quiet = Rule(quiet_start=0, quiet_end=0)
    assert due(no_quiet, TOKYO, window, utc(12, 26, 11))


def test_a_prompt_time_inside_quiet_hours_opens_when_they_end() -> None:
    early = Rule(minute=7 * 60)
    window = Window(date(2027, 1, 1), date(2027, 1, 7))
    assert opens(early, TOKYO, window) == datetime(2027, 1, 1, 8, tzinfo=TOKYO)
    assert not due(early, TOKYO, window, datetime(2027, 1, 1, 7, 30, tzinfo=TOKYO))
    assert due(early, TOKYO, window, datetime(2027, 1, 1, 8, tzinfo=TOKYO))


def test_not_after_the_windows_last_local_day() -> None:
    window = close_window(Q4_END, 7)
    assert window is not None
    assert due(RULE, NEW_YORK, window, utc(12, 31, 23))  # 18:00 on the 31st in New York
    assert not due(RULE, TOKYO, window, utc(12, 31, 23))  # 1 Jan 08:00 in Tokyo: Q4 is over


def test_a_new_cycle_is_caught_up_during_its_first_week_only() -> None:
    week = first_week(date(2027, 1, 1))
    assert week == Window(date(2027, 1, 1), date(2027, 1, 7))
    assert not due(RULE, NEW_YORK, week, utc(1, 1, 13, 59, year=2027))
    assert due(RULE, NEW_YORK, week, utc(1, 1, 14, year=2027))
    assert due(RULE, NEW_YORK, week, utc(1, 7, 20, year=2027))  # 15:00 on the 7th
    assert not due(RULE, NEW_YORK, week, utc(1, 8, 14, year=2027))
