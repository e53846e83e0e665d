from __future__ import annotations

import pytest

from bot.numbers import NumberError, ParsedNumber, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,200", ParsedNumber(1200)),
        ("1 200", ParsedNumber(1200)),
        ("1\u202f200", ParsedNumber(1200)),
        ("1 200 000", ParsedNumber(1_200_000)),
        ("12 345,5", ParsedNumber(12345.5)),
        ("1'200", ParsedNumber(1200)),
        ("- 5", ParsedNumber(-5)),
        ("1 200 %", ParsedNumber(1200, percent=True)),
        ("12.5", ParsedNumber(12.5)),
        ("12,5", ParsedNumber(12.5)),
        ("45%", ParsedNumber(45, percent=True)),
        ("$3k", ParsedNumber(3000, currency="USD")),
        ("€1.2k", ParsedNumber(1200, currency="EUR")),
        ("2.5m", ParsedNumber(2_500_000)),
        ("1,250,000", ParsedNumber(1_250_000)),
        ("1.200,50", ParsedNumber(1200.5)),
        ("1,000.5", ParsedNumber(1000.5)),
        ("-5", ParsedNumber(-5)),
        (".5", ParsedNumber(0.5)),
        ("  0 ", ParsedNumber(0)),
    ],
)
def test_numbers_people_type(text: str, expected: ParsedNumber) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Enter a number"),
        ("abc", '"abc" is not a number'),
        ("nan", '"nan" is not a number'),
        ("inf", '"inf" is not a number'),
        ("12 apples", 'I understood 12 but not "apples"'),
        ("1,2,3", "separators in odd places"),
        ("12..5", "separators in odd places"),
        ("5 5", "separators in odd places"),
        ("1 2345", "separators in odd places"),
        ("12 34", "separators in odd places"),
        ("1  200", "separators in odd places"),
        ("1 200 5", "separators in odd places"),
        ("3kk", 'not "kk"'),
    ],
)
def test_what_is_not_a_number_is_explained(text: str, says: str) -> None:
    with pytest.raises(NumberError) as raised:
        parse_number(text)
    assert says in str(raised.value)
    assert "1,200" in str(raised.value), "the message shows an example that works"
