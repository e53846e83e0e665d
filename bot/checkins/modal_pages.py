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
    first_confidence,
    note_problem,
    questioned,
    read_value,
)
from bot.ids import FormErrors, metadata_object, parse_id, selected, state_of, ticked
from bot.presentation import latest_value, value_of
from bot.progress import CONFIDENCES
from storage.models import Cycle, KeyResult


@dataclass(frozen=True)
class Field:
    """One key result on the form, pre-filled with its latest reading (or what was typed, when
    the page is shown again to confirm a questioned value)."""

    line: KeyResultLine
    milestone: bool
    value: str
    done: bool
    confidence: str | None
    note: str = ""
    question: str = ""  # why its value is asked about; the confirm box shows with it
    asked: str = ""  # that value as the question shows it (presentation.value_of)


@dataclass(frozen=True)
class Typed:
    """What was typed for one key result on a page shown again."""

    value: str
    done: bool
    confidence: str | None
    note: str
    question: str
    asked: str = ""


CONFIRM = "record"  # the value of the box that confirms a questioned value


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
    key_results: Sequence[KeyResult],
    pagination: Pagination,
    cycle: Cycle,
    today: date,
    numbers: dict[int, int],
    typed: dict[int, Typed] | None = None,
) -> dict[str, Any]:
    """What `checkin_modal` lays out: the key results of this page, grouped by objective."""
    groups: dict[int, Group] = {}
    for kr in key_results:
        if kr.objective_id not in groups:
            objective = kr.objective
            lines = [describe(each, cycle, today) for each in objective.key_results]
            groups[kr.objective_id] = Group(describe_objective(objective, lines))
        line = describe(kr, cycle, today, numbers.get(kr.id, 0))
        milestone = kr.kind == "milestone"
        again = (typed or {}).get(kr.id)
        latest = latest_value(kr)
        groups[kr.objective_id].fields.append(
            Field(
                line,
                milestone,
                again.value,
                again.done,
                again.confidence,
                again.note,
                again.question,
                again.asked,
            )
            if again
            else Field(
                line=line,
                milestone=milestone,
                value=editable_value(kr, latest),
                done=latest is not None and latest >= DONE,
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
        "numbered": bool(numbers),
    }


@dataclass(frozen=True)
class ReadPage:
    """A submitted page: the entries to record (only what changed), inline errors, or the
    values to ask about before anything is recorded (then `typed` redraws the page)."""

    entries: list[Entry]
    errors: FormErrors
    typed: dict[int, Typed]

    @property
    def questions(self) -> bool:
        return any(t.question for t in self.typed.values())


def read_entries(key_results: Sequence[KeyResult], values: Any) -> ReadPage:
    """A blank value keeps the latest; a key result whose value, confidence and note are all as
    they were is not recorded. A first check-in needs a confidence, except a done milestone
    (it is recorded on track). A value out of range waits for its confirm box."""
    entries: list[Entry] = []
    errors: FormErrors = {}
    typed: dict[int, Typed] = {}
    for kr in key_results:
        latest = latest_value(kr)
        value = latest
        raw = ""
        if kr.kind == "milestone":
            choice = selected(values, f"value-{kr.id}", "value")
            if choice in {"done", "not_done"}:
                value = DONE if choice == "done" else NOT_DONE
        else:
            raw = str(state_of(values, f"value-{kr.id}", "value").get("value") or "").strip()
            if raw:
                try:
                    value = read_value(raw)
                except BadValue as exc:
                    errors[f"value-{kr.id}"] = str(exc)
        chosen = selected(values, f"confidence-{kr.id}", "confidence")
        confidence = chosen if chosen in CONFIDENCES else None
        note = str(state_of(values, f"note-{kr.id}", "note").get("value") or "").strip()
        problem = note_problem(note)
        if problem:
            errors[f"note-{kr.id}"] = problem
        # A milestone never checked in is shown "not done": left so, it has not changed.
        shown = NOT_DONE if latest is None and kr.kind == "milestone" else latest
        changed = value != shown or confidence not in (None, kr.confidence) or bool(note)
        if not changed or f"value-{kr.id}" in errors:
            continue
        kept = confidence or kr.confidence or first_confidence(kr.kind == "milestone", value)
        if kept is None:
            errors[f"confidence-{kr.id}"] = (
                "Say how it looks: on track, at risk or off track (it has no earlier check-in "
                "to keep it from)."
            )
            continue
        question = questioned(kr, value) if value != shown else None
        confirmed = CONFIRM in ticked(values, f"confirm-{kr.id}", "confirm")
        if question and not confirmed:
            typed[kr.id] = Typed(
                raw, value == DONE, confidence, note, question, value_of(kr, value)
            )
        entries.append(Entry(kr.id, value, kept, note))
    if errors or any(t.question for t in typed.values()):
        return ReadPage([], errors, _typed_again(key_results, values, typed))
    return ReadPage(entries, {}, {})


def _typed_again(
    key_results: Sequence[KeyResult], values: Any, typed: dict[int, Typed]
) -> dict[int, Typed]:
    """Every key result of the page as typed, so that the page shown again keeps it all."""
    again = dict(typed)
    for kr in key_results:
        if kr.id in again:
            continue
        chosen = selected(values, f"confidence-{kr.id}", "confidence")
        raw = str(state_of(values, f"value-{kr.id}", "value").get("value") or "")
        note = str(state_of(values, f"note-{kr.id}", "note").get("value") or "")
        done = selected(values, f"value-{kr.id}", "value") == "done"
        again[kr.id] = Typed(raw, done, chosen if chosen in CONFIDENCES else None, note, "")
    return again


def read_edit(key_result: KeyResult, values: Any) -> tuple[Entry | None, FormErrors]:
    """The corrected check-in of the edit form: value and confidence both required there."""
    kr = key_result
    errors: FormErrors = {}
    value: float | None = None
    if kr.kind == "milestone":
        choice = selected(values, f"value-{kr.id}", "value")
        if choice not in {"done", "not_done"}:
            errors[f"value-{kr.id}"] = "Choose done or not done."
        value = DONE if choice == "done" else NOT_DONE
    else:
        try:
            value = read_value(str(state_of(values, f"value-{kr.id}", "value").get("value") or ""))
        except BadValue as exc:
            errors[f"value-{kr.id}"] = str(exc)
    confidence = selected(values, f"confidence-{kr.id}", "confidence")
    if confidence not in CONFIDENCES:
        errors[f"confidence-{kr.id}"] = "Choose how it looks: on track, at risk or off track."
    note = str(state_of(values, f"note-{kr.id}", "note").get("value") or "").strip()
    if problem := note_problem(note):
        errors[f"note-{kr.id}"] = problem
    if errors or confidence is None:
        return None, errors
    return Entry(kr.id, value, confidence, note), {}
