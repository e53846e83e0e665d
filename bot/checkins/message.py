"""Reading check-ins from a message, one line per key result: a pure function.

    signups 420 on track shipped the new onboarding
    2: 45% at risk
    launch done 🟢

A line names its key result by number (its place in the person's list) or by words of its
title or unit (bot/checkins/matching.py), then gives a value (done / not done for milestones) and
a confidence (words or 🟢 🟡 🔴), in either order, either one alone; the rest is the note. When two
key results fit a line equally, the reading says which (`choices`): the person is asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot import characters
from bot.checkins.matching import Fit, Named, fit, words
from bot.checkins.values import NOTE_MAX, BadValue, first_confidence, read_value
from bot.checkins.words import CONFIDENCES, MILESTONE_STATES, phrase, skip_separators
from bot.presentation import latest_value, plain_from_slack
from storage.models import KeyResult

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
    unit: str = ""
    objective: str = ""

    @property
    def named(self) -> Named:
        return Named(self.title, self.unit, self.objective)


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
    choices: tuple[Reading, ...] = ()  # ambiguous: what the line says of each key result it fits

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
        reading = replace(reading, confidence=first_confidence(ref.milestone, reading.value))
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


# A reading with these problems read the rest as another kind of key result: not this one.
_OTHER_KIND = frozenset({"no_value", "needs_number", "needs_done"})


def _by_title(line: str, refs: Sequence[KeyResultRef]) -> Reading:
    """The key result whose words best fit the start of the line, with a readable rest.

    Every start of the line is tried as the name; the best fit wins (bot/checkins/matching.py).
    Of equal fits to one key result, the longest name; equal fits to several: ambiguous."""
    tokens = _tokens(line)
    found: list[tuple[Fit, int, Reading]] = []
    for count in range(1, len(tokens) + 1):
        end = tokens[count - 1].start + len(tokens[count - 1].text)
        name = words(line[:end])
        if not name:
            continue
        for ref in refs:
            fitted = fit(name, ref.named)
            if fitted is not None:
                found.append((fitted, count, _read_rest(line, end, ref)))
    usable = [f for f in found if f[2].problem not in _OTHER_KIND] or found
    if not usable:
        return Reading(line=line, problem="unknown", detail=tokens[0].text if tokens else "")
    best = max(f[0] for f in usable)
    tied = [f for f in usable if f[0] == best]
    by_number: dict[int, tuple[Fit, int, Reading]] = {}
    for each in sorted(tied, key=lambda f: (f[2].ok, f[1])):
        if each[2].number is not None:
            by_number[each[2].number] = each  # the longest name of each key result
    if len(by_number) > 1:
        numbers = tuple(sorted(by_number))
        choices = tuple(by_number[n][2] for n in numbers)
        return Reading(line=line, matches=numbers, problem="ambiguous", choices=choices)
    return max(tied, key=lambda f: (f[2].ok, f[1]))[2]


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


def refs_of(key_results: list[KeyResult]) -> list[KeyResultRef]:
    """What the parser knows of each numbered key result: its words and its latest reading."""
    return [
        KeyResultRef(
            n,
            kr.title,
            kr.kind == "milestone",
            latest_value(kr),
            kr.confidence,
            unit=kr.unit if kr.unit_kind == "word" else "",
            objective=kr.objective.title,
        )
        for n, kr in enumerate(key_results, start=1)
    ]
