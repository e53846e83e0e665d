"""Reading a key result's row and its check-ins' rows of an import: numbers as people type them
(bot/numbers.py), confidences, notes by the check-in's own rule, authors and days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.checkins.values import note_problem
from bot.export.reading import CheckInRow, KeyResultRow, Problem
from bot.numbers import NumberError, parse_number
from bot.objectives.validation import LARGEST
from bot.presentation import is_slack_id
from bot.progress import CONFIDENCES


@dataclass(frozen=True)
class PlannedCheckIn:
    value: float | None
    confidence: str
    note: str
    author_id: str
    effective_on: date


@dataclass(frozen=True)
class PlannedKeyResult:
    current: float | None
    confidence: str | None
    score: float | None
    check_ins: tuple[PlannedCheckIn, ...]


def key_result(row: KeyResultRow, problems: list[Problem]) -> PlannedKeyResult | None:
    """What the key result's row adds to the form's fields, or None (its problems added)."""
    before = len(problems)
    current = _number(row.cells.get("current", ""), "current", row.line, problems)
    score = _number(row.cells.get("score", ""), "score", row.line, problems)
    if score is not None and not 0 <= score <= 1:
        problems.append(Problem(row.line, "score: write a number from 0 to 1, like 0.7"))
    confidence = row.cells.get("confidence", "").strip() or None
    if confidence is not None and confidence not in CONFIDENCES:
        problems.append(Problem(row.line, f"confidence: write {', '.join(CONFIDENCES)}"))
    check_ins = [_check_in(c, problems) for c in row.check_ins]
    if len(problems) > before:
        return None
    return PlannedKeyResult(
        current, confidence, score, tuple(c for c in check_ins if c is not None)
    )


def _check_in(row: CheckInRow, problems: list[Problem]) -> PlannedCheckIn | None:
    before = len(problems)
    line, cells = row.line, row.cells
    value = _number(cells.get("value", ""), "value", line, problems)
    confidence = cells.get("confidence", "").strip()
    if confidence not in CONFIDENCES:
        problems.append(Problem(line, f"confidence: write {', '.join(CONFIDENCES)}"))
    note = cells.get("note", "").strip()
    if told := note_problem(note):
        problems.append(Problem(line, f"note: {told}"))
    author = cells.get("author", "").strip()
    if not is_slack_id(author, "UW"):
        problems.append(Problem(line, "author: write the Slack user id of who checked in, U…"))
    effective_on = _day(cells.get("effective_on", ""))
    if effective_on is None:
        problems.append(Problem(line, "effective_on: write the day it is for, like 2026-11-30"))
    if len(problems) > before or effective_on is None:
        return None
    return PlannedCheckIn(value, confidence, note, author, effective_on)


def _number(raw: str, column: str, line: int, problems: list[Problem]) -> float | None:
    if not raw.strip():
        return None
    try:
        value = parse_number(raw).value
    except NumberError as exc:
        problems.append(Problem(line, f"{column}: {exc}"))
        return None
    if abs(value) >= LARGEST:
        problems.append(Problem(line, f"{column}: keep numbers under 1,000,000,000,000,000"))
        return None
    return value


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None
