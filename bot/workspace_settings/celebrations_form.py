"""The settings modal's "Celebrations and digests" section: its fields, and reading them."""

from __future__ import annotations

from typing import Any

from bot.ids import FormErrors, parse_id, picked_time, selected, state_of, ticked, typed
from bot.presentation import is_slack_id
from bot.words import Words

CELEBRATION_CHANNEL = "settings_celebration_channel"
DIGEST_CHANNEL = "settings_digest_channel"
MILESTONES = "settings_milestones"
DIGEST_DAY = "settings_digest_day"
DIGEST_TIME = "settings_digest_time"
WORD_OKR = "settings_word_okr"
WORD_OBJECTIVE = "settings_word_objective"
WORD_KEY_RESULT = "settings_word_key_result"

MILESTONE_CHOICES = (25, 50, 75, 100)
WORD_LENGTH = range(1, 21)
WORD_FIELDS = {WORD_OKR: "an OKR", WORD_OBJECTIVE: "an objective", WORD_KEY_RESULT: "a key result"}


CHANNEL_FIELDS = ((CELEBRATION_CHANNEL, "celebration_channel"), (DIGEST_CHANNEL, "digest_channel"))


def celebrations_picked(values: dict[str, Any], words: Words, errors: FormErrors) -> dict[str, Any]:
    """Channels, milestones, the digest's day and time and the words (stored: `words`), as the
    `Choices` fields to change; a field without a valid value is left out and gets an error."""
    changes: dict[str, Any] = {}
    for block, name in (
        (CELEBRATION_CHANNEL, "celebration_channel"),
        (DIGEST_CHANNEL, "digest_channel"),
    ):
        picked = state_of(values, block, block).get("selected_conversation")
        if picked is not None and not (isinstance(picked, str) and is_slack_id(picked, "CG")):
            errors[block] = "Pick a channel from the list, or leave it empty."
        else:
            changes[name] = picked
    marks = ticked(values, MILESTONES, MILESTONES)
    milestones = tuple(m for m in MILESTONE_CHOICES if str(m) in marks)
    if not milestones or len(milestones) != len(marks):
        errors[MILESTONES] = (
            "Tick at least one milestone, like 50 % and 100 %. An owner who would rather not "
            "be celebrated in a channel can choose Celebrate quietly on their objective."
        )
    else:
        changes["milestones"] = milestones
    day = parse_id(selected(values, DIGEST_DAY))
    if day is None or day not in range(7):
        errors[DIGEST_DAY] = "Pick the day of the week the digest is posted on."
    else:
        changes["digest_weekday"] = day
    minute = picked_time(values, DIGEST_TIME)
    if minute is None:
        errors[DIGEST_TIME] = "Pick the time the digest is posted at, like 16:00."
    else:
        changes["digest_minute"] = minute
    changes["words"] = _words_picked(values, words, errors)
    return changes


def _words_picked(values: dict[str, Any], stored: Words, errors: FormErrors) -> Words:
    words = {}
    for block, what in WORD_FIELDS.items():
        word = word_of(typed(values, block))
        if word is None:
            errors[block] = (
                f"Type what your teams call {what}: 1 to 20 letters, spaces or hyphens, "
                "like goal or key result."
            )
        words[block] = word
    return Words(
        words[WORD_OKR] or stored.okr,
        words[WORD_OBJECTIVE] or stored.objective,
        words[WORD_KEY_RESULT] or stored.key_result,
    )


def word_of(text: str) -> str | None:
    """The word as typed, spaces tidied; None unless it is 1–20 letters, spaces or hyphens."""
    word = " ".join(text.split())
    if len(word) not in WORD_LENGTH or not any(c.isalpha() for c in word):
        return None
    return word if all(c.isalpha() or c in " -" for c in word) else None
