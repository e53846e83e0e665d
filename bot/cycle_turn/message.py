"""The `cycle` job's messages as Outgoing: the close reminder, the new cycle's invitation and
the cycle summary (templates `cycle_close_reminder`, `cycle_new`, `cycle_summary`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.checkins.status import describe, describe_objective
from bot.cycle_turn.scores import ObjectiveScore, Summary
from bot.delivery.outgoing import Outgoing
from bot.prompts.message import Group
from bot.render import render
from bot.words import Words
from storage.models import Cycle, Objective

CLOSE, NEW, SUMMARY = "cycle_close", "cycle_new", "cycle_summary"
KINDS = (CLOSE, NEW, SUMMARY)
# Objectives listed in a DM, and completed ones in the summary; the rest are counted.
SHOWN = 10


@dataclass(frozen=True)
class Completed:
    """A completed public objective in the summary, its owner named (never mentioned)."""

    title: str
    owner: str


def _outgoing(kind: str, recipient: str, period: str, message: dict[str, Any]) -> Outgoing:
    return Outgoing(
        kind=kind,
        recipient=recipient,
        period=period,
        channel=recipient,
        text=message["text"],
        blocks=message["blocks"],
    )


def close_reminder(
    user_id: str, objectives: Sequence[Objective], cycle: Cycle, today: date, words: Words
) -> Outgoing:
    """One DM per owner and cycle (`cycle_close:<user>:<cycle>`): their open objectives with
    progress, and "Close and score"."""
    groups = []
    for objective in objectives[:SHOWN]:
        lines = [describe(kr, cycle, today) for kr in objective.key_results]
        groups.append(Group(describe_objective(objective, lines), lines))
    message: dict[str, Any] = render(
        "cycle_close_reminder",
        cycle=cycle.name,
        ends=f"{cycle.ends_on:%A %-d %b}",
        groups=groups,
        more=max(0, len(objectives) - SHOWN),
        words=words,
    )
    return _outgoing(CLOSE, user_id, cycle.name, message)


def invitation(
    user_id: str,
    scores: Sequence[ObjectiveScore],
    previous: str,
    cycle: str,
    *,
    carry: bool,
    words: Words,
) -> Outgoing:
    """One DM per owner and new cycle (`cycle_new:<user>:<cycle>`): last cycle's scores, New
    objective, and Carry over when some objective is left to carry."""
    message: dict[str, Any] = render(
        "cycle_new",
        previous=previous,
        cycle=cycle,
        objectives=list(scores[:SHOWN]),
        more=max(0, len(scores) - SHOWN),
        carry=carry,
        words=words,
    )
    return _outgoing(NEW, user_id, cycle, message)


def summary(
    channel: str,
    numbers: Summary,
    completed: Sequence[Completed],
    cycle: str,
    following: str,
    words: Words,
) -> Outgoing:
    """Once per channel and cycle (`cycle_summary:<channel>:<cycle>`), public objectives only."""
    message: dict[str, Any] = render(
        "cycle_summary",
        cycle=cycle,
        following=following,
        summary=numbers,
        completed=list(completed[:SHOWN]),
        more=max(0, len(completed) - SHOWN),
        words=words,
    )
    return _outgoing(SUMMARY, channel, cycle, message)
