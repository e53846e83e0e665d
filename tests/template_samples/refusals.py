"""Samples for the refusal templates: every reason of every feature, typical and hostile."""

from __future__ import annotations

from typing import Any

from bot.refusals import REASONS, TITLES, Refusal
from tests.template_samples import HOSTILE
from tests.template_samples.settings import CALENDAR, HOSTILE_CHOICES, HOSTILE_PREVIEW, Q4


def _refusals(title: str, owner_id: str, cycle: str) -> list[Refusal]:
    settings = (HOSTILE_CHOICES, HOSTILE_PREVIEW) if title == HOSTILE else (CALENDAR, Q4)
    return [
        Refusal(
            about,
            reason,
            title=title,
            objective_id=7 if title != HOSTILE else None,
            owner_id=owner_id,
            cycle=cycle,
            current_cycle=cycle,
            choices=settings[0] if about == "settings" else None,
            preview=settings[1] if about == "settings" else None,
            admins=(title, "Ada") if about == "settings" else (),
        )
        for about, reasons in REASONS.items()
        for reason in reasons
    ]


TYPICAL = _refusals("Delight our customers", "U2", "2026-Q3")
HOSTILE_REFUSALS = _refusals(HOSTILE, "", HOSTILE)

SAMPLES: dict[str, list[dict[str, Any]]] = {
    "refused_message": [
        {"refusal": refusal, "owner": "<@U2>" if refusal.owner_id else ""}
        for refusal in TYPICAL + HOSTILE_REFUSALS
    ],
    "refused_view": [
        {
            "refusal": refusal,
            "owner": "<@U2>" if refusal.owner_id else "",
            "title": TITLES[refusal.about] if refusal.owner_id else "Edit check-in",
        }
        for refusal in TYPICAL + HOSTILE_REFUSALS
    ],
}
