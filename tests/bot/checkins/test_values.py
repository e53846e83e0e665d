"""Values, notes and picking objectives: what people type, read back as they meant it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.checkins.by_message import is_check_in_message
from bot.checkins.checkable import pick
from bot.checkins.values import (
    NOTE_MAX,
    BadValue,
    editable_note,
    editable_value,
    kept_note,
    note_problem,
    read_value,
)
from storage.models import KeyResult, Objective

NOW = datetime(2026, 11, 16, 14, tzinfo=UTC)


def kr(kind: str = "increase", unit_kind: str = "number", unit: str = "") -> KeyResult:
    return KeyResult(kind=kind, unit_kind=unit_kind, unit=unit, start_value=0, target_value=10)


@given(
    st.one_of(
        st.integers(min_value=-(10**14), max_value=10**14).map(float),
        st.decimals(min_value=-(10**8), max_value=10**8, places=6).map(float),
    ),
    st.sampled_from(["number", "percent", "currency", "word"]),
)
def test_a_prefilled_value_reads_back_unchanged(value: float, unit_kind: str) -> None:
    assert read_value(editable_value(kr(unit_kind=unit_kind), value)) == pytest.approx(value)


def test_values_read_as_people_type_them() -> None:
    assert read_value("1,200") == 1200
    assert read_value(" 45% ") == 45
    assert read_value("$3k") == 3000
    for bad in ("", "nan", "inf", "-inf", "12 apples", "1e5", "9" * 16, "1" * 41):
        with pytest.raises(BadValue):
            read_value(bad)


def test_notes_past_the_limit_say_how_long_they_are() -> None:
    assert note_problem("x" * NOTE_MAX) is None
    problem = note_problem("x" * 3001)
    assert problem is not None and "3,001 characters" in problem


@given(st.text(max_size=200))
def test_a_note_saved_back_unchanged_stays_exactly_as_it_was(note: str) -> None:
    shown = editable_note(note)
    assert "<" not in shown and ">" not in shown
    assert kept_note(shown.strip(), note) == note


def test_an_edited_note_is_what_was_typed() -> None:
    assert kept_note("new words", "<@U2> old") == "new words"


def objectives(*titles: str) -> list[Objective]:
    return [Objective(id=n, title=title) for n, title in enumerate(titles, start=11)]


def test_pick_by_number_title_start_or_all() -> None:
    mine = objectives("Delight our customers", "Grow revenue", "Grow revenue in Europe")
    assert pick(mine, "").chosen == mine
    assert pick(mine, "2").chosen == [mine[1]]
    assert pick(mine, "#3").chosen == [mine[2]]
    assert pick(mine, "  DELIGHT  our").chosen == [mine[0]]
    assert pick(mine, "grow revenue").chosen == [mine[1]]  # a whole title beats longer ones
    ambiguous = pick(mine, "grow")
    assert (ambiguous.problem, ambiguous.candidates) == (
        "ambiguous",
        ((2, "Grow revenue", 12), (3, "Grow revenue in Europe", 13)),
    )
    assert pick(mine, "4").problem == "no_match"
    assert pick(mine, "ship it").problem == "no_match"
    assert pick([], "").problem == "none"


@pytest.mark.parametrize(
    ("event", "wanted"),
    [
        ({"channel_type": "im", "user": "U1", "text": "1: 4 green"}, True),
        ({"channel_type": "im", "user": "U1", "text": "  "}, False),
        ({"channel_type": "channel", "user": "U1", "text": "1: 4 green"}, False),
        ({"channel_type": "im", "user": "UBOT", "bot_id": "B1", "text": "hi"}, False),
        ({"channel_type": "im", "subtype": "message_changed", "text": "hi"}, False),
        ({"channel_type": "im", "subtype": "message_deleted"}, False),
        ({"channel_type": "im", "user": "U1", "subtype": "file_share", "text": "x"}, False),
    ],
)
def test_only_a_persons_own_new_dm_is_read(event: dict[str, str], wanted: bool) -> None:
    assert is_check_in_message(event) is wanted
