"""Reading the settings modal's celebrations and digests section: each field, valid and not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.words import Words
from bot.workspace_settings import celebrations_form as form
from bot.workspace_settings.preview import next_digest
from bot.workspace_settings.settings_form import Choices
from tests.settings_forms import celebration_state

STORED = Choices(1, "UTC", 3)


def read(**fields: Any) -> tuple[Choices, dict[str, str]]:
    errors: dict[str, str] = {}
    changes = form.celebrations_picked(celebration_state(**fields), STORED.words, errors)
    return replace(STORED, **changes), errors


def test_every_field_is_read_as_picked() -> None:
    choices, errors = read(
        celebration="CWINS",
        digest="GLEADS",
        milestones=["100", "25", "75", "50"],
        day="0",
        time="08:30",
        words=("  Goals ", "goal", "key   result"),
    )
    assert errors == {}
    assert (choices.celebration_channel, choices.digest_channel) == ("CWINS", "GLEADS")
    assert choices.milestones == (25, 50, 75, 100)
    assert (choices.digest_weekday, choices.digest_minute) == (0, 510)
    assert choices.words == Words("Goals", "goal", "key result")


def test_empty_channels_mean_none_and_the_defaults_read_as_the_defaults() -> None:
    choices, errors = read()
    assert errors == {}
    assert choices == STORED


@pytest.mark.parametrize(
    ("fields", "block"),
    [
        ({"celebration": "U123"}, form.CELEBRATION_CHANNEL),
        ({"digest": "not a channel"}, form.DIGEST_CHANNEL),
        ({"milestones": []}, form.MILESTONES),
        ({"milestones": ["50", "110"]}, form.MILESTONES),
        ({"day": None}, form.DIGEST_DAY),
        ({"day": "9"}, form.DIGEST_DAY),
        ({"time": "24:00"}, form.DIGEST_TIME),
        ({"words": ("", "objective", "key result")}, form.WORD_OKR),
        ({"words": ("OKR", "goal2", "key result")}, form.WORD_OBJECTIVE),
        ({"words": ("OKR", "objective", "<@U123>")}, form.WORD_KEY_RESULT),
        ({"words": ("OKR", "objective", "a\u202eb")}, form.WORD_KEY_RESULT),
        ({"words": ("OKR", "- -", "key result")}, form.WORD_OBJECTIVE),
    ],
)
def test_each_invalid_field_keeps_the_stored_value_with_an_error(
    fields: dict[str, Any], block: str
) -> None:
    choices, errors = read(**fields)
    assert list(errors) == [block]
    assert choices == STORED


def test_a_forged_state_without_the_section_says_what_to_pick_but_keeps_no_channel() -> None:
    errors: dict[str, str] = {}
    choices = replace(STORED, **form.celebrations_picked({}, STORED.words, errors))
    assert choices == STORED
    assert set(errors) == {
        form.MILESTONES,
        form.DIGEST_DAY,
        form.DIGEST_TIME,
        form.WORD_OKR,
        form.WORD_OBJECTIVE,
        form.WORD_KEY_RESULT,
    }


@pytest.mark.parametrize(
    ("word", "kept"),
    [
        ("goal", "goal"),
        ("Key-Result", "Key-Result"),
        ("Ziel", "Ziel"),
        ("x" * 20, "x" * 20),
        ("x" * 21, None),
        ("", None),
        ("goals!", None),
        ("-", None),
    ],
)
def test_words_are_letters_spaces_and_hyphens(word: str, kept: str | None) -> None:
    assert form.word_of(word) == kept


def test_the_next_digest_is_the_coming_day_and_time_in_the_workspace_zone() -> None:
    friday_at_four = Choices(1, "Europe/Lisbon", 3, digest_weekday=4, digest_minute=960)
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    late_friday = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    assert next_digest(friday_at_four, monday) == "Friday 4 Dec at 16:00 (Europe/Lisbon)"
    assert next_digest(friday_at_four, late_friday) == "Friday 11 Dec at 16:00 (Europe/Lisbon)"
