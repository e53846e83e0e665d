"""The Home tab: my objectives of the current cycle, where I can check in, and the commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import commands, people
from bot.objectives.audience import Audience, ListRequest
from bot.objectives.listing import list_page
from bot.render import render


def home_view(
    session: Session,
    *,
    team_id: str,
    user_id: str,
    subcommands: Iterable[str],
    now: datetime,
) -> dict[str, Any]:
    viewer = people.person(session, team_id, user_id, now)
    page = list_page(session, viewer, request=ListRequest(Audience("mine")), offset=0, now=now)
    view: dict[str, Any] = render("home", page=page, subcommands=commands.available(subcommands))
    return view
