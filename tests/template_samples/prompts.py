"""Samples for the check-in prompt templates: typical, edge and hostile data."""

from __future__ import annotations

from typing import Any

from bot.action_ids import MY_PROMPTS_VIEW
from bot.presentation import WEEKDAYS, clock_time
from bot.prompts.message import SHOWN, Group
from bot.prompts.mine import CHOICE, DAY, TIME, MyPrompts
from bot.words import Words
from tests.template_samples import HOSTILE
from tests.template_samples.checkins import (
    FAR_PAST,
    HOSTILE_LINE,
    HOSTILE_OBJECTIVE,
    MILESTONE,
    NEVER,
    OBJECTIVE,
    TYPICAL,
)

GROUPS = [Group(OBJECTIVE, [TYPICAL, MILESTONE, FAR_PAST, NEVER])]
HOSTILE_GROUPS = [Group(HOSTILE_OBJECTIVE, [HOSTILE_LINE] * SHOWN)] * 3
PERIOD = "2026-W50"
# Words a workspace chose, and words typed by a hostile admin.
DEFAULT_WORDS = Words()
GOALS = Words("goal", "goal", "result")
HOSTILE_WORDS = Words(HOSTILE[:40], HOSTILE[:40], HOSTILE[:40])


def mine(**changes: Any) -> MyPrompts:
    fields: dict[str, Any] = {
        "choice": "default",
        "weekday": 0,
        "minute": 540,
        "default": "Monday at 09:00, every week",
        "next_prompt": "Monday 7 Dec at 09:00",
        "paused_until": "",
        "zone": "Europe/Berlin",
    }
    fields.update(changes)
    return MyPrompts(**fields)


def modal(shown: MyPrompts) -> dict[str, Any]:
    return {
        "mine": shown,
        "weekdays": list(enumerate(WEEKDAYS)),
        "ids": {"callback": MY_PROMPTS_VIEW, "choice": CHOICE},
        "day_block": DAY,
        "time_block": TIME,
        "clock_time": clock_time,
    }


def prompt(
    reminder: bool,
    cycle: str,
    groups: list[Group],
    more: int,
    example: str = "",
    words: Words = DEFAULT_WORDS,
) -> dict[str, Any]:
    # The period is always the bot's own key (2026-W50, 2026-12).
    return {
        "reminder": reminder,
        "cycle": cycle,
        "groups": groups,
        "more": more,
        "period": PERIOD,
        "example": example,
        "words": words,
    }


def answered(
    state: str,
    again: str,
    groups: list[Group] | None = None,
    more: int = 0,
    recorded: int = 0,
    words: Words = DEFAULT_WORDS,
) -> dict[str, Any]:
    return {
        "state": state,
        "period": PERIOD,
        "again": again,
        "groups": groups or [],
        "more": more,
        "recorded": recorded,
        "words": words,
    }


# The default is always words of the bot's own, shown in plain text.
HOSTILE_MINE = mine(next_prompt=HOSTILE, paused_until=HOSTILE, zone=HOSTILE)

SAMPLES: dict[str, list[dict[str, Any]]] = {
    "prompt": [
        prompt(False, "2026-Q4", GROUPS, 0),
        prompt(True, "2026-Q4", GROUPS, 3),
        prompt(False, "2026-Q4", GROUPS, 3, words=GOALS),
        prompt(False, HOSTILE, HOSTILE_GROUPS, 40, "1: 420 on track what moved or blocks"),
        prompt(False, HOSTILE, HOSTILE_GROUPS, 40, HOSTILE + "`", HOSTILE_WORDS),
    ],
    "prompt_answered": [
        answered("snoozed", "Tuesday 8 Dec at 09:00"),
        answered("skipped", "Monday 14 Dec at 09:00"),
        answered("done", "", GROUPS, 0, 2),
        answered("skipped", "Monday 14 Dec at 09:00", words=GOALS),
        answered("done", HOSTILE, HOSTILE_GROUPS, 9, 1, HOSTILE_WORDS),
    ],
    "prompts_reply": [
        {"state": state, "mine": shown, "problem": problem, "words": words}
        for state, shown, problem, words in (
            ("shown", mine(), None, ""),
            ("shown", mine(paused_until="Tuesday 1 Dec at 00:00"), None, ""),
            ("paused", mine(paused_until="Tuesday 1 Dec at 00:00"), None, ""),
            ("resumed", mine(), None, ""),
            ("not_paused", mine(choice="off", next_prompt=""), None, ""),
            ("problem", mine(), "past", "until 2020-01-01"),
            ("problem", mine(), "too_long", "400w"),
            ("problem", HOSTILE_MINE, "not_understood", HOSTILE),
        )
    ],
    "my_prompts_modal": [
        modal(mine()),
        modal(mine(choice="own", weekday=6, minute=23 * 60 + 59)),
        modal(mine(choice="off", next_prompt="")),
        modal(HOSTILE_MINE),
    ],
    "my_prompts_saved": [
        {"mine": mine()},
        {"mine": mine(choice="own", paused_until="Tuesday 1 Dec at 00:00")},
        {"mine": mine(choice="off", next_prompt="")},
        {"mine": HOSTILE_MINE},
    ],
}
