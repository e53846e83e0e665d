"""The prompt as the person sees it: their key results with progress and pace, as Outgoing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.checkins.checkable import numbered_key_results
from bot.checkins.message import example_line, refs_of
from bot.checkins.status import KeyResultLine, ObjectiveLine, describe, describe_objective
from bot.checkins.values import editable_value
from bot.delivery.outgoing import Outgoing
from bot.presentation import latest_value
from bot.render import render
from bot.words import Words
from storage.models import Cycle, KeyResult, Objective

# The prompt's key results share one section of at most 3,000 characters.
SHOWN = 12


@dataclass(frozen=True)
class Group:
    objective: ObjectiveLine
    lines: list[KeyResultLine]


def groups_of(
    key_results: Sequence[KeyResult], cycle: Cycle, today: date
) -> tuple[list[Group], int]:
    """The first SHOWN key results, numbered as messages refer to them, by objective; and how
    many more there are."""
    groups: dict[int, Group] = {}
    described: dict[int, KeyResultLine] = {}
    for number, kr in enumerate(key_results[:SHOWN], start=1):
        if kr.objective_id not in groups:
            lines = [describe(each, cycle, today) for each in kr.objective.key_results]
            described.update((line.id, line) for line in lines)
            groups[kr.objective_id] = Group(describe_objective(kr.objective, lines), [])
        # Described once for its objective's progress; only its number differs here.
        groups[kr.objective_id].lines.append(replace(described[kr.id], number=number))
    return list(groups.values()), max(0, len(key_results) - SHOWN)


def prompt(
    user_id: str,
    objectives: Sequence[Objective],
    cycle: Cycle,
    today: date,
    *,
    period: str,
    key_period: str,
    words: Words,
    reminder: bool = False,
) -> Outgoing:
    """The prompt (or the reminder) of `period` to `user_id` listing their active `objectives`
    of the cycle (oldest first, as `my_objectives` orders them), queued under `key_period`."""
    key_results = numbered_key_results(objectives)
    groups, more = groups_of(key_results, cycle, today)
    message: dict[str, Any] = render(
        "prompt",
        reminder=reminder,
        cycle=cycle.name,
        groups=groups,
        more=more,
        period=period,
        example=example_of(key_results),
        words=words,
    )
    return Outgoing(
        kind="reminder" if reminder else "prompt",
        recipient=user_id,
        period=key_period,
        channel=user_id,
        text=message["text"],
        blocks=message["blocks"],
    )


def example_of(key_results: Sequence[KeyResult]) -> str:
    """A reply that would check in on the first key result, as a check-in reply shows one."""
    if not key_results:
        return ""
    first = key_results[0]
    return example_line(refs_of([first])[0], editable_value(first, latest_value(first)))


def answered(
    state: str,
    *,
    period: str,
    words: Words,
    again: str = "",
    groups: Sequence[Group] = (),
    more: int = 0,
    recorded: int = 0,
) -> dict[str, Any]:
    """The prompt updated in place: snoozed, skipped, or done with what was recorded."""
    message: dict[str, Any] = render(
        "prompt_answered",
        state=state,
        period=period,
        again=again,
        groups=list(groups),
        more=more,
        recorded=recorded,
        words=words,
    )
    return message
