"""Samples for the weekly digest (`digest`): a team channel's, the workspace's preview in renamed
words, an empty one, and one of hostile titles, names and words, as many as fit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from bot.checkins.status import ObjectiveLine
from bot.digest.content import Digest, KeyResultWeek, ObjectiveWeek
from bot.digest.message import ATTENTION_SHOWN, Posting
from bot.template_samples import HOSTILE
from bot.template_samples.prompts import GOALS, line
from bot.words import Words


def _week(title: str, owner: str, objective: str) -> KeyResultWeek:
    behind = replace(line(1, title), behind=True, confidence="at_risk")
    return KeyResultWeek(behind, objective, owner, 12, back_on_track=True, checked_in=True)


def _digest(objectives: list[ObjectiveWeek], *, team: bool, cycle: str = "2026-Q4") -> Digest:
    krs = [kr for objective in objectives for kr in objective.key_results]
    return Digest(
        week="2026-W49",
        starts_on=date(2026, 11, 30),
        cycle=cycle,
        channel="C0TEAM" if team else "C0DIGEST",
        team=team,
        objectives=objectives,
        checked_in=sorted({objective.owner for objective in objectives}),
        not_checked_in=["Bo Chen"],
        attention=krs,
        movers=krs[:3],
        back_on_track=krs[:3],
    )


def _context(digest: Digest, words: Words, preview: Posting | None, shown: int) -> dict[str, Any]:
    return {
        "digest": digest,
        "shown": digest.objectives[:shown],
        "more": len(digest.objectives) - shown,
        "attention": digest.attention[:ATTENTION_SHOWN],
        "more_attention": max(0, len(digest.attention) - ATTENTION_SHOWN),
        "words": words,
        "preview": preview,
    }


def digest() -> list[dict[str, Any]]:
    """A team channel's digest, the workspace's previewed in goal and result, an empty one, and
    a hostile one cut to the objectives that fit in a message."""
    kr = _week("Signups", "Ana Lima", "Delight our customers")
    typical = ObjectiveLine(1, "Delight our customers", 42, 0.42)
    team = ObjectiveWeek(typical, "U1", "Ana Lima", "C0TEAM", [kr])
    bad = _week(HOSTILE, HOSTILE, HOSTILE)
    hostile_line = ObjectiveLine(2, HOSTILE, 100, 1.0)
    hostile = ObjectiveWeek(hostile_line, "U2", HOSTILE, "C0TEAM", [bad] * 12)
    hostile_digest = replace(
        _digest([hostile] * 40, team=True, cycle=HOSTILE),
        checked_in=[HOSTILE] * 50,
        not_checked_in=[HOSTILE] * 50,
    )
    posted = Posting("C0DIGEST", "Friday", "16:00", "Europe/Berlin")
    return [
        _context(_digest([team], team=True), Words(), None, 1),
        _context(_digest([team, team], team=False), GOALS, posted, 2),
        _context(_digest([], team=False), Words(), Posting(None, "Friday", "16:00", "UTC"), 0),
        _context(hostile_digest, Words(HOSTILE[:40], HOSTILE[:40], HOSTILE[:40]), None, 3),
    ]
