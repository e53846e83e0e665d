"""Samples for the weekly digest: a team channel's, the workspace's, an empty one, previews, and
hostile titles, names and renamed words."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.digest.content import Digest, KeyResultWeek, ObjectiveWeek
from bot.digest.message import ATTENTION_SHOWN, Posting
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


def kr(line: Any, owner: str = "Ana Lima", **changes: Any) -> KeyResultWeek:
    fields: dict[str, Any] = {
        "line": line,
        "objective": "Delight our customers",
        "owner": owner,
        "gained": 12,
        "back_on_track": False,
        "checked_in": True,
    }
    fields.update(changes)
    return KeyResultWeek(**fields)


TYPICAL_KRS = [kr(TYPICAL), kr(MILESTONE, gained=0), kr(FAR_PAST, back_on_track=True), kr(NEVER)]
HOSTILE_KR = kr(HOSTILE_LINE, HOSTILE, objective=HOSTILE, gained=100, back_on_track=True)
TEAM = ObjectiveWeek(OBJECTIVE, "U1", "Ana Lima", "C0TEAM", TYPICAL_KRS)
HOSTILE_TEAM = ObjectiveWeek(HOSTILE_OBJECTIVE, "U999", HOSTILE, "C0TEAM", [HOSTILE_KR] * 12)
WORDS = Words()
GOALS = Words("goal", "goal", "result")
HOSTILE_WORDS = Words("<!channel>", "<@U999>", "<https://evil.example|x>")


def digest(objectives: list[ObjectiveWeek], *, team: bool = True, **changes: Any) -> Digest:
    krs = [each for objective in objectives for each in objective.key_results]
    fields: dict[str, Any] = {
        "week": "2026-W49",
        "starts_on": date(2026, 11, 30),
        "cycle": "2026-Q4",
        "channel": "C0TEAM",
        "team": team,
        "objectives": objectives,
        "checked_in": sorted({o.owner for o in objectives}),
        "not_checked_in": ["Bo Chen"],
        "attention": [each for each in krs if each.line.behind],
        "movers": [each for each in krs if each.gained > 0][:3],
        "back_on_track": [each for each in krs if each.back_on_track],
    }
    fields.update(changes)
    return Digest(**fields)


def context(
    shown: Digest, words: Words = WORDS, preview: Posting | None = None, count: int | None = None
) -> dict[str, Any]:
    count = len(shown.objectives) if count is None else count
    return {
        "digest": shown,
        "shown": shown.objectives[:count],
        "more": len(shown.objectives) - count,
        "attention": shown.attention[:ATTENTION_SHOWN],
        "more_attention": max(0, len(shown.attention) - ATTENTION_SHOWN),
        "words": words,
        "preview": preview,
    }


HOSTILE_DIGEST = digest(
    [HOSTILE_TEAM] * 40,
    cycle=HOSTILE,
    checked_in=[HOSTILE] * 50,
    not_checked_in=[HOSTILE] * 50,
    attention=[HOSTILE_KR] * 40,
    movers=[HOSTILE_KR] * 3,
)
POSTED = Posting("C0DIGEST", "Friday", "16:00", "Europe/Berlin")
UNSET = Posting(None, "Friday", "16:00", "Europe/Berlin")

SAMPLES: dict[str, list[dict[str, Any]]] = {
    "digest": [
        context(digest([TEAM])),
        context(digest([TEAM, TEAM], team=False, channel="C0DIGEST", not_checked_in=[])),
        context(digest([TEAM], checked_in=[], movers=[], back_on_track=[]), GOALS, POSTED),
        context(digest([], team=False, channel=None), preview=UNSET),
        context(digest([], team=False, channel="C0DIGEST"), preview=POSTED),
        context(HOSTILE_DIGEST, HOSTILE_WORDS, Posting(HOSTILE, HOSTILE, HOSTILE, HOSTILE), 30),
    ],
}
