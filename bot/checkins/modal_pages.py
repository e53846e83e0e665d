"""The check-in modal: its pages, what each shows pre-filled, and reading what was submitted."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.checkins.status import KeyResultLine, ObjectiveLine, describe, describe_objective
from bot.checkins.values import (
    DONE,
    NOT_DONE,
    BadValue,
    Entry,
    editable_value,
    note_problem,
    read_value,
)
from bot.ids import FormErrors, metadata_object, parse_id, selected, state_of
from bot.progress import CONFIDENCES
from storage.models import Cycle, KeyResult


@dataclass(frozen=True)
class Field:
    """One key result on the form, pre-filled with its latest check-in."""

    line: KeyResultLine
    milestone: bool
    value: str
    done: bool
    confidence: str | None


@dataclass
class Group:
    objective: ObjectiveLine
    fields: list[Field] = field(default_factory=list)


@dataclass(frozen=True)
class Pagination:
    """Where a multi-page check-in stands: carried from page to page in private_metadata."""

    key_results: list[int]
    rest: list[int]
    saved: list[int]
    page: int
    pages: int

    def metadata(self) -> str:
        return json.dumps(
            {
                "krs": self.key_results,
                "next": self.rest,
                "saved": self.saved,
                "page": self.page,
                "pages": self.pages,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_metadata(cls, text: str) -> Pagination:
        """What the modal says it holds; every id is checked again before use."""
        data = metadata_object(text)

        def ids(name: str) -> list[int]:
            raw = data.get(name)
            items = raw if isinstance(raw, list) else []
            return [n for i in items if isinstance(i, int) and (n := parse_id(i)) is not None]

        def number(name: str) -> int:
            raw = data.get(name)
            return raw if isinstance(raw, int) and 0 < raw < 1000 else 1

        return cls(ids("krs"), ids("next"), ids("saved"), number("page"), number("pages"))


def first_page(pages: Sequence[Sequence[KeyResult]]) -> Pagination:
    first = [kr.id for kr in pages[0]] if pages else []
    rest = [kr.id for page in pages[1:] for kr in page]
    return Pagination(first, rest, [], 1, max(len(pages), 1))


def next_page(
    done: Pagination, pages: Sequence[Sequence[KeyResult]], saved: Sequence[int]
) -> Pagination:
    this = [kr.id for kr in pages[0]]
    rest = [kr.id for page in pages[1:] for kr in page]
    return Pagination(this, rest, [*done.saved, *saved], done.page + 1, done.page + len(pages))


def modal_context(
    key_results: Sequence[KeyResult], pagination: Pagination, cycle: Cycle, today: date
) -> dict[str, Any]:
    """What `checkin_modal` lays out: the key results of this page, grouped by objective."""
    groups: dict[int, Group] = {}
    for kr in key_results:
        if kr.objective_id not in groups:
            objective = kr.objective
            lines = [describe(each, cycle, today) for each in objective.key_results]
            groups[kr.objective_id] = Group(describe_objective(objective, lines))
        groups[kr.objective_id].fields.append(
            Field(
                line=describe(kr, cycle, today),
                milestone=kr.kind == "milestone",
                value=editable_value(kr, kr.current_value),
                done=kr.current_value is not None and kr.current_value >= DONE,
                confidence=kr.confidence,
            )
        )
    return {
        "groups": list(groups.values()),
        "metadata": pagination.metadata(),
        "page": pagination.page,
        "pages": pagination.pages,
        "saved_before": len(pagination.saved),
        "cycle": cycle.name,
    }


def read_entries(key_results: Sequence[KeyResult], values: Any) -> tuple[list[Entry], FormErrors]:
    """The entries of a submitted page, or the inline errors by block id (then nothing is kept)."""
    entries: list[Entry] = []
    errors: FormErrors = {}
    for kr in key_results:
        value: float | None = None
        if kr.kind == "milestone":
            choice = selected(values, f"value-{kr.id}", "value")
            if choice not in {"done", "not_done"}:
                errors[f"value-{kr.id}"] = "Choose done or not done."
            value = DONE if choice == "done" else NOT_DONE
        else:
            try:
                value = read_value(
                    str(state_of(values, f"value-{kr.id}", "value").get("value") or "")
                )
            except BadValue as exc:
                errors[f"value-{kr.id}"] = str(exc)
        confidence = selected(values, f"confidence-{kr.id}", "confidence")
        if confidence not in CONFIDENCES:
            errors[f"confidence-{kr.id}"] = "Choose how it looks: on track, at risk or off track."
        note = str(state_of(values, f"note-{kr.id}", "note").get("value") or "").strip()
        problem = note_problem(note)
        if problem:
            errors[f"note-{kr.id}"] = problem
        if confidence in CONFIDENCES:
            entries.append(Entry(kr.id, value, str(confidence), note))
    return ([] if errors else entries), errors
