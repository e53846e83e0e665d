"""The close form as plain data, its private metadata, and what a submitted form says."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot import characters, presentation
from bot.closing import scores
from bot.ids import (
    FormErrors,
    metadata_object,
    metadata_text,
    parse_id,
    state_values,
    ticked,
    typed,
)
from bot.presentation import now_to_target
from bot.progress import percent
from storage.models import Objective

REFLECTION_LIMIT = 1000
CLOSE, CARRY = "close", "carry"  # scoring (with carry-over boxes), or carry-over boxes alone


@dataclass(frozen=True)
class KeyResultToScore:
    id: int
    title: str
    now: str  # where it stands, in the one wording of presentation.now_to_target
    percent: int
    score: str  # the initial value of its score field
    unfinished: bool


@dataclass(frozen=True)
class ObjectiveToClose:
    id: int
    title: str
    key_results: list[KeyResultToScore]
    reflection: str
    closed: bool
    carried_to: str | None  # the cycle its copy is in, once carried
    unfinished: int  # key results a copy would take along


@dataclass(frozen=True)
class CloseForm:
    mode: str  # close | carry
    cycle: str
    next_cycle: str
    ended: bool  # the cycle is over: the form says it closes the one that ended
    owner: str  # a mention, when an admin closes for someone else; "" for one's own
    objectives: list[ObjectiveToClose]
    metadata: str


@dataclass(frozen=True)
class Filled:
    """A submitted form, checked: scores by key result id, reflections and carry-over ticks."""

    scores: dict[int, float] = field(default_factory=dict)
    reflections: dict[int, str] = field(default_factory=dict)
    carry: set[int] = field(default_factory=set)


def build(
    mode: str,
    *,
    cycle_id: int,
    cycle: str,
    next_cycle: str,
    ended: bool,
    owner_id: str,
    owner: str,
    objectives: Sequence[Objective],
    carried_to: dict[int, str],
) -> CloseForm:
    items = [
        ObjectiveToClose(
            id=o.id,
            title=o.title,
            key_results=[
                KeyResultToScore(
                    id=kr.id,
                    title=kr.title,
                    now=now_to_target(kr),
                    percent=percent(scores.progress_of(kr)),
                    score=presentation.score(scores.first_guess(kr)),
                    unfinished=scores.unfinished(kr),
                )
                for kr in o.key_results
            ],
            reflection=o.reflection,
            closed=o.closed_at is not None,
            carried_to=carried_to.get(o.id),
            unfinished=sum(scores.unfinished(kr) for kr in o.key_results),
        )
        for o in objectives
    ]
    metadata = json.dumps({"m": mode, "c": cycle_id, "u": owner_id, "o": [o.id for o in items]})
    return CloseForm(mode, cycle, next_cycle, ended, owner, items, metadata)


@dataclass(frozen=True)
class Named:
    """What a submitted form's metadata names, checked against what is stored on use."""

    mode: str
    cycle_id: int | None
    owner_id: str
    objective_ids: list[int | None]


def named(view: object) -> Named:
    data = metadata_object(metadata_text(view))
    ids = data.get("o")
    owner = data.get("u")
    return Named(
        CARRY if data.get("m") == CARRY else CLOSE,
        parse_id(data.get("c")),
        owner if isinstance(owner, str) else "",
        [parse_id(raw) for raw in ids] if isinstance(ids, list) else [],
    )


def read(view: object, objectives: Sequence[Objective], mode: str) -> Filled | FormErrors:
    """The scores, reflections and ticks of these objectives, or what is wrong, by block."""
    values = state_values(view)
    filled, errors = Filled(), FormErrors()
    for objective in objectives:
        if ticked(values, f"carry-{objective.id}", "carry") == {"carry"}:
            filled.carry.add(objective.id)
        if mode == CARRY:
            continue
        for kr in objective.key_results:
            score = scores.parsed(typed(values, f"score-{kr.id}", "score"))
            if isinstance(score, str):
                errors[f"score-{kr.id}"] = score
            else:
                filled.scores[kr.id] = score
        block = f"reflection-{objective.id}"
        reflection = typed(values, block, "reflection").strip()
        problem = characters.problem(reflection, "The reflection")
        if problem is None and len(reflection) > REFLECTION_LIMIT:
            problem = f"Keep the reflection to {REFLECTION_LIMIT} characters."
        if problem is not None:
            errors[block] = problem
        filled.reflections[objective.id] = reflection
    return errors or filled


def context(form: CloseForm) -> dict[str, Any]:
    return {"form": form, "hint": scores.HINT}
