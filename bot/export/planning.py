"""Checking what an import would create by the product's own rules: the objective form's
(bot/objectives/validation.py), typed text (bot/characters.py), numbers (bot/numbers.py) and
check-in notes; and refusing an objective already there (same owner, title and cycle), so that
importing a file twice creates nothing twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from bot import action_ids, characters, stored_cycles
from bot.checkins.values import note_problem
from bot.export.reading import CheckInRow, KeyResultRow, ObjectiveRow, Problem, Read
from bot.numbers import NumberError, parse_number
from bot.objectives import filled_form
from bot.objectives.validation import DESCRIPTION_LIMIT, LARGEST, ObjectiveInput, check
from bot.presentation import is_slack_id
from bot.progress import CONFIDENCES
from storage import exports
from storage.models import Workspace

STATES = ("active", "archived")
# The form's block ids, as the columns of the file.
COLUMN_OF = {
    filled_form.TITLE: "title",
    filled_form.DESCRIPTION: "description",
    action_ids.OBJECTIVE_LEVEL: "level",
    filled_form.CHANNEL: "team_channel",
    filled_form.OWNER: "owner",
    filled_form.VISIBILITY: "visibility",
    filled_form.CYCLE: "cycle",
}
KR_COLUMN = {"due": "due_on"}


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


@dataclass(frozen=True)
class PlannedObjective:
    ref: str
    aligned_to: str | None
    checked: ObjectiveInput
    state: str
    reflection: str
    key_results: tuple[PlannedKeyResult, ...]


@dataclass
class Plan:
    objectives: list[PlannedObjective] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> tuple[int, int, int]:
        """Objectives, key results and check-ins it would create."""
        krs = [kr for o in self.objectives for kr in o.key_results]
        return len(self.objectives), len(krs), sum(len(kr.check_ins) for kr in krs)


def plan(session: Session, workspace: Workspace, read: Read) -> Plan:
    found = Plan(problems=list(read.problems))
    seen: set[tuple[str, str, str]] = set()
    above: set[str] = set()
    for row in read.objectives:
        planned = _objective(session, workspace, row, found.problems, seen, above)
        above.add(row.ref)
        if planned is not None:
            found.objectives.append(planned)
    found.problems.sort(key=lambda problem: problem.line)
    return found


def _objective(
    session: Session,
    workspace: Workspace,
    row: ObjectiveRow,
    problems: list[Problem],
    seen: set[tuple[str, str, str]],
    above: set[str],
) -> PlannedObjective | None:
    before = len(problems)
    draft = row.draft
    quarter = stored_cycles.named(
        session, workspace.team_id, draft.cycle, workspace.fiscal_year_start_month
    )
    checked = check(draft, quarter)
    if isinstance(checked, dict):
        lines = {
            kr.key: kr_row.line
            for kr, kr_row in zip(draft.key_results, row.key_results, strict=True)
        }
        for block, message in checked.items():
            problems.append(_located(block, message, row.line, lines))
    if not draft.key_results:
        problems.append(Problem(row.line, "the objective has no key_result rows below it"))
    state = row.cells.get("state", "").strip() or "active"
    if state not in STATES:
        problems.append(Problem(row.line, f"state: write {' or '.join(STATES)}"))
    reflection = row.cells.get("reflection", "")
    if told := _text_problem(reflection, "The reflection", DESCRIPTION_LIMIT):
        problems.append(Problem(row.line, f"reflection: {told}"))
    aligned_to = row.cells.get("aligned_to", "").strip() or None
    if aligned_to is not None and aligned_to not in above:
        problems.append(
            Problem(row.line, f"aligned_to: objective {aligned_to} is not an objective above")
        )
    read_krs = [_key_result(kr, problems) for kr in row.key_results]
    key_results = tuple(kr for kr in read_krs if kr is not None)
    if quarter is not None and not isinstance(checked, dict):
        key = (checked.owner_id, checked.title.casefold(), quarter.name)
        cycle = stored_cycles.find(session, workspace.team_id, quarter)
        there = (
            exports.existing_titles(session, workspace.team_id, cycle.id, {checked.owner_id})
            if cycle is not None
            else set()
        )
        if key in seen or key[:2] in there:
            problems.append(
                Problem(
                    row.line,
                    f"{checked.owner_id} already has an objective “{checked.title[:60]}” in "
                    f"{quarter.name}: it is left out, so that importing twice creates nothing "
                    "twice",
                )
            )
        seen.add(key)
    if len(problems) > before or isinstance(checked, dict):
        return None
    return PlannedObjective(row.ref, aligned_to, checked, state, reflection.strip(), key_results)


def _located(block: str, message: str, line: int, kr_lines: dict[int, int]) -> Problem:
    """A form error at the line and column of the file it comes from."""
    if block in COLUMN_OF:
        return Problem(line, f"{COLUMN_OF[block]}: {message}")
    key, _, name = block.removeprefix("kr").partition("_")
    kr_line = kr_lines.get(int(key), line) if key.isdigit() else line
    return Problem(kr_line, f"{KR_COLUMN.get(name, name)}: {message}")


def _key_result(row: KeyResultRow, problems: list[Problem]) -> PlannedKeyResult | None:
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


def _text_problem(text: str, what: str, limit: int) -> str | None:
    if told := characters.problem(text, what):
        return told
    if len(text) > limit:
        return f"{what} has {len(text):,} characters; keep it under {limit}."
    return None
