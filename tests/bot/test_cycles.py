from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cycles import Quarter, next_quarter, quarter_named, quarter_of

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
months = st.integers(min_value=1, max_value=12)


def test_calendar_quarters() -> None:
    q = quarter_of(date(2026, 11, 22))
    assert (q.name, q.starts_on, q.ends_on) == ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_of(date(2024, 2, 29)).ends_on == date(2024, 3, 31)


def test_fiscal_year_named_by_the_year_it_ends_in() -> None:
    q = quarter_of(date(2026, 2, 10), fiscal_start_month=2)
    assert (q.name, q.starts_on, q.ends_on) == ("FY2027-Q1", date(2026, 2, 1), date(2026, 4, 30))
    q = quarter_of(date(2027, 1, 31), fiscal_start_month=2)
    assert (q.name, q.starts_on) == ("FY2027-Q4", date(2026, 11, 1))


def test_names_that_are_not_quarters() -> None:
    assert quarter_named("2026-Q5") is None
    assert quarter_named("last quarter") is None


@pytest.mark.parametrize(
    ("name", "fiscal"),
    [("0000-Q1", 1), ("9999-Q4", 1), ("FY0000-Q1", 1), ("FY9999-Q4", 1), ("FY0001-Q1", 4)],
)
def test_quarters_outside_the_years_dates_hold_are_not_quarters(name: str, fiscal: int) -> None:
    assert quarter_named(name, fiscal) is None


def test_the_first_and_last_quarters_dates_hold() -> None:
    assert quarter_named("0001-Q1") == Quarter("0001-Q1", date(1, 1, 1), date(1, 3, 31))
    assert quarter_named("9999-Q3") == Quarter("9999-Q3", date(9999, 7, 1), date(9999, 9, 30))


@given(days, months)
def test_a_quarter_contains_its_day_and_round_trips_by_name(day: date, fiscal: int) -> None:
    q = quarter_of(day, fiscal)
    assert q.contains(day)
    assert 89 <= (q.ends_on - q.starts_on).days + 1 <= 92
    assert quarter_named(q.name, fiscal) == q


@given(days, months)
def test_quarters_tile_time(day: date, fiscal: int) -> None:
    q = quarter_of(day, fiscal)
    following = next_quarter(q, fiscal)
    assert following.starts_on == q.ends_on + timedelta(days=1)
    assert following.name != q.name
