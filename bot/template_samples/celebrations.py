"""Samples for the milestone shout-out (`celebration`): a milestone, a completed objective with
renamed words, a DM, and hostile titles, notes and words."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.celebrations.message import QUIET, Also, Shoutout
from bot.progress import BACK_ON_TRACK_AFTER
from bot.template_samples import HOSTILE
from bot.template_samples.prompts import GOALS
from bot.words import Words

HALFWAY = Shoutout(
    owner="<@U1>",
    objective_id=7,
    objective_title="Delight our customers",
    key_result_title="Raise NPS from 20 to 40",
    milestone=50,
    objective_done=False,
    fraction=0.55,
    value="31",
    goal="20 → 40",
    note="The new onboarding helped",
    back_on_track=False,
    also=(),
    why_dm="",
)


def hostile_shout(text: str) -> Shoutout:
    """HALFWAY with `text` in every field people wrote, 40 other key results, told by DM."""
    return replace(
        HALFWAY,
        objective_title=text,
        key_result_title=text,
        note=text,
        value=text,
        goal=text,
        also=tuple(Also(text, 50) for _ in range(40)),
        back_on_track=True,
        why_dm=QUIET,
    )


def _context(shout: Shoutout, words: Words) -> dict[str, Any]:
    return {"shout": shout, "words": words, "back_after": BACK_ON_TRACK_AFTER}


def celebration() -> list[dict[str, Any]]:
    """Halfway in a channel; an objective completed, in a workspace saying goal and result;
    one full of hostile text, told by DM."""
    done = replace(HALFWAY, milestone=100, fraction=1.0, objective_done=True, back_on_track=True)
    hostile = hostile_shout(HOSTILE)
    return [
        _context(HALFWAY, Words()),
        _context(replace(done, also=(Also("Ship it", 100),)), GOALS),
        _context(hostile, Words(HOSTILE[:40], HOSTILE[:40], HOSTILE[:40])),
    ]
