"""A check-in's value, confidence and note: how they are read, checked and shown."""

from __future__ import annotations

from dataclasses import dataclass

from bot import characters
from bot.numbers import NumberError, parse_number
from bot.presentation import now_to_target, value_of
from bot.progress import out_of_range
from storage.models import KeyResult

# A short note, "what moved, what blocks": 500 characters is a long paragraph, and it keeps a
# history line of several notes within Slack's 3000 characters per section.
NOTE_MAX = 500
VALUE_MAX_CHARS = 40
# Beyond 10^15 a float no longer holds every whole number: such a value is a typo, not a metric.
VALUE_LIMIT = 1e15
DONE, NOT_DONE = 1.0, 0.0
EXAMPLE_NUMBERS = "like 420, 1,200, 12.5 or 45%"


class BadValue(ValueError):
    """The text is not a value this key result can take; the message says how to fix it."""


def read_value(text: str) -> float:
    """A number as people type it, finite and of a sane size, else BadValue saying why."""
    raw = text.strip()
    if not raw:
        raise BadValue(f"Enter the new value, {EXAMPLE_NUMBERS}.")
    if len(raw) > VALUE_MAX_CHARS:
        raise BadValue(f"That is too long for a value: enter just the number, {EXAMPLE_NUMBERS}.")
    try:
        value = parse_number(raw).value
    except NumberError as exc:
        raise BadValue(str(exc)) from None
    if abs(value) >= VALUE_LIMIT:
        raise BadValue(f"{raw} is too large to be right: enter the value, {EXAMPLE_NUMBERS}.")
    return value


def questioned(key_result: KeyResult, value: float | None) -> str | None:
    """Why a value is asked about before it is recorded (bot.progress.out_of_range: far
    outside its key result's range, either way, or a percentage past 100), else None."""
    kr = key_result
    if value is None or kr.kind == "milestone":
        return None
    percent = kr.unit_kind == "percent"
    if not out_of_range(kr.kind, kr.start_value, kr.target_value, value, percent=percent):
        return None
    shown = value_of(kr, value)
    own = [v for v in (kr.start_value, kr.target_value) if v is not None]
    if percent and not 0 <= value <= 100 and all(0 <= v <= 100 for v in own):
        why = f"{shown} is outside 0–100%"
    else:
        why = f"{shown} is far outside what this key result spans ({now_to_target(kr)})"
    return f"{why}: is it right? Nothing is recorded until you confirm it."


def first_confidence(milestone: bool, value: float | None) -> str | None:
    """The confidence of a check-in given none and with none to keep: a done milestone is
    on track (it is met); anything else must be told."""
    return "on_track" if milestone and value == DONE else None


def note_problem(note: str) -> str | None:
    if told := characters.problem(note, "The note"):
        return told
    if len(note) <= NOTE_MAX:
        return None
    return (
        f"The note is {len(note):,} characters; keep it to {NOTE_MAX} or fewer "
        "(what moved, what blocks)."
    )


def editable_value(key_result: KeyResult, value: float | None) -> str:
    """The value pre-filled in a text field, in a form read_value gives back unchanged."""
    if value is None:
        return ""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{text}%" if key_result.unit_kind == "percent" else text


@dataclass(frozen=True)
class Entry:
    """One key result's new check-in, read and checked, not yet stored."""

    key_result_id: int
    value: float | None
    confidence: str
    note: str


def editable_note(note: str) -> str:
    """The note pre-filled for editing: < and > become look-alikes that can form no mention.

    A note saved back unchanged keeps its original text (see `kept_note`).
    """
    return note.replace("<", "‹").replace(">", "›")


def kept_note(submitted: str, original: str) -> str:
    """The original note when the edit left the pre-filled text alone, else what was typed."""
    return original if submitted == editable_note(original).strip() else submitted
