"""The message parser: a table of lines people write, and a round trip with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.checkins.message import (
    MAX_LINES,
    KeyResultRef,
    Reading,
    example_line,
    read_line,
    read_message,
)
from bot.checkins.words import CONFIDENCES

REFS = [
    KeyResultRef(1, "Signups per week", value=300, confidence="at_risk"),
    KeyResultRef(2, "Activation rate", value=40),
    KeyResultRef(3, "Launch the beta", milestone=True),
    KeyResultRef(4, "Signups from ads", value=10, confidence="on_track"),
    KeyResultRef(5, "NPS", value=20, confidence="on_track"),
    KeyResultRef(6, "NPS among admins", value=15, confidence="on_track"),
    KeyResultRef(7, "10 enterprise deals", value=2, confidence="on_track"),
    KeyResultRef(8, "R&D hires", value=1, confidence="off_track"),
]

# line -> (number, value, confidence, note, kept_value, kept_confidence)
READABLE = {
    "signups per week 420 on track shipped the new onboarding": (
        1,
        420,
        "on_track",
        "shipped the new onboarding",
        False,
        False,
    ),
    "2: 45% at risk": (2, 45, "at_risk", "", False, False),
    "2:45% at-risk": (2, 45, "at_risk", "", False, False),
    "2. 45 off track legal is slow": (2, 45, "off_track", "legal is slow", False, False),
    "2) 45 red": (2, 45, "off_track", "", False, False),
    "#2 45 🟡": (2, 45, "at_risk", "", False, False),
    "KR2 45 :large_green_circle: good week": (2, 45, "on_track", "good week", False, False),
    "kr 2 - 45 — green — good week": (2, 45, "on_track", "good week", False, False),
    "activation 41.5 ontrack": (2, 41.5, "on_track", "", False, False),
    "ACTIVATION RATE: 41,5 On Track": (2, 41.5, "on_track", "", False, False),
    "activation rate is 1,200 amber": (2, 1200, "at_risk", "", False, False),
    "activation = 3k :red_circle:": (2, 3000, "off_track", "", False, False),
    "activation on track 50 value and confidence swap": (
        2,
        50,
        "on_track",
        "value and confidence swap",
        False,
        False,
    ),
    "launch done 🟢": (3, 1, "on_track", "", False, False),
    "3: not done at risk waiting for legal": (3, 0, "at_risk", "waiting for legal", False, False),
    "launch the beta :white_check_mark: on track": (3, 1, "on_track", "", False, False),
    "launch not yet red": (3, 0, "off_track", "", False, False),
    "signups per week 420": (1, 420, "at_risk", "", False, True),
    "signups per week 420, shipped it": (1, 420, "at_risk", "shipped it", False, True),
    "1 on track": (1, 300, "on_track", "", True, False),
    "signups per week off track: ads paused": (1, 300, "off_track", "ads paused", True, False),
    "nps 35 on track": (5, 35, "on_track", "", False, False),
    "nps among 18 at risk": (6, 18, "at_risk", "", False, False),
    "10 enterprise deals 3 on track": (7, 3, "on_track", "", False, False),
    "7 3 on track": (7, 3, "on_track", "", False, False),
    "r&amp;d hires 2 green": (8, 2, "on_track", "", False, False),
    "- signups per week 420 green": (1, 420, "on_track", "", False, False),
    "• 2: 45% green": (2, 45, "on_track", "", False, False),
    "signups per week -5 red churn": (1, -5, "off_track", "churn", False, False),
    "signups per week 420 on track &lt;@U2&gt; helped": (
        1,
        420,
        "on_track",
        "<@U2> helped",
        False,
        False,
    ),
}

# line -> (problem, number, matches, detail contains)
UNREADABLE = {
    "hello there": ("unknown", None, (), "hello"),
    "9: 45% on track": ("no_such_number", None, (), "9"),
    "signups 420 on track": ("ambiguous", None, (1, 4), ""),
    "sign 420": ("ambiguous", None, (1, 4), ""),
    "activation": ("no_value", 2, (), ""),
    "activation forty on track": ("no_value", 2, (), "forty"),
    "activation nan": ("no_value", 2, (), "nan"),
    "activation inf on track": ("no_value", 2, (), "inf"),
    "activation 1e999": ("bad_value", 2, (), "not"),
    "activation 1,2,3": ("bad_value", 2, (), "separators"),
    "activation 99999999999999999 on track": ("bad_value", 2, (), "too large"),
    "activation done": ("needs_number", 2, (), "done"),
    "launch 100%": ("needs_done", 3, (), "100%"),
    "activation 50": ("no_confidence", 2, (), ""),
    "activation 50 on track " + "x" * 501: ("note_too_long", 2, (), "5"),
}


@pytest.mark.parametrize(("line", "expected"), READABLE.items())
def test_readable_lines(line: str, expected: tuple[object, ...]) -> None:
    reading = read_message(line, REFS).readings[0]
    assert reading.ok, reading
    got = (
        reading.number,
        reading.value,
        reading.confidence,
        reading.note,
        reading.kept_value,
        reading.kept_confidence,
    )
    assert got == expected


@pytest.mark.parametrize(("line", "expected"), UNREADABLE.items())
def test_unreadable_lines_record_nothing_and_say_why(
    line: str, expected: tuple[str, int | None, tuple[int, ...], str]
) -> None:
    problem, number, matches, detail = expected
    reading = read_line(line, REFS)
    assert (reading.problem, reading.number, reading.matches) == (problem, number, matches)
    assert detail in reading.detail
    assert not reading.ok


def test_a_message_reads_line_by_line_and_skips_blank_lines() -> None:
    text = "signups per week 420 on track\n\n   \n2: 45% at risk\nhello"
    readings = read_message(text, REFS).readings
    assert [r.number for r in readings] == [1, 2, None]
    assert [r.ok for r in readings] == [True, True, False]


def test_a_key_result_named_twice_counts_once() -> None:
    readings = read_message("2: 45 green\nactivation rate 50 red", REFS).readings
    assert readings[0].ok and readings[0].value == 45
    assert readings[1].problem == "duplicate"


def test_lines_past_the_limit_are_counted_not_read() -> None:
    reading = read_message("\n".join(["1 on track"] * (MAX_LINES + 3)), REFS)
    assert len(reading.readings) == MAX_LINES
    assert reading.skipped == 3


def test_no_key_results_means_nothing_is_understood() -> None:
    assert read_line("2: 45 on track", []).problem == "no_such_number"
    assert read_line("signups 45 on track", []).problem == "unknown"


def test_example_lines_read_back() -> None:
    for ref in REFS:
        reading = read_line(example_line(ref, "1,250"), REFS)
        assert reading.ok and reading.number == ref.number, reading


titles = st.sampled_from([r.title for r in REFS if not r.milestone])
values = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**9).map(float),
    st.decimals(min_value=-10_000, max_value=10_000, places=2).map(float),
)
spellings = st.sampled_from(sorted(CONFIDENCES))
notes = st.text(alphabet="abcdefghij klmnop", max_size=60).map(lambda s: " ".join(s.split()))


@given(st.data(), values, spellings, notes, st.booleans())
def test_round_trip(
    data: st.DataObject, value: float, spelling: tuple[str, ...], note: str, by_number: bool
) -> None:
    ref = data.draw(st.sampled_from([r for r in REFS if not r.milestone]))
    first_word = note.split()[0] if note else ""
    assume(not any(first_word == words[0] for words in CONFIDENCES))
    name = f"{ref.number}:" if by_number else ref.title.lower()
    value_text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    line = " ".join(part for part in (name, value_text, " ".join(spelling), note) if part)
    reading = read_line(line, REFS)
    assert reading == Reading(
        line=line, number=ref.number, value=value, confidence=CONFIDENCES[spelling], note=note
    )
