"""Samples for the badge DM (`badge`): each badge on a streak, renamed words, no streak yet, and
hostile names and words."""

from __future__ import annotations

from typing import Any

from bot.recognition.badges import Shown, cycle_badge, shown
from bot.template_samples import HOSTILE
from bot.template_samples.prompts import GOALS
from bot.words import Words

BADGES = ["first_checkin", "streak_4", "streak_12", "first_objective_done", "cycle_70:2026-Q4"]


def badge() -> list[dict[str, Any]]:
    """Every badge of a weekly streak, one in a workspace saying goal and result, and hostile."""
    hostile_words = Words(HOSTILE[:40], HOSTILE[:40], HOSTILE[:40])
    return [
        *(
            {"badge": shown(name, Words(), "weekly"), "streak": 4, "unit": "week", "words": Words()}
            for name in BADGES
        ),
        {
            "badge": shown("streak_12", GOALS, "monthly"),
            "streak": 12,
            "unit": "month",
            "words": GOALS,
        },
        {
            "badge": shown(cycle_badge(HOSTILE), hostile_words, "biweekly"),
            "streak": 0,
            "unit": "fortnight",
            "words": hostile_words,
        },
        {"badge": Shown(HOSTILE, HOSTILE), "streak": 1, "unit": "week", "words": hostile_words},
    ]
