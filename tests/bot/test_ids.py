from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.checkins import history
from bot.checkins.modal_pages import Pagination
from bot.ids import (
    clicked_value,
    metadata_object,
    metadata_text,
    parse_id,
    selected,
    state_of,
    state_values,
)
from bot.objectives.filled_form import FormError, draft_from_view


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        (3, 3),
        ("", None),
        (None, None),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("1.5", None),
        ("1e3", None),
        ("9" * 12, None),
        ("2147483647", 2147483647),
        ("2147483648", None),
        ("99999999999", None),
        ("7" * 5000, None),
        ("12; DROP", None),
    ],
)
def test_only_plain_ascii_digits_are_ids(raw: object, expected: int | None) -> None:
    assert parse_id(raw) == expected


# Junk as a forged payload could carry it: any JSON value, and text that is almost JSON.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)
TEXT = st.text() | JSON.map(json.dumps) | st.integers(1, 5000).map(lambda n: "[" * n)


@given(JSON)
def test_a_view_of_any_shape_reads_as_text_and_values(view: object) -> None:
    assert isinstance(metadata_text(view), str)
    assert isinstance(state_values(view), dict)


@given(TEXT)
def test_private_metadata_of_any_text_reads_as_an_object(text: str) -> None:
    assert isinstance(metadata_object(text), dict)


@given(JSON, st.text(), st.text())
def test_submitted_state_of_any_shape_reads_as_an_entry(
    values: object, block_id: str, action_id: str
) -> None:
    assert isinstance(state_of(values, block_id, action_id), dict)
    assert selected(values, block_id, action_id) in {None} | {
        v for v in [_picked(values, block_id, action_id)] if isinstance(v, str)
    }


def _picked(values: object, block_id: str, action_id: str) -> object:
    try:
        return values[block_id][action_id]["selected_option"]["value"]  # type: ignore[index]
    except (KeyError, TypeError, IndexError):
        return None


def test_what_the_bot_wrote_is_read_back() -> None:
    view = {
        "private_metadata": '{"krs": [1, 2]}',
        "state": {"values": {"pick": {"pick": {"selected_option": {"value": "done"}}}}},
    }
    assert metadata_object(metadata_text(view)) == {"krs": [1, 2]}
    assert selected(state_values(view), "pick") == "done"
    assert state_of(state_values(view), "pick", "pick") == {"selected_option": {"value": "done"}}


@pytest.mark.parametrize(
    "text", ["", "not json", "[1, 2]", '"text"', "null", "[" * 100_000, '{"a": 1']
)
def test_private_metadata_that_is_no_object_reads_as_empty(text: str) -> None:
    assert metadata_object(text) == {}


DEEP = "[" * 100_000  # before one reader: RecursionError out of json.loads in each of these


def test_every_feature_reads_deeply_nested_metadata_as_junk() -> None:
    assert history.objectives_of(DEEP) == []
    assert Pagination.from_metadata(DEEP).key_results == []
    with pytest.raises(FormError):  # the objective modal's own "out of date" refusal
        draft_from_view({"private_metadata": DEEP, "state": {"values": {}}})


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ({"actions": [{"value": "12"}]}, "12"),
        ({"actions": [{"value": 12}]}, ""),
        ({"actions": [{}]}, ""),
        ({"actions": []}, ""),
        ({"actions": "x"}, ""),
        ({}, ""),
        ("junk", ""),
    ],
)
def test_a_clicked_value_is_the_first_actions_string_value_or_nothing(
    body: object, value: str
) -> None:
    assert clicked_value(body) == value
