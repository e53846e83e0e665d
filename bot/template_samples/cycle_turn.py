"""Samples for the `cycle` job's messages: the close reminder, the new cycle's invitation and
the cycle summary, typical, with renamed words and with HOSTILE text."""

from __future__ import annotations

from typing import Any

from bot.checkins.status import KeyResultLine, ObjectiveLine
from bot.cycle_turn.message import SHOWN, Completed
from bot.cycle_turn.scores import (
    KeyResultScore,
    ObjectiveScore,
    Scored,
    Summary,
    summary_of,
)
from bot.prompts.message import Group
from bot.template_samples import HOSTILE
from bot.words import Words

GOALS = Words("goal", "goal", "result")


def _line(number: int, title: str) -> KeyResultLine:
    return KeyResultLine(
        id=number,
        number=0,
        title=title,
        kind="increase",
        value="420",
        goal="from 0 to 1,000",
        now="now 420 → target 1,000",
        fraction=0.42,
        percent=42,
        overshoot=False,
        out_of_range=False,
        expected_percent=90,
        behind=True,
        divergence=None,
        confidence="at_risk",
    )


def groups(title: str, count: int = 1, lines: int = 2) -> list[Group]:
    return [
        Group(
            ObjectiveLine(number, title, 42, 0.42),
            [_line(each, title) for each in range(1, lines + 1)],
        )
        for number in range(1, count + 1)
    ]


def objective_scores(title: str, count: int = 1, krs: int = 2) -> list[ObjectiveScore]:
    key_results = [KeyResultScore(title, Scored(0.7, True)) for _ in range(krs - 1)]
    key_results.append(KeyResultScore(title, Scored(0.64, False)))
    return [
        ObjectiveScore(
            number, title, "U1", Scored(0.67, False, partly=number == 2), number == 1, key_results
        )
        for number in range(1, count + 1)
    ]


def cycle_close_reminder(hostile: str = HOSTILE) -> list[dict[str, Any]]:
    """Typical, renamed words, and people's text hostile (a cycle's name is never typed
    freely: bot/cycles.cycle_name)."""
    typical = {"cycle": "2026-Q4", "ends": "Thursday 31 Dec", "more": 0}
    samples: list[dict[str, Any]] = [
        {**typical, "groups": groups("Delight our customers"), "words": Words()},
        {**typical, "groups": groups("Ship it", 2), "more": 3, "words": GOALS},
    ]
    samples.append(
        {
            "cycle": "FY2027-Q1-Sep",
            "ends": hostile,
            "groups": groups(hostile, SHOWN, 12),
            "more": 40,
            "words": Words(hostile[:40], hostile[:40], hostile[:40]),
        }
    )
    return samples


def cycle_new(hostile: str = HOSTILE) -> list[dict[str, Any]]:
    typical = {"previous": "2026-Q4", "cycle": "2027-Q1", "more": 0}
    samples: list[dict[str, Any]] = [
        {**typical, "objectives": objective_scores("Delight"), "carry": True, "words": Words()},
        {**typical, "objectives": objective_scores("Ship", 3), "carry": False, "words": GOALS},
    ]
    samples.append(
        {
            "previous": "FY2027-Q1-Sep",
            "cycle": "FY2027-Q2",
            "objectives": objective_scores(hostile, SHOWN, 8),
            "more": 12,
            "carry": True,
            "words": Words(hostile[:40], hostile[:40], hostile[:40]),
        }
    )
    return samples


def summary(count: int = 3) -> Summary:
    return summary_of(objective_scores("x", count, 3))


EMPTY = Summary(0, 0, 0, None, False, summary_of([]).bands)


def cycle_summary(hostile: str = HOSTILE) -> list[dict[str, Any]]:
    typical = {"cycle": "2026-Q4", "following": "2027-Q1", "more": 0}
    done = [Completed("Ship the app", "Ana Lima")]
    samples: list[dict[str, Any]] = [
        {**typical, "summary": summary(), "completed": done, "words": Words()},
        {**typical, "summary": EMPTY, "completed": [], "words": GOALS},
    ]
    samples.append(
        {
            "cycle": hostile,
            "following": hostile,
            "summary": summary(40),
            "completed": [Completed(hostile, hostile)] * SHOWN,
            "more": 30,
            "words": Words(hostile[:40], hostile[:40], hostile[:40]),
        }
    )
    return samples
