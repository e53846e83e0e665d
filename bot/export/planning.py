"""Checking what an import would create by the product's own rules: the objective form's
(bot/objectives/validation.py), typed text (bot/characters.py), numbers (bot/numbers.py) and
check-in notes; and refusing an objective already there (same owner, title and cycle), so that
importing a file twice creates nothing twice."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot import action_ids, characters, stored_cycles
from bot.cycles import Quarter
from bot.export.key_result_rows import PlannedKeyResult, key_result
from bot.export.reading import ObjectiveRow, Problem, Read
from bot.objectives import filled_form
from bot.objectives.validation import DESCRIPTION_LIMIT, ObjectiveInput, check
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


@dataclass
class _Checking:
    """What checking one file needs beyond its rows: statements once per cycle, not per row."""

    session: Session
    workspace: Workspace
    owners: set[str]
    quarters: dict[str, Quarter | None] = field(default_factory=dict)
    existing: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    above: set[str] = field(default_factory=set)  # objective references read so far

    def quarter(self, name: str) -> Quarter | None:
        if name not in self.quarters:
            self.quarters[name] = stored_cycles.named(
                self.session, self.workspace.team_id, name, self.workspace.fiscal_year_start_month
            )
        return self.quarters[name]

    def taken(self, quarter: Quarter, owner_id: str, title: str) -> bool:
        """Whether the owner has an objective of that title in the cycle, stored or in the file."""
        if quarter.name not in self.existing:
            team_id = self.workspace.team_id
            cycle = stored_cycles.find(self.session, team_id, quarter)
            self.existing[quarter.name] = (
                exports.existing_titles(self.session, team_id, cycle.id, self.owners)
                if cycle is not None
                else set()
            )
        titles = self.existing[quarter.name]
        key = (owner_id, title.casefold())
        found = key in titles
        titles.add(key)
        return found


def plan(session: Session, workspace: Workspace, read: Read) -> Plan:
    found = Plan(problems=list(read.problems))
    owners = {row.draft.owner_id for row in read.objectives}
    checking = _Checking(session, workspace, owners)
    for row in read.objectives:
        planned = _objective(checking, row, found.problems)
        checking.above.add(row.ref)
        if planned is not None:
            found.objectives.append(planned)
    found.problems.sort(key=lambda problem: problem.line)
    return found


def _objective(
    checking: _Checking, row: ObjectiveRow, problems: list[Problem]
) -> PlannedObjective | None:
    before = len(problems)
    draft = row.draft
    quarter = checking.quarter(draft.cycle)
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
    if aligned_to is not None and aligned_to not in checking.above:
        problems.append(
            Problem(row.line, f"aligned_to: objective {aligned_to} is not an objective above")
        )
    read_krs = [key_result(kr, problems) for kr in row.key_results]
    key_results = tuple(kr for kr in read_krs if kr is not None)
    if isinstance(checked, dict):
        return None
    if checking.taken(checked.cycle, checked.owner_id, checked.title):
        problems.append(
            Problem(
                row.line,
                f"{checked.owner_id} already has an objective “{checked.title[:60]}” in "
                f"{checked.cycle.name}, so it would be there twice (importing a file twice "
                "creates nothing twice)",
            )
        )
    if len(problems) > before:
        return None
    return PlannedObjective(row.ref, aligned_to, checked, state, reflection.strip(), key_results)


def _located(block: str, message: str, line: int, kr_lines: dict[int, int]) -> Problem:
    """A form error at the line and column of the file it comes from."""
    if block in COLUMN_OF:
        return Problem(line, f"{COLUMN_OF[block]}: {message}")
    key, _, name = block.removeprefix("kr").partition("_")
    kr_line = kr_lines.get(int(key), line) if key.isdigit() else line
    return Problem(kr_line, f"{KR_COLUMN.get(name, name)}: {message}")


def _text_problem(text: str, what: str, limit: int) -> str | None:
    if told := characters.problem(text, what):
        return told
    if len(text) > limit:
        return f"{what} has {len(text):,} characters; keep it under {limit}."
    return None
