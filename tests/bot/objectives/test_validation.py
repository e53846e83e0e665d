"""Validation of the objective form as pure functions: numbers, units, directions, dates."""

from __future__ import annotations

from datetime import date

import pytest

from bot.cycles import quarter_of
from bot.objectives.filled_form import KeyResultDraft, ObjectiveDraft
from bot.objectives.units import PERCENT, Unit
from bot.objectives.validation import ObjectiveInput, check

Q4 = quarter_of(date(2026, 11, 16))


def draft(**kr: str | None) -> ObjectiveDraft:
    fields = {"title": "Grow", "kind": "increase", "start": "0", "target": "10", "unit": ""} | kr
    result = ObjectiveDraft(owner_id="U1", cycle="2026-Q4", title="Objective")
    result.key_results = [KeyResultDraft(key=1, **fields)]  # type: ignore[arg-type]
    return result


def checked(**kr: str | None) -> ObjectiveInput:
    result = check(draft(**kr), Q4)
    assert isinstance(result, ObjectiveInput), result
    return result


@pytest.mark.parametrize(
    ("start", "target", "unit", "values", "expected_unit"),
    [
        ("1,200", "1 500", "", (1200, 1500), Unit("number")),
        ("12.5", "12,75", "", (12.5, 12.75), Unit("number")),
        ("10%", "45", "", (10, 45), PERCENT),
        ("10", "45%", "percent", (10, 45), PERCENT),
        ("$1k", "$3k", "", (1000, 3000), Unit("currency", "USD")),
        ("1k", "2.5m", "eur", (1000, 2.5e6), Unit("currency", "EUR")),
        ("€10", "20", "", (10, 20), Unit("currency", "EUR")),
        ("100", "250", "signups", (100, 250), Unit("word", "signups")),
        ("100", "250", "  weekly   readers ", (100, 250), Unit("word", "weekly readers")),
    ],
)
def test_numbers_and_units_as_people_type_them(
    start: str, target: str, unit: str, values: tuple[float, float], expected_unit: Unit
) -> None:
    (kr,) = checked(start=start, target=target, unit=unit).key_results
    assert (kr.start, kr.target, kr.unit) == (*values, expected_unit)


@pytest.mark.parametrize(
    ("fields", "block", "fragment"),
    [
        ({"start": "20", "target": "10"}, "kr1_target", "choose the type Decrease"),
        (
            {"kind": "decrease", "start": "1", "target": "2"},
            "kr1_target",
            "choose the type Increase",
        ),
        ({"start": "5%", "target": "5"}, "kr1_target", "The target equals the start (5%)"),
        ({"start": "", "target": "5"}, "kr1_start", "Enter where it starts"),
        ({"start": "1", "target": "1.2.3"}, "kr1_target", "separators in odd places"),
        ({"start": "1", "target": "2", "unit": "x" * 40}, "kr1_unit", "under 32 characters"),
        (
            {"start": "£1", "target": "2", "unit": "%"},
            "kr1_start",
            "is GBP, but the unit is percent",
        ),
        ({"kind": "sideways"}, "kr1_kind", "Pick a type"),
        ({"target": "999999999b"}, "kr1_target", "under a million billion"),
        ({"due_on": "2026-09-30"}, "kr1_due", "within 2026-Q4"),
        ({"due_on": "someday"}, "kr1_due", "Pick a date"),
        ({"title": "x" * 151}, "kr1_title", "under 150 characters (it has 151)"),
    ],
)
def test_mistakes_are_reported_on_their_field(
    fields: dict[str, str], block: str, fragment: str
) -> None:
    errors = check(draft(**fields), Q4)
    assert isinstance(errors, dict)
    assert fragment in errors.get(block, ""), errors


def test_stay_kinds_need_only_the_threshold_and_milestones_nothing() -> None:
    (stay,) = checked(kind="stay_below", start="", target="200").key_results
    assert (stay.start, stay.target) == (None, 200)
    (milestone,) = checked(kind="milestone", start="junk", target="", unit="junk").key_results
    assert (milestone.start, milestone.target, milestone.unit) == (None, None, Unit("number"))


def test_due_date_defaults_to_the_end_of_the_cycle() -> None:
    (kr,) = checked().key_results
    assert kr.due_on == date(2026, 12, 31)
    (kr,) = checked(due_on="2026-10-01").key_results
    assert kr.due_on == date(2026, 10, 1)


def test_objective_fields_are_checked() -> None:
    form = draft()
    form.title, form.level, form.visibility, form.owner_id = "", "galaxy", "secret", "<!channel>"
    errors = check(form, None)
    assert isinstance(errors, dict)
    assert set(errors) == {
        "objective_title",
        "objective_level",
        "objective_visibility",
        "objective_owner",
        "objective_cycle",
    }


def test_a_team_objective_without_its_channel_block_gets_the_error_on_the_level() -> None:
    form = draft()
    form.level = "team"
    errors = check(form, Q4)
    assert isinstance(errors, dict) and "objective_level" in errors
    form.channel_shown = True
    errors = check(form, Q4)
    assert isinstance(errors, dict) and "objective_channel" in errors
    form.channel_id = "C0TEAM"
    assert isinstance(check(form, Q4), ObjectiveInput)
