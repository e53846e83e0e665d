"""Reading an export CSV back: its rows as objective drafts (the form's own shape, checked by
the form's own rules in bot/export/planning.py), and every row that cannot be read, by line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from bot.export import cells
from bot.export.table import COLUMNS
from bot.objectives.filled_form import KeyResultDraft, ObjectiveDraft

REQUIRED = frozenset({"record", "objective", "key_result"})
RECORDS = ("objective", "key_result", "check_in")


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class CheckInRow:
    line: int
    cells: dict[str, str]


@dataclass
class KeyResultRow:
    line: int
    ref: str
    cells: dict[str, str]
    check_ins: list[CheckInRow] = field(default_factory=list)


@dataclass
class ObjectiveRow:
    line: int
    ref: str
    cells: dict[str, str]
    draft: ObjectiveDraft
    key_results: list[KeyResultRow] = field(default_factory=list)


@dataclass
class Read:
    objectives: list[ObjectiveRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read(data: bytes) -> Read:
    """The file's objectives with their key results and check-ins, and what could not be read."""
    found = Read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        found.problems.append(Problem(1, f"the file is not UTF-8 text (byte {exc.start})"))
        return found
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    missing = REQUIRED - set(header or ())
    if header is None or missing:
        found.problems.append(
            Problem(1, f"the first line must name the columns: {', '.join(COLUMNS)}")
        )
        return found
    objectives: dict[str, ObjectiveRow] = {}
    key_results: dict[str, KeyResultRow] = {}
    line = reader.line_num + 1
    for raw in reader:
        row = {name: cells.unescaped(value) for name, value in zip(header, raw, strict=False)}
        if any(value.strip() for value in raw):
            problem = _place(row, line, objectives, key_results, found)
            if problem is not None:
                found.problems.append(Problem(line, problem))
        line = reader.line_num + 1
    return found


def _place(
    row: dict[str, str],
    line: int,
    objectives: dict[str, ObjectiveRow],
    key_results: dict[str, KeyResultRow],
    found: Read,
) -> str | None:
    """File the row under what it belongs to; why not, when it cannot be."""
    record = row.get("record", "").strip()
    objective_ref = row.get("objective", "").strip()
    kr_ref = row.get("key_result", "").strip()
    if record not in RECORDS:
        return f"record is “{record[:30]}”; it must be one of {', '.join(RECORDS)}"
    if not objective_ref:
        return "the objective column is empty: it names the objective the row belongs to"
    if record == "objective":
        if objective_ref in objectives:
            return f"objective {objective_ref} appears twice; give each objective its own"
        objective = ObjectiveRow(line, objective_ref, row, draft_of(row))
        objectives[objective_ref] = objective
        found.objectives.append(objective)
        return None
    owner = objectives.get(objective_ref)
    if owner is None:
        return f"objective {objective_ref} is not an objective row above this line"
    if not kr_ref:
        return "the key_result column is empty: it names the key result the row belongs to"
    if record == "key_result":
        if kr_ref in key_results:
            return f"key result {kr_ref} appears twice; give each key result its own"
        key_result = KeyResultRow(line, kr_ref, row)
        key_results[kr_ref] = key_result
        owner.key_results.append(key_result)
        owner.draft.key_results.append(kr_draft_of(row, len(owner.key_results)))
        return None
    parent = key_results.get(kr_ref)
    if parent is None or parent not in owner.key_results:
        return f"key result {kr_ref} is not a key result of objective {objective_ref} above"
    parent.check_ins.append(CheckInRow(line, row))
    return None


def draft_of(row: dict[str, str]) -> ObjectiveDraft:
    """The objective as if typed into its form."""
    channel = row.get("team_channel", "").strip()
    return ObjectiveDraft(
        owner_id=row.get("owner", "").strip(),
        cycle=row.get("cycle", "").strip(),
        title=row.get("title", ""),
        description=row.get("description", ""),
        level=row.get("level", "").strip() or "personal",
        channel_id=channel or None,
        channel_shown=True,
        visibility=row.get("visibility", "").strip() or "public",
    )


def kr_draft_of(row: dict[str, str], key: int) -> KeyResultDraft:
    return KeyResultDraft(
        key=key,
        title=row.get("title", ""),
        kind=row.get("kind", "").strip(),
        start=row.get("start", ""),
        target=row.get("target", ""),
        unit=row.get("unit", ""),
        due_on=row.get("due_on", "").strip() or None,
    )
