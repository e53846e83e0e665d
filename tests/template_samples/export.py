"""Samples for `/okr export`: on its way, the text beside the file, nothing to export, and an
unknown cycle; with hostile typed text and renamed words."""

from __future__ import annotations

from typing import Any

from bot.words import Words
from tests.template_samples import HOSTILE

RENAMED = Words(HOSTILE[:32], "<!here>", "<@U999>")


def sample(state: str, words: Words | None = None, **context: Any) -> dict[str, Any]:
    return {"state": state, "words": words or Words(), **context}


SAMPLES: dict[str, list[dict[str, Any]]] = {
    "export_reply": [
        sample("sending", cycle="2026-Q4", count=3),
        sample("sending", RENAMED, cycle=HOSTILE, count=1),
        sample("sent", cycle="2026-Q4", count=3),
        sample("sent", RENAMED, cycle=HOSTILE, count=1),
        sample("nothing", cycle="2026-Q4"),
        sample("nothing", RENAMED, cycle=HOSTILE),
        sample("unknown_cycle", typed="2026-Q9", known=["2026-Q3", "2026-Q4"]),
        sample("unknown_cycle", typed=HOSTILE, known=[]),
        sample("unknown_cycle", RENAMED, typed=HOSTILE, known=[HOSTILE[:40]] * 3),
    ],
}
