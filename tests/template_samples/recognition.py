"""Samples for the streak and badge templates: typical, empty and hostile data."""

from __future__ import annotations

from typing import Any

from bot.recognition.award import Standing
from bot.recognition.badges import Shown, cycle_badge, shown
from bot.words import Words
from tests.template_samples import HOSTILE

WORDS = Words()
HOSTILE_WORDS = Words("<!here>", "<@U999> goal", "<!channel> result")
EVERY_BADGE = ["first_checkin", "streak_4", "streak_12", "first_objective_done", "cycle_70:2026-Q4"]

NO_STANDING = Standing(0, "week", [])
HOSTILE_STANDING = Standing(
    12,
    "fortnight",
    [shown(cycle_badge(HOSTILE), HOSTILE_WORDS, "biweekly")] * 40
    + [shown(badge, HOSTILE_WORDS, "biweekly") for badge in EVERY_BADGE],
)


def badge(
    name: str, *, streak: int = 3, unit: str = "week", words: Words = WORDS
) -> dict[str, Any]:
    cadence = {"week": "weekly", "fortnight": "biweekly", "month": "monthly"}[unit]
    return {"badge": shown(name, words, cadence), "streak": streak, "unit": unit, "words": words}


SAMPLES: dict[str, list[dict[str, Any]]] = {
    "badge": [
        *(badge(name) for name in EVERY_BADGE),
        badge("first_checkin", streak=1, unit="month"),
        badge("streak_12", streak=12, unit="fortnight"),
        badge(cycle_badge(HOSTILE), streak=0, words=HOSTILE_WORDS),
        {"badge": Shown(HOSTILE, HOSTILE), "streak": 0, "unit": "week", "words": HOSTILE_WORDS},
    ],
}
