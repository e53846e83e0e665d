"""Samples for the `cycle` job's templates: typical, renamed words and hostile data."""

from __future__ import annotations

from typing import Any

from bot.template_samples import cycle_turn
from tests.template_samples import HOSTILE

SAMPLES: dict[str, list[dict[str, Any]]] = {
    "cycle_close_reminder": cycle_turn.cycle_close_reminder(HOSTILE),
    "cycle_new": cycle_turn.cycle_new(HOSTILE),
    "cycle_summary": cycle_turn.cycle_summary(HOSTILE),
}
