"""Whose objectives `/okr list` shows: `@person`, `#channel`, `company`, a cycle like `2026-Q3`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.cycles import cycle_name
from bot.ids import parse_id
from bot.presentation import is_slack_id

_PERSON = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$")
_NAME = re.compile(r"^@([\w.\-']{1,80})$")
USAGE = (
    "`/okr list`, `/okr list @person`, `/okr list #channel`, `/okr list company` "
    "or `/okr list 2026-Q3`"
)


@dataclass(frozen=True)
class Audience:
    """kind: mine | person | channel | company | name (a plain @name still to look up)."""

    kind: str = "mine"
    value: str = ""


@dataclass(frozen=True)
class ListRequest:
    audience: Audience
    cycle: str | None = None  # a cycle name; None for the current cycle


@dataclass(frozen=True)
class NotUnderstood:
    """What could not be read, for a reply that shows what works."""

    word: str
    reason: str  # unknown | unknown_person | plain_channel | two_audiences | two_cycles


def parse(args: str) -> ListRequest | NotUnderstood:
    """Any order, at most one audience and one cycle: `/okr list @bo 2026-Q3`."""
    audience: Audience | None = None
    cycle: str | None = None
    for word in args.split():
        named = cycle_name(word)
        if named is not None:
            if cycle is not None:
                return NotUnderstood(word, "two_cycles")
            cycle = named
            continue
        found = _audience(word)
        if isinstance(found, NotUnderstood):
            return found
        if audience is not None:
            return NotUnderstood(word, "two_audiences")
        audience = found
    return ListRequest(audience or Audience(), cycle)


def _audience(word: str) -> Audience | NotUnderstood:
    lowered = word.lower()
    if lowered in {"me", "mine", "my"}:
        return Audience()
    if lowered in {"company", "company-wide", "all-hands"}:
        return Audience("company")
    if match := _PERSON.match(word):
        return Audience("person", match[1])
    if match := _CHANNEL.match(word):
        return Audience("channel", match[1])
    if word.startswith("#"):
        # Without escaping Slack sends "#name"; only a picked channel (a link) carries its id.
        return NotUnderstood(word, "plain_channel")
    if match := _NAME.match(word):
        return Audience("name", match[1])
    return NotUnderstood(word, "unknown")


def encode(request: ListRequest, cycle: str, offset: int) -> str:
    """The "Show more" button's value: everything needed to fetch the next page."""
    return "|".join((request.audience.kind, request.audience.value, cycle, str(offset)))


def decode(value: str) -> tuple[ListRequest, int] | None:
    parts = value.split("|")
    offset = parse_id(parts[3]) if len(parts) == 4 else None
    if offset is None:
        return None
    kind, who, cycle, _ = parts
    if kind not in {"mine", "person", "channel", "company"}:
        return None
    if kind in {"person", "channel"} and not is_slack_id(who, "UWCG"):
        return None
    if cycle_name(cycle) != cycle:
        return None
    return ListRequest(Audience(kind, who), cycle), offset
