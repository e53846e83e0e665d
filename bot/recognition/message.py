"""The DM that tells someone about a new badge, as Outgoing (template `badge`)."""

from __future__ import annotations

from typing import Any

from bot.delivery.outgoing import Outgoing
from bot.recognition.badges import shown
from bot.recognition.streak import unit
from bot.render import render
from bot.words import Words

KIND = "badge"


def badge_message(user_id: str, badge: str, *, streak: int, cadence: str, words: Words) -> Outgoing:
    """One DM per person and badge: its key `badge:<user>:<badge>` makes it once."""
    message: dict[str, Any] = render(
        "badge", badge=shown(badge, words, cadence), streak=streak, unit=unit(cadence), words=words
    )
    return Outgoing(
        kind=KIND,
        recipient=user_id,
        period=badge,
        channel=user_id,
        text=message["text"],
        blocks=message["blocks"],
    )
