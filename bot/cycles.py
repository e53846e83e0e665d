"""Cycles are quarters of the fiscal year, named like 2026-Q4 (or FY2027-Q1 off January)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

_NAME = re.compile(r"^(?:FY)?(\d{4})-Q([1-4])$", re.IGNORECASE)
# A stored cycle's name may end in its first month, when its quarter's name was taken.
_CYCLE_NAME = re.compile(r"^((?:FY)?\d{4}-Q[1-4])(?:-([A-Z]{3}))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Quarter:
    name: str
    starts_on: date
    ends_on: date  # inclusive

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def quarter_of(day: date, fiscal_start_month: int = 1) -> Quarter:
    """The fiscal quarter containing `day`; a fiscal year is named by the year it ends in."""
    offset = (day.month - fiscal_start_month) % 12
    number = offset // 3 + 1
    start_year, start_month = _add_months(day.year, day.month, -(offset % 3))
    fy_start_year, _ = _add_months(day.year, day.month, -offset)
    return _quarter(number, start_year, start_month, fy_start_year, fiscal_start_month)


def quarter_named(name: str, fiscal_start_month: int = 1) -> Quarter | None:
    """`2026-Q3` (or `FY2027-Q1`) -> that quarter, None when the name is not a quarter.

    `0000-Q1` and `9999-Q4` (under some fiscal year starts, `FY0001-Q1`) read as names, but
    Python's dates run from year 1 to 9999: a quarter must start within them and be followed
    by a day within them (the next quarter starts there). Else no such quarter, as for any name.
    """
    match = _NAME.match(name.strip())
    if match is None:
        return None
    fiscal_year, number = int(match[1]), int(match[2])
    fy_start_year = fiscal_year if fiscal_start_month == 1 else fiscal_year - 1
    start_year, start_month = _add_months(fy_start_year, fiscal_start_month, (number - 1) * 3)
    if start_year < MINYEAR or _add_months(start_year, start_month, 3)[0] > MAXYEAR:
        return None
    return _quarter(number, start_year, start_month, fy_start_year, fiscal_start_month)


def cycle_name(word: str) -> str | None:
    """`fy2027-q3` -> `FY2027-Q3`, `FY2027-Q3-SEP` -> `FY2027-Q3-Sep`; None for other words."""
    match = _CYCLE_NAME.match(word.strip())
    if match is None:
        return None
    return match[1].upper() + (f"-{match[2].capitalize()}" if match[2] else "")


def _quarter(
    number: int, start_year: int, start_month: int, fy_start_year: int, fiscal_start_month: int
) -> Quarter:
    end_year, end_month = _add_months(start_year, start_month, 3)
    ends_on = date(end_year, end_month, 1) - timedelta(days=1)
    if fiscal_start_month == 1:
        name = f"{fy_start_year:04d}-Q{number}"
    else:
        name = f"FY{fy_start_year + 1:04d}-Q{number}"
    return Quarter(name, date(start_year, start_month, 1), ends_on)


def next_quarter(quarter: Quarter, fiscal_start_month: int = 1) -> Quarter:
    return quarter_of(quarter.ends_on + timedelta(days=1), fiscal_start_month)
