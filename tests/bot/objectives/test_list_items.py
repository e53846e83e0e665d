"""How key results read on every screen (one wording), and the choices of forms."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.checkins.status import describe
from bot.cycles import quarter_named
from bot.objectives.cycle_picker import chosen, cycle_choices
from bot.objectives.units import NUMBER, PERCENT, Unit, parse_unit
from bot.presentation import now_to_target
from storage.models import Cycle, KeyResult

NOW = datetime(2026, 11, 16, tzinfo=UTC)
CYCLE = Cycle(name="2026-Q4", starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31))


def kr(
    kind: str,
    start: float | None,
    target: float | None,
    current: float | None,
    unit: Unit = NUMBER,
) -> KeyResult:
    return KeyResult(
        kind=kind,
        start_value=start,
        target_value=target,
        current_value=current,
        unit_kind=unit.kind,
        unit=unit.code,
        due_on=date(2026, 12, 31),
        confidence=None,
        title="KR",
    )


@pytest.mark.parametrize(
    ("row", "now"),
    [
        (kr("increase", 20, 40, None, Unit("word", "signups")), "now 20 → target 40 signups"),
        (kr("increase", 20, 40, 30, PERCENT), "now 30% → target 40% (from 20%)"),
        (kr("decrease", 8, 4, 6, PERCENT), "now 6% → target 4% (from 8%)"),
        (kr("stay_above", None, 90, None), "no value yet · stay at or above 90"),
        (kr("stay_above", 97, 90, None), "now 97 · stay at or above 90"),
        (kr("stay_below", None, 90, 95), "now 95 · stay at or below 90"),
        (kr("milestone", None, None, 1), "done"),
        (kr("milestone", None, None, None), "not done yet"),
    ],
)
def test_now_to_target_one_wording(row: KeyResult, now: str) -> None:
    """A decrease reads as a move (6% → 4%), never as a ratio (6% / 4%)."""
    assert now_to_target(row) == now
    assert describe(row, CYCLE, NOW.date()).now == now


def test_todays_value_given_at_creation_is_the_first_reading() -> None:
    """Failed before: a stay above with today's value said "no value yet" until a check-in."""
    row = kr("stay_above", 97, 95, None)
    line = describe(row, CYCLE, NOW.date())
    assert (line.value, line.has_value, line.percent) == ("97", True, 100)
    behind = kr("increase", 0, 100, None)
    assert describe(behind, CYCLE, date(2026, 12, 1)).behind is True


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("", None),
        ("%", PERCENT),
        ("Percent", PERCENT),
        ("usd", Unit("currency", "USD")),
        ("$", Unit("currency", "USD")),
        ("number", Unit("number")),
        ("ARR", Unit("word", "ARR")),
    ],
)
def test_units_as_typed(typed: str, unit: Unit | None) -> None:
    assert parse_unit(typed) == unit


def test_cycles_on_offer_surround_today_and_keep_an_older_one() -> None:
    names = [q.name for q in cycle_choices(date(2026, 11, 16), 1)]
    assert names == ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]
    kept = cycle_choices(date(2026, 11, 16), 1, keep=quarter_named("2025-Q1"))
    assert kept[0].name == "2025-Q1" and chosen("2025-Q1", kept) is not None
    assert chosen("1999-Q1", kept) is None
    fiscal = [q.name for q in cycle_choices(date(2026, 11, 16), 4)]
    assert fiscal == ["FY2027-Q2", "FY2027-Q3", "FY2027-Q4", "FY2028-Q1"]
