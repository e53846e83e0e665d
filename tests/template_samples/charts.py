"""Samples for charts: the answer to `/okr chart` (on its way, or which to pick) and the comment
posted with a chart in the DM, typical, renamed words and hostile titles."""

from __future__ import annotations

from typing import Any

from bot.words import Words
from tests.template_samples import HOSTILE

WORDS = Words()
GOALS = Words("goal", "goal", "result")
HOSTILE_WORDS = Words(HOSTILE[:32], "<!here>", "<@U999>")
CANDIDATES = ((1, "Weekly signups", 11), (2, "Churn", 12), (0, "Launch the beta", 13))


def reply(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "words": WORDS,
        "cycle": "2026-Q4",
        "problem": None,
        "asked": "",
        "titles": ["Weekly signups"],
        "candidates": (),
    }
    fields.update(changes)
    return fields


SAMPLES: dict[str, list[dict[str, Any]]] = {
    "chart_reply": [
        reply(),
        reply(titles=["Delight our customers", "Ship the beta"], words=GOALS),
        reply(titles=[HOSTILE]),
        reply(titles=[HOSTILE, HOSTILE], words=HOSTILE_WORDS, cycle=HOSTILE),
        reply(problem="none", titles=[]),
        reply(problem="no_match", asked="revenue", candidates=CANDIDATES),
        reply(problem="ambiguous", asked="sign", candidates=CANDIDATES[:2], words=GOALS),
        reply(
            problem="no_match",
            asked=HOSTILE,
            candidates=tuple((n, HOSTILE, n) for n in range(30)),
            words=HOSTILE_WORDS,
        ),
    ],
    "chart_comment": [
        {"kind": "key_result", "title": "Weekly signups", "cycle": "2026-Q4", "words": WORDS},
        {"kind": "objective", "title": "Delight our customers", "cycle": "2026-Q4", "words": GOALS},
        {"kind": "key_result", "title": HOSTILE, "cycle": HOSTILE, "words": HOSTILE_WORDS},
        {"kind": "objective", "title": HOSTILE, "cycle": "2026-Q4", "words": HOSTILE_WORDS},
    ],
}
