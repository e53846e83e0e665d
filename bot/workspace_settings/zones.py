"""Time zones an admin can pick: every IANA zone of a region, found by typing a city."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import available_timezones

from bot.people import zone

# Slack answers a select's search with at most 100 options.
OPTION_LIMIT = 100
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
# Offered before anything is typed: one or two zones per populous stretch of the world.
COMMON = (
    "UTC",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Mexico_City",
    "America/Bogota",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Europe/Istanbul",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
)


@dataclass(frozen=True)
class ZoneOption:
    name: str  # the IANA name, stored as the workspace's zone
    label: str  # "America/New York (UTC-05:00)"


@cache
def zones() -> tuple[str, ...]:
    """UTC and the zones of the world's regions; legacy aliases (US/Eastern, Japan) are left out."""
    names = {name for name in available_timezones() if name.split("/")[0] in REGIONS}
    return ("UTC", *sorted(names))


def is_zone(name: str) -> bool:
    return name in zones()


def label(name: str, now: datetime) -> str:
    """The zone and its offset at `now` (summer time moves it), as an option shows it."""
    if name == "UTC":
        return name
    offset = now.astimezone(zone(name)).utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{name.replace('_', ' ')} (UTC{sign}{hours:02d}:{rest:02d})"


def search(text: str, now: datetime, first: Iterable[str] = ()) -> list[ZoneOption]:
    """Zones whose name or offset contains what was typed, cities that start so first.

    Nothing typed: `first` (e.g. the zone chosen now), then the common zones.
    """
    wanted = " ".join(text.replace("_", " ").lower().split())
    if not wanted:
        names = list(dict.fromkeys(n for n in (*first, *COMMON) if is_zone(n)))
    else:
        labelled = ((name, label(name, now).lower()) for name in zones())
        found = [(name, text) for name, text in labelled if wanted in text]
        names = [name for name, _ in sorted(found, key=lambda f: (_rank(f[0], wanted), f[0]))]
    return [ZoneOption(name, label(name, now)) for name in names[:OPTION_LIMIT]]


def _rank(name: str, wanted: str) -> int:
    places = [part.replace("_", " ").lower() for part in name.split("/")]
    if places[-1].startswith(wanted):
        return 0
    if any(place.startswith(wanted) for place in places):
        return 1
    return 2
