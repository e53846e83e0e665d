"""The one place values, goals, confidence, pace, mentions and escaping are written for people."""

from __future__ import annotations

from datetime import date

import pytest

from bot.checkins.status import describe
from bot.objectives.units import NUMBER, PERCENT, Unit
from bot.presentation import (
    channel_link,
    confidence_label,
    day,
    escape_mrkdwn,
    format_value,
    goal,
    mention,
    plain_from_slack,
    value_of,
)
from bot.progress import percent
from storage.models import Cycle, KeyResult
from tests.blockkit import MENTION_MARKERS
from tests.hostile_texts import ACCEPTED

CYCLE = Cycle(name="2026-Q4", starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31))
MID_CYCLE = date(2026, 11, 15)  # 45 of 91 days: about half way


def kr(
    kind: str = "increase", unit_kind: str = "number", unit: str = "", **fields: object
) -> KeyResult:
    row = KeyResult(
        kind=kind, unit_kind=unit_kind, unit=unit, start_value=0, target_value=100, title="KR"
    )
    row.current_value, row.confidence, row.due_on = None, None, None
    for name, value in fields.items():
        setattr(row, name, value)
    return row


@pytest.mark.parametrize(
    ("value", "unit", "kind", "text"),
    [
        (1200, NUMBER, "", "1,200"),
        (12.5, NUMBER, "", "12.5"),
        (45, PERCENT, "", "45%"),
        (3000, Unit("currency", "EUR"), "", "3,000 EUR"),
        (12, Unit("word", "deals"), "", "12 deals"),
        (12, Unit("word", ""), "", "12"),
        (-3, NUMBER, "", "-3"),
        (1, NUMBER, "milestone", "done"),
        (0, NUMBER, "milestone", "not done"),
        (None, PERCENT, "increase", "no value yet"),
        (999_999_999_999_999, NUMBER, "", "999,999,999,999,999"),
        (0.1 + 0.2, NUMBER, "", "0.3"),
        (2.675, NUMBER, "", "2.67"),  # the float just under 2.675
        (12.001, NUMBER, "", "12"),  # failed before: "12."
        (0.004, PERCENT, "", "0%"),  # failed before: "0.%"
        (-0.0, PERCENT, "", "0%"),  # failed before: "-0%"
        (-0.001, NUMBER, "", "0"),  # failed before: "-0."
        (-12.5, Unit("currency", "EUR"), "", "-12.5 EUR"),
        (12, Unit("word", "<!channel>"), "", "12 <!channel>"),  # templates escape it
    ],
)
def test_values_read_with_their_unit(value: float | None, unit: Unit, kind: str, text: str) -> None:
    assert format_value(value, unit, kind) == text


def test_a_key_results_value_uses_its_stored_unit() -> None:
    assert value_of(kr(unit_kind="currency", unit="USD"), 3000) == "3,000 USD"
    assert value_of(kr(unit_kind="percent", unit=""), 45) == "45%"
    assert value_of(kr("milestone"), 1) == "done"


@pytest.mark.parametrize(
    ("kind", "start", "target", "unit", "text"),
    [
        ("increase", 30, 45, NUMBER, "from 30 to 45"),
        ("decrease", 8, 3, PERCENT, "from 8% down to 3%"),
        ("stay_above", None, 99.9, PERCENT, "stay at or above 99.9%"),
        ("stay_below", None, 3000, Unit("currency", "USD"), "stay at or below 3,000 USD"),
        ("milestone", None, None, NUMBER, "done or not done"),
        ("increase", 1000, 1500, Unit("word", "signups"), "from 1,000 signups to 1,500 signups"),
        ("increase", None, 10, NUMBER, "from ? to 10"),
    ],
)
def test_goals_read_naturally(
    kind: str, start: float | None, target: float | None, unit: Unit, text: str
) -> None:
    assert goal(kind, start, target, unit) == text


def test_a_check_in_and_a_list_phrase_a_goal_alike() -> None:
    """Failed before: the check-in said `0 → 100`, the saved objective `from 0 to 100`."""
    assert describe(kr(), CYCLE, MID_CYCLE).goal == goal("increase", 0, 100, NUMBER)


def test_without_a_due_date_a_key_result_is_due_when_its_cycle_ends() -> None:
    """Failed before: /okr list took today as the due date, so half way was "behind"."""
    on_pace = kr(current_value=50, confidence="on_track")
    assert describe(on_pace, CYCLE, MID_CYCLE).behind is False
    late = kr(current_value=10, confidence="on_track")
    assert describe(late, CYCLE, MID_CYCLE).behind is True
    assert describe(late, CYCLE, MID_CYCLE).expected_percent == 49


def test_confidence_reads_alike_everywhere() -> None:
    assert confidence_label("at_risk") == ":large_yellow_circle: At risk"
    for missing in (None, "", "bogus", "<!channel>"):
        assert confidence_label(missing) == ":white_circle: No check-in yet"


@pytest.mark.parametrize("junk", ["<!channel>", "U1>", "u123", "C123", "", "U", "W" + "1" * 30])
def test_mentions_are_built_only_from_a_persons_id(junk: str) -> None:
    """Failed before for C123: one copy mentioned it, the other wrote nothing."""
    assert mention(junk) == "someone"


def test_mentions_and_channel_links_from_good_ids() -> None:
    assert mention("U2") == "<@U2>" and mention("W0ABC") == "<@W0ABC>"
    assert channel_link("C0123") == "<#C0123>" and channel_link("U1") == "a channel"


@pytest.mark.parametrize(
    "text", [*MENTION_MARKERS, "a & b <c>", "&amp;lt;", *(text for _, text in ACCEPTED)]
)
def test_escaping_makes_no_mention_and_reads_back(text: str) -> None:
    escaped = escape_mrkdwn(text)
    assert "<" not in escaped and ">" not in escaped
    assert plain_from_slack(escaped) == text


def test_slack_entities_read_back_as_typed() -> None:
    assert plain_from_slack("a &lt;b&gt; &amp;lt; c") == "a <b> &lt; c"
    assert escape_mrkdwn("<!here> & <@U1>") == "&lt;!here&gt; &amp; &lt;@U1&gt;"


def test_days_and_percents_read_alike_everywhere() -> None:
    assert day(date(2026, 11, 6)) == "Nov 6" and day(date(2027, 1, 31)) == "Jan 31"
    assert percent(0.424) == 42 and percent(0.426) == 43 and percent(1.5) == 150
