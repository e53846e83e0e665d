"""bot/delivery/pace.py: turns at the rate and burst Slack allows, per workspace and per
conversation, on a clock the test moves."""

from __future__ import annotations

import pytest

from bot.delivery.pace import Limits, Pace


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_conversation_gets_its_burst_then_one_message_a_second() -> None:
    ticks = Ticks()
    pace = Pace(Limits(per_conversation=1.0, burst=3), monotonic=ticks)

    waits = [pace.turn("T1", "D1") for _ in range(5)]
    other = pace.turn("T1", "D2")
    ticks.now += 10
    rested = pace.turn("T1", "D1")

    assert waits == pytest.approx([0, 0, 0, 1, 2])
    assert other == 0 and rested == 0


def test_the_workspace_limit_spans_its_conversations_and_scales() -> None:
    ticks = Ticks()
    pace = Pace(
        Limits(per_workspace=2.0, per_conversation=None, burst=1).scaled(10), monotonic=ticks
    )

    waits = [pace.turn("T1", f"D{n}") for n in range(4)]
    elsewhere = pace.turn("T2", "D0")

    assert waits == pytest.approx([0, 0.05, 0.10, 0.15])
    assert elsewhere == 0
