"""The Home tab: my objectives of the current cycle, where I can check in, my streak and badges,
and the commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import commands
from bot.charts.home import shown
from bot.objectives.audience import Audience, ListRequest
from bot.objectives.listing import list_page
from bot.people import ensure_workspace
from bot.recognition.award import standing
from bot.render import render
from storage.models import Person


def home_view(
    session: Session, viewer: Person, *, subcommands: Iterable[str], now: datetime
) -> dict[str, Any]:
    page = list_page(session, viewer, request=ListRequest(Audience("mine")), offset=0, now=now)
    workspace = ensure_workspace(session, viewer.team_id, now)
    view: dict[str, Any] = render(
        "home",
        page=page,
        subcommands=commands.available(subcommands),
        standing=standing(session, workspace, viewer.user_id, now),
        charts=shown(session, viewer.team_id, [item.id for item in page.items]),
    )
    return view
