"""The Home tab: published whenever someone opens it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import commands
from bot.render import render
from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        view = render("home", subcommands=commands.available(deps.subcommands))
        client.views_publish(user_id=event["user"], view=view)
