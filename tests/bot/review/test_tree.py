"""bot/review/tree.py: rolled-up progress and the "Show more" value."""

from __future__ import annotations

import pytest

from bot.review.tree import decode, rolled_up


def test_rolled_up_is_the_mean_of_own_key_results_and_childrens_roll_ups() -> None:
    assert rolled_up([0.25], [0.75]) == pytest.approx(0.5)
    assert rolled_up([0.2, 0.4], [1.0]) == pytest.approx(0.5333, abs=1e-3)
    assert rolled_up([], [0.5, 1.0]) == pytest.approx(0.75)
    assert rolled_up([], []) == 0


def test_show_more_values_are_read_back_or_refused() -> None:
    assert decode("2026-Q4|45") == ("2026-Q4", 45)
    assert decode("FY2027-Q3|0") == ("FY2027-Q3", 0)
    for junk in ("", "2026-Q4", "2026-Q4|-1", "2026-q4|3", "nonsense|3", "2026-Q4|²"):
        assert decode(junk) is None, junk
