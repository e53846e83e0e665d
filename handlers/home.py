"""The Home tab: published whenever someone opens it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.home import home_view
from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        with deps.db.begin() as session:
            view = home_view(
                session,
                team_id=str(context.team_id),
                user_id=event["user"],
                subcommands=deps.subcommands,
                now=deps.clock(),
            )
        client.views_publish(user_id=event["user"], view=view)
