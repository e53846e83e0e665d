"""Reading check-ins from a message, one line per key result: a pure function.

    signups 420 on track shipped the new onboarding
    2: 45% at risk
    launch done 🟢

A line names its key result by number (its place in the person's list) or by the start of its
title, then gives a value (done / not done for milestones) and a confidence (words or 🟢 🟡 🔴),
in either order, either one alone; the rest is the note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot import characters
from bot.checkins.values import NOTE_MAX, BadValue, read_value
from bot.checkins.words import CONFIDENCES, MILESTONE_STATES, phrase, skip_separators
from bot.presentation import plain_from_slack

MAX_LINES = 40

_NUMBER_REF = re.compile(r"^(?:kr\s*)?#?(\d{1,3})(?:\s*[:)]\s*|\.\s+|\s+|$)", re.IGNORECASE)
_NUMERIC = re.compile(r"^[-+−]?[$€£¥₹]?\.?\d")
_BULLET = re.compile(r"^(?:[•◦▪*]|[-–—](?=\s))\s*")
_TRAILING = ".,;!"


@dataclass(frozen=True)
class KeyResultRef:
    """What the parser knows of a key result: its number, title, kind and latest check-in."""

    number: int
    title: str
    milestone: bool = False
    value: float | None = None
    confidence: str | None = None


@dataclass(frozen=True)
class Reading:
    """What one line was understood to say; `problem` set means nothing is recorded from it.

    Problems: unknown (no key result recognised), no_such_number, ambiguous, no_value,
    bad_value, needs_number, needs_done, note_too_long, no_confidence, duplicate, and
    bad_character (a control or invisible character: `line` shows its code instead).
    """

    line: str
    number: int | None = None
    matches: tuple[int, ...] = ()
    value: float | None = None
    confidence: str | None = None
    note: str = ""
    kept_value: bool = False
    kept_confidence: bool = False
    problem: str | None = None
    detail: str = ""  # the word not understood, or why the number or the line was refused

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class MessageReading:
    readings: list[Reading]
    skipped: int  # lines past MAX_LINES, not read


@dataclass(frozen=True)
class _Token:
    text: str
    start: int

    @property
    def word(self) -> str:
        """For matching: lower case, without trailing punctuation (an emoji keeps its colons)."""
        word = self.text.casefold().rstrip(_TRAILING)
        if not word.startswith(":"):
            word = word.rstrip(":")
        return word or self.text


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start()) for m in re.finditer(r"\S+", text)]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _read_rest(line: str, rest_at: int, ref: KeyResultRef) -> Reading:
    """Value, confidence and note after the key result's name, which starts at rest_at."""
    base = Reading(line=line, number=ref.number)
    tokens = [_Token(t.text, rest_at + t.start) for t in _tokens(line[rest_at:])]
    i = skip_separators(tokens, 0)
    confidence, i = phrase(tokens, i, CONFIDENCES)
    i = skip_separators(tokens, i)
    value: float | None = None
    if i < len(tokens):
        done, after = phrase(tokens, i, MILESTONE_STATES)
        if done is not None:
            if not ref.milestone:
                return replace(base, problem="needs_number", detail=tokens[i].text)
            value, i = done, after
        elif _NUMERIC.match(tokens[i].text):
            if ref.milestone:
                return replace(base, problem="needs_done", detail=tokens[i].text)
            try:
                value = read_value(tokens[i].text.rstrip(_TRAILING))
            except BadValue as exc:
                return replace(base, problem="bad_value", detail=str(exc))
            i += 1
    if confidence is None:
        confidence, i = phrase(tokens, skip_separators(tokens, i), CONFIDENCES)
    if value is None and confidence is None:
        unread = tokens[i].text if i < len(tokens) else ""
        return replace(base, problem="no_value", detail=unread)
    i = skip_separators(tokens, i)
    note = line[tokens[i].start :].strip() if i < len(tokens) else ""
    reading = replace(
        base,
        value=ref.value if value is None else value,
        confidence=confidence or ref.confidence,
        note=note,
        kept_value=value is None,
        kept_confidence=confidence is None,
    )
    if len(note) > NOTE_MAX:
        return replace(reading, problem="note_too_long", detail=str(len(note)))
    if reading.confidence is None:
        return replace(reading, problem="no_confidence")
    return reading


def _by_number(line: str, refs: Sequence[KeyResultRef]) -> Reading | None:
    match = _NUMBER_REF.match(line)
    if match is None:
        return None
    number = int(match[1])
    ref = next((r for r in refs if r.number == number), None)
    if ref is None:
        return Reading(line=line, problem="no_such_number", detail=str(number))
    return _read_rest(line, match.end(), ref)


def _by_title(line: str, refs: Sequence[KeyResultRef]) -> Reading:
    """The longest start of the line that starts a title and leaves a readable rest."""
    tokens = _tokens(line)
    fallback: Reading | None = None
    for count in range(len(tokens), 0, -1):
        end = tokens[count - 1].start + len(tokens[count - 1].text)
        name = _norm(line[:end].rstrip(" :-–—=,"))
        if not name:
            continue
        titles = [(r, _norm(r.title)) for r in refs]
        matches = [r for r, t in titles if t == name] or [
            r for r, t in titles if t.startswith(name)
        ]
        if not matches:
            continue
        readings = [_read_rest(line, end, r) for r in matches]
        readable = [
            r for r in readings if r.problem not in {"no_value", "needs_number", "needs_done"}
        ]
        if len(matches) > 1 and readable:
            return Reading(line=line, matches=tuple(r.number for r in matches), problem="ambiguous")
        if readable:
            return readable[0]
        if fallback is None:
            fallback = (
                readings[0]
                if len(matches) == 1
                else Reading(
                    line=line, matches=tuple(r.number for r in matches), problem="ambiguous"
                )
            )
    return fallback or Reading(
        line=line, problem="unknown", detail=tokens[0].text if tokens else ""
    )


def _rank(reading: Reading) -> int:
    if reading.ok:
        return 0
    return {"unknown": 3, "no_such_number": 3, "ambiguous": 2}.get(reading.problem or "", 1)


def read_line(line: str, refs: Sequence[KeyResultRef]) -> Reading:
    """One line: by number when that reads; by title when the title reads better."""
    candidates = [c for c in (_by_number(line, refs), _by_title(line, refs)) if c is not None]
    return min(candidates, key=_rank)


def read_message(text: str, refs: Sequence[KeyResultRef]) -> MessageReading:
    """Every non-empty line read; a key result named twice counts the first time only."""
    lines = [_BULLET.sub("", raw.strip()) for raw in plain_from_slack(text).splitlines()]
    lines = [line for line in lines if line]
    readings: list[Reading] = []
    seen: set[int] = set()
    for line in lines[:MAX_LINES]:
        told = characters.problem(line, "This line")
        reading = (
            Reading(line=characters.marked(line), problem="bad_character", detail=told)
            if told
            else read_line(line, refs)
        )
        if reading.ok and reading.number in seen:
            reading = replace(reading, problem="duplicate")
        if reading.ok and reading.number is not None:
            seen.add(reading.number)
        readings.append(reading)
    return MessageReading(readings, max(len(lines) - MAX_LINES, 0))


def example_line(ref: KeyResultRef, value_text: str) -> str:
    """A line that would check in on `ref`, to show when a line could not be read."""
    value = "done" if ref.milestone else (value_text or "42")
    return f"{ref.number}: {value} on track what moved or blocks"
