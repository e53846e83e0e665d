"""`/okr pause`: how long for (`until 2026-12-01`, `2w`, `3d`, `1 week`), a pure function."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.prompts.schedule import at

LONGEST = timedelta(days=366)
_SPAN = re.compile(r"^(?:for\s+)?(\d{1,3})\s*(d|days?|w|wks?|weeks?)$", re.IGNORECASE)
_DATE = re.compile(r"^(?:until\s+)?(\d{4}-\d{2}-\d{2})$", re.IGNORECASE)


@dataclass(frozen=True)
class PauseWanted:
    """Until when (an instant), or the problem: not_understood, past, too_long."""

    until: datetime | None = None
    problem: str | None = None


def read_pause(words: str, zone: ZoneInfo, now: datetime) -> PauseWanted:
    """`until 2026-12-01` pauses until that day begins in the person's zone (prompts come again
    that day); `2w`, `3d`, `1 week`, `10 days` pause for that long from now."""
    text = " ".join(words.split())
    span = _SPAN.match(text)
    if span:
        count = int(span.group(1))
        days = count * (7 if span.group(2).lower().startswith("w") else 1)
        if count == 0:
            return PauseWanted(problem="not_understood")
        if timedelta(days=days) > LONGEST:
            return PauseWanted(problem="too_long")
        return PauseWanted(until=now + timedelta(days=days))
    found = _DATE.match(text)
    if not found:
        return PauseWanted(problem="not_understood")
    try:
        day = date.fromisoformat(found.group(1))
    except ValueError:
        return PauseWanted(problem="not_understood")
    until = at(day, 0, zone)
    if until <= now:
        return PauseWanted(problem="past")
    if until - now > LONGEST:
        return PauseWanted(problem="too_long")
    return PauseWanted(until=until)
