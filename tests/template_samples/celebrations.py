"""Samples for the milestone shout-out: each kind of milestone, each reason for a DM, renamed
words, and hostile titles, notes and words."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.celebrations.message import NO_CHANNEL, PRIVATE, Also, Shoutout
from bot.progress import BACK_ON_TRACK_AFTER
from bot.template_samples.celebrations import HALFWAY, hostile_shout
from bot.words import Words
from tests.template_samples import HOSTILE

HOSTILE_SHOUT = hostile_shout(HOSTILE)


def sample(shout: Shoutout, words: Words | None = None) -> dict[str, Any]:
    return {"shout": shout, "words": words or Words(), "back_after": BACK_ON_TRACK_AFTER}


SAMPLES = {
    "celebration": [
        sample(HALFWAY),
        sample(replace(HALFWAY, milestone=100, fraction=1.0, note="", back_on_track=True)),
        sample(
            replace(HALFWAY, milestone=100, objective_done=True, also=(Also("Ship it", 100),)),
            Words("Goal", "goal", "result"),
        ),
        sample(replace(HALFWAY, why_dm=PRIVATE)),
        sample(replace(HALFWAY, why_dm=NO_CHANNEL)),
        sample(HOSTILE_SHOUT, Words(HOSTILE[:32], "<!here>", "<@U999>")),
    ]
}
