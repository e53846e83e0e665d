"""The Home tab: my objectives of the current cycle, where I can check in, and the commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import commands
from bot.objectives.audience import Audience, ListRequest
from bot.objectives.listing import list_page
from bot.render import render
from storage.models import Person


def home_view(
    session: Session, viewer: Person, *, subcommands: Iterable[str], now: datetime
) -> dict[str, Any]:
    page = list_page(session, viewer, request=ListRequest(Audience("mine")), offset=0, now=now)
    view: dict[str, Any] = render("home", page=page, subcommands=commands.available(subcommands))
    return view
