"""The words a check-in message may use for confidence and for a milestone's state."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, TypeVar

from bot.checkins.values import DONE, NOT_DONE

T = TypeVar("T")


def _spellings(spellings: str, meaning: T) -> dict[tuple[str, ...], T]:
    """ "on track|green" -> {("on", "track"): meaning, ("green",): meaning}."""
    return {tuple(spelling.split()): meaning for spelling in spellings.split("|")}


# Slack sends emoji in message text as their names (🟢 arrives as :large_green_circle:).
CONFIDENCES: dict[tuple[str, ...], str] = {
    **_spellings(
        "on track|on-track|ontrack|on_track|green|🟢|:large_green_circle:|:green_circle:",
        "on_track",
    ),
    **_spellings(
        "at risk|at-risk|atrisk|at_risk|yellow|amber|🟡|:large_yellow_circle:|:yellow_circle:",
        "at_risk",
    ),
    **_spellings(
        "off track|off-track|offtrack|off_track|red|🔴|:red_circle:|:large_red_circle:",
        "off_track",
    ),
}
MILESTONE_STATES: dict[tuple[str, ...], float] = {
    **_spellings(
        "done|complete|completed|finished|✅|✔|✔️|:white_check_mark:|:heavy_check_mark:", DONE
    ),
    **_spellings(
        "not done|not-done|undone|not yet|todo|to-do|pending|in progress|❌|:x:", NOT_DONE
    ),
}
# Between the key result's name, its value and its note, people write these; they mean nothing.
SEPARATORS = frozenset({":", "-", "–", "—", "=", "->", "→", "|", ",", "is", "now"})


class Word(Protocol):
    @property
    def word(self) -> str: ...


def phrase(
    words: Sequence[Word], i: int, phrases: Mapping[tuple[str, ...], T]
) -> tuple[T | None, int]:
    """The meaning of the phrase starting at words[i] (two words, else one) and where it ends."""
    for length in (2, 1):
        found = tuple(w.word for w in words[i : i + length])
        if len(found) == length and found in phrases:
            return phrases[found], i + length
    return None, i


def skip_separators(words: Sequence[Word], i: int) -> int:
    while i < len(words) and words[i].word in SEPARATORS:
        i += 1
    return i
