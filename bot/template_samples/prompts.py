"""Samples for the check-in prompt (`prompt`) and the prompt updated in place."""

from __future__ import annotations

from typing import Any

from bot.checkins.status import KeyResultLine, ObjectiveLine
from bot.prompts.message import SHOWN, Group
from bot.template_samples import HOSTILE
from bot.words import Words

PERIOD = "2026-W50"
GOALS = Words("goal", "goal", "result")


def line(number: int, title: str, value: str = "420") -> KeyResultLine:
    """A key result's line as screens show it: 420 of 1,000, on track, a little behind pace."""
    return KeyResultLine(
        id=number,
        number=number,
        title=title,
        kind="increase",
        value=value,
        goal="from 0 to 1,000",
        now=f"now {value} → target 1,000",
        fraction=0.42,
        percent=42,
        overshoot=False,
        out_of_range=False,
        expected_percent=50,
        behind=False,
        divergence=None,
        confidence="on_track",
    )


def _groups() -> list[Group]:
    return [Group(ObjectiveLine(1, "Delight our customers", 42, 0.42), [line(1, "Signups")])]


def _hostile_groups() -> list[Group]:
    lines = [line(number, HOSTILE, HOSTILE[:60]) for number in range(1, SHOWN + 1)]
    return [Group(ObjectiveLine(2, HOSTILE, 100, 1.0), lines)] * 3


def prompt() -> list[dict[str, Any]]:
    """A prompt, a reminder with renamed words, and one full of hostile text."""
    typical = {"cycle": "2026-Q4", "period": PERIOD, "example": "1: 420 on track shipped"}
    return [
        {**typical, "reminder": False, "groups": _groups(), "more": 0, "words": Words()},
        {**typical, "reminder": True, "groups": _groups(), "more": 3, "words": GOALS},
        {
            "cycle": HOSTILE,
            "period": PERIOD,
            "example": HOSTILE,
            "reminder": False,
            "groups": _hostile_groups(),
            "more": 40,
            "words": Words(HOSTILE[:40], HOSTILE[:40], HOSTILE[:40]),
        },
    ]


def prompt_answered() -> list[dict[str, Any]]:
    """Snoozed, skipped (renamed words), and done with hostile key results."""
    common = {"period": PERIOD, "groups": [], "more": 0, "recorded": 0, "words": Words()}
    return [
        {**common, "state": "snoozed", "again": "Tuesday 8 Dec at 09:00"},
        {**common, "state": "skipped", "again": "Monday 14 Dec at 09:00", "words": GOALS},
        {
            **common,
            "state": "done",
            "again": HOSTILE,
            "groups": _hostile_groups(),
            "more": 9,
            "recorded": 1,
        },
    ]
