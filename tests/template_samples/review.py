"""Samples for the 1:1 review, the team view, the alignment tree and their replies: typical,
empty, shared, crowded and hostile."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.checkins.status import ObjectiveLine
from bot.review.concerns import Concern
from bot.review.person import CheckInLine, KeyResultReview, ObjectiveReview, Review
from bot.review.team import Member, TeamReview
from bot.review.tree import Row, TreePage
from tests.template_samples import HOSTILE
from tests.template_samples.checkins import FAR_PAST, HOSTILE_LINE, MILESTONE, NEVER, TYPICAL

CHECK_INS = [
    CheckInLine(date(2026, 11, 16), "420", "at_risk", "Deals slipped", "on track → at risk"),
    CheckInLine(date(2026, 11, 9), "380", "on_track", "", None),
    CheckInLine(date(2026, 11, 2), "300", "on_track", "Good week", None),
    CheckInLine(date(2026, 10, 26), "250", "on_track", "", None),
]
HOSTILE_CHECK_INS = [CheckInLine(date(2026, 11, 16), HOSTILE[:60], "off_track", HOSTILE, None)] * 4
CONCERN = Concern("Delight our customers", "Launch the beta", "off_track", True, 0, 50)
HOSTILE_CONCERN = Concern(HOSTILE, HOSTILE, "at_risk", True, 10, 60)

OBJECTIVE = ObjectiveReview(
    3,
    "Delight our customers",
    False,
    45,
    0.45,
    [
        KeyResultReview(TYPICAL, CHECK_INS),
        KeyResultReview(MILESTONE, []),
        KeyResultReview(FAR_PAST, CHECK_INS[:1]),
        KeyResultReview(NEVER, []),
    ],
    2,
)
HOSTILE_OBJECTIVE = ObjectiveReview(
    4, HOSTILE, True, 100, 1.0, [KeyResultReview(HOSTILE_LINE, HOSTILE_CHECK_INS)] * 5, 5
)


def review(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "user_id": "U2",
        "name": "Ana Lima",
        "cycle": "2026-Q4",
        "objectives": [OBJECTIVE],
        "concerns": [CONCERN],
    }
    fields.update(changes)
    return {"review": Review(**fields)}


def member(name: str = "Ana Lima", **changes: Any) -> Member:
    fields: dict[str, Any] = {
        "user_id": "U2",
        "name": name,
        "objectives": [ObjectiveLine(3, "Delight our customers", 45, 0.45)],
        "checked_in": True,
        "concerns": [],
    }
    fields.update(changes)
    return Member(**fields)


def team(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "channel": "<#C0TEAM>",
        "cycle": "2026-Q4",
        "period": "2026-W48",
        "members": [member(), member("Bo Chen", checked_in=False, concerns=[CONCERN])],
        "without": 3,
    }
    fields.update(changes)
    return {"team": TeamReview(**fields)}


ROWS = [
    Row("", "company", "Win the market", 40, 0.4, 30),
    Row("├ ", "team", "Grow signups", 50, 0.5, 50),
    Row("│  └ ", "personal", "Run the webinar", 50, 0.5, 50),
    Row("└ ", "", "", 0, 0.0, 0),
    Row("   └ ", "personal", "Write the guide", 25, 0.25, 25),
]


def tree(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "cycle": "2026-Q4",
        "rows": ROWS,
        "offset": 0,
        "more": None,
        "total": len(ROWS),
    }
    fields.update(changes)
    return {"page": TreePage(**fields), "icons": {"company": "🏢", "team": "👥", "personal": "👤"}}


def helped(problem: str, word: str = "") -> dict[str, Any]:
    return {"problem": problem, "word": word}


SAMPLES: dict[str, list[dict[str, Any]]] = {
    "review": [
        review(),
        review(objectives=[], concerns=[]),
        review(name="", concerns=[]),
        review(shared_by="Bo Chen"),
        review(objectives=[OBJECTIVE] * 3, hidden=4),
        review(
            name=HOSTILE,
            cycle=HOSTILE,
            objectives=[HOSTILE_OBJECTIVE],
            concerns=[HOSTILE_CONCERN] * 40,
            shared_by=HOSTILE,
        ),
    ],
    "review_team": [
        team(),
        team(members=[], without=0),
        team(members=[member()] * 3, hidden=7, without=1),
        team(
            channel="<#C0TEAM>",
            cycle=HOSTILE,
            period=HOSTILE[:20],
            members=[
                member(
                    HOSTILE,
                    objectives=[ObjectiveLine(4, HOSTILE, 100, 1.0)] * 12,
                    concerns=[HOSTILE_CONCERN] * 30,
                )
            ],
        ),
        team(members=[member("", checked_in=False)]),
    ],
    "tree": [
        tree(),
        tree(rows=[], total=0),
        tree(offset=40, more="2026-Q4|45", total=60),
        tree(cycle=HOSTILE, rows=[Row("├ ", "team", HOSTILE, 100, 1.0, 100)] * 10),
    ],
    "review_help": [
        helped("missing"),
        helped("unknown", HOSTILE),
        helped("unknown_person", HOSTILE),
        helped("plain_channel", "#growth"),
        helped("two_audiences", "#growth"),
        helped("two_cycles", "2026-Q3"),
        helped("members_unknown", "C0TEAM"),
        helped("members_unknown", HOSTILE),
        helped("stale"),
        helped("tree_words"),
        helped("shared"),
        helped("shared_self"),
        helped("shared_nothing"),
    ],
}
