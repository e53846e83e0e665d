from __future__ import annotations

import pytest

from bot.ids import parse_id


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
