"""Whether a Slack status says someone is away: on holiday, travelling, ill or on leave."""

from __future__ import annotations

import re
from datetime import datetime

AWAY_EMOJI = frozenset(
    {
        ":palm_tree:",
        ":airplane:",
        ":face_with_thermometer:",
        ":desert_island:",
        ":beach_with_umbrella:",
        ":sick:",
        ":thermometer:",
        ":mask:",
        ":baby:",
        ":airplane_departure:",
    }
)
AWAY_WORDS = re.compile(
    r"\b(?:ooo|out of (?:the )?office|vacation|vacationing|holidays?|sick|leave|pto|on break)\b",
    re.IGNORECASE,
)


def is_away(emoji: str, text: str, expiration: datetime | None, now: datetime) -> bool:
    """A status emoji or words of absence, unless Slack's expiration of it has passed."""
    if expiration is not None and expiration <= now:
        return False
    return emoji.strip().lower() in AWAY_EMOJI or AWAY_WORDS.search(text) is not None
