"""A cycle's objectives, key results and check-ins as the export's rows, written as CSV or JSON.

One row per record, named by the `record` column (objective, key_result, check_in), each
objective followed by its key results, each key result by its check-ins. `objective` and
`key_result` are references within the file (the ids at export; any text on import) that tie
a key result to its objective, a check-in to its key result, and `aligned_to` to an objective
above it. docs/EXPORT.md says which columns each record uses.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from bot.export import cells
from bot.objectives.units import stored_unit
from storage.models import CheckIn, KeyResult, Objective

COLUMNS = (
    "record",
    "objective",
    "key_result",
    "cycle",
    "title",
    "description",
    "level",
    "team_channel",
    "owner",
    "visibility",
    "state",
    "aligned_to",
    "reflection",
    "kind",
    "unit",
    "start",
    "target",
    "current",
    "due_on",
    "confidence",
    "score",
    "value",
    "note",
    "author",
    "effective_on",
)
# Written from stored numbers: kept numeric (see bot/export/cells.py); every other column is text.
NUMBER_COLUMNS = frozenset({"start", "target", "current", "score", "value"})
BOM = "\ufeff"


def in_order(objectives: Sequence[Objective]) -> list[Objective]:
    """In the order given, but each objective after the one it is aligned to when that one is
    exported too (import reads `aligned_to` as an objective above)."""
    by_id = {objective.id: objective for objective in objectives}
    placed: dict[int, Objective] = {}

    def place(objective: Objective, seen: set[int]) -> None:
        # `seen` ends a loop of alignments, which cannot be saved but must not hang an export.
        if objective.id in placed or objective.id in seen:
            return
        seen.add(objective.id)
        parent = by_id.get(objective.parent_id) if objective.parent_id is not None else None
        if parent is not None:
            place(parent, seen)
        placed[objective.id] = objective

    for objective in objectives:
        place(objective, set())
    return list(placed.values())


def objective_record(objective: Objective, cycle: str, exported: set[int]) -> dict[str, Any]:
    aligned = objective.parent_id if objective.parent_id in exported else None
    return {
        "record": "objective",
        "objective": str(objective.id),
        "cycle": cycle,
        "title": objective.title,
        "description": objective.description,
        "level": objective.level,
        "team_channel": objective.team_channel_id or "",
        "owner": objective.owner_id,
        "visibility": objective.visibility,
        "state": objective.state,
        "aligned_to": "" if aligned is None else str(aligned),
        "reflection": objective.reflection,
    }


def key_result_record(kr: KeyResult) -> dict[str, Any]:
    return {
        "record": "key_result",
        "objective": str(kr.objective_id),
        "key_result": str(kr.id),
        "title": kr.title,
        "kind": kr.kind,
        # What the form's unit field reads back as the same unit: "", "%", "USD", "signups".
        "unit": stored_unit(kr.unit_kind, kr.unit).label,
        "start": kr.start_value,
        "target": kr.target_value,
        "current": kr.current_value,
        "due_on": cells.day(kr.due_on),
        "confidence": kr.confidence or "",
        "score": kr.score,
    }


def check_in_record(check_in: CheckIn, objective_id: int) -> dict[str, Any]:
    return {
        "record": "check_in",
        "objective": str(objective_id),
        "key_result": str(check_in.key_result_id),
        "confidence": check_in.confidence,
        "value": check_in.value,
        "note": check_in.note,
        "author": check_in.author_id,
        "effective_on": cells.day(check_in.effective_on),
    }


def records(objectives: Sequence[Objective], cycle: str) -> Iterator[dict[str, Any]]:
    exported = {objective.id for objective in objectives}
    for objective in in_order(objectives):
        yield objective_record(objective, cycle, exported)
        for kr in objective.key_results:
            yield key_result_record(kr)
            for check_in in sorted(kr.check_ins, key=lambda c: (c.effective_on, c.id)):
                yield check_in_record(check_in, objective.id)


def to_csv(objectives: Sequence[Objective], cycle: str) -> bytes:
    """UTF-8 with a BOM (so Excel reads it as UTF-8), every text cell neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for record in records(objectives, cycle):
        writer.writerow([_cell(column, record.get(column)) for column in COLUMNS])
    return (BOM + out.getvalue()).encode("utf-8")


def _cell(column: str, value: Any) -> str:
    if column in NUMBER_COLUMNS:
        return cells.number(value)
    return cells.text(value)


def to_json(objectives: Sequence[Objective], cycle: str) -> str:
    """The same records nested (objectives → key results → check-ins), values as stored."""
    found: list[dict[str, Any]] = []
    for record in records(objectives, cycle):
        kind = record.pop("record")
        if kind == "objective":
            found.append({**record, "key_results": []})
        elif kind == "key_result":
            found[-1]["key_results"].append({**record, "check_ins": []})
        else:
            found[-1]["key_results"][-1]["check_ins"].append(record)
    return json.dumps({"cycle": cycle, "objectives": found}, ensure_ascii=False, indent=2)
