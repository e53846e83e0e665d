"""Scoring the words of a line against key results (issue 9, finding 1)."""

from __future__ import annotations

import pytest

from bot.checkins.matching import Named, fit, word, words
from bot.checkins.message import KeyResultRef, read_line

SIGNUPS = Named("Weekly signups", "", "Grow the self-serve funnel")
CHECKLIST = Named("Create a self-serve onboarding checklist")
DEALS = Named("Close more", "deals")


@pytest.mark.parametrize(
    ("typed", "normal"),
    [("Signups", "signup"), ("ÉQUIPE", "equipe"), ("process", "process"), ("ads", "ads")],
)
def test_words_are_normalised(typed: str, normal: str) -> None:
    assert word(typed) == normal


def test_punctuation_and_stop_words_do_not_count() -> None:
    assert words("Create a self-serve, onboarding checklist!") == [
        "create",
        "self",
        "serve",
        "onboarding",
        "checklist",
    ]


def test_the_most_telling_word_fits() -> None:
    signups = fit(["signup"], SIGNUPS)
    assert signups is not None and signups.score == 1.0
    assert fit(["checklist"], CHECKLIST) is not None
    assert fit(["deal"], DEALS) is not None, "the unit's words count as the title's"


def test_objective_words_count_less_than_the_title() -> None:
    by_objective = fit(["funnel"], SIGNUPS)
    by_title = fit(["signup"], SIGNUPS)
    assert by_objective is not None and by_title is not None and by_objective < by_title


def test_a_word_that_fits_nothing_counts_against_and_cannot_end_a_name() -> None:
    longer = fit(["weekly", "count", "signup"], SIGNUPS)
    exact = fit(["weekly", "signup"], SIGNUPS)
    assert longer is not None and exact is not None and longer < exact
    assert fit(["signup", "420"], SIGNUPS) is None
    assert fit(["hello"], SIGNUPS) is None


def test_saying_the_whole_title_beats_a_longer_title_with_the_same_word() -> None:
    whole = fit(["nps"], Named("NPS"))
    part = fit(["nps"], Named("NPS among admins"))
    assert whole is not None and part is not None and part < whole


def test_the_start_of_a_word_fits_less() -> None:
    start = fit(["onboard"], CHECKLIST)
    assert start is not None and start.score < 1.0


REFS = [
    KeyResultRef(1, "Weekly signups", value=300, confidence="on_track", objective="Grow"),
    KeyResultRef(2, "Activation rate", value=40, confidence="at_risk"),
    KeyResultRef(3, "Create a self-serve onboarding checklist", milestone=True),
]


@pytest.mark.parametrize(
    ("line", "number", "value", "confidence", "note"),
    [
        ("signups 420 on track shipped onboarding", 1, 420, "on_track", "shipped onboarding"),
        ("checklist done 🟢", 3, 1, "on_track", ""),
        ("checklist done", 3, 1, "on_track", ""),  # a done milestone needs no confidence
        ("Onboarding checklist: done", 3, 1, "on_track", ""),
        ("activation 45% at risk", 2, 45, "at_risk", ""),
        ("2: 45% at risk", 2, 45, "at_risk", ""),
    ],
)
def test_lines_people_write(
    line: str, number: int, value: float, confidence: str, note: str
) -> None:
    reading = read_line(line, REFS)
    assert reading.ok, reading
    assert (reading.number, reading.value, reading.confidence, reading.note) == (
        number,
        value,
        confidence,
        note,
    )


def test_two_equal_fits_are_ambiguous_with_what_the_line_says_of_each() -> None:
    refs = [KeyResultRef(1, "Signups per week", value=3), KeyResultRef(2, "Signups from ads")]
    reading = read_line("signups 42 on track", refs)
    assert reading.problem == "ambiguous" and reading.matches == (1, 2)
    assert [(c.number, c.value, c.confidence) for c in reading.choices] == [
        (1, 42, "on_track"),
        (2, 42, "on_track"),
    ]
