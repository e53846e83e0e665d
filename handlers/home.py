"""The Home tab: published whenever someone opens it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.charts import home as home_charts
from bot.charts import sending
from bot.home import home_view
from handlers.deps import Deps
from handlers.request import Actor, run


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        # The tab is the user's whom the event names, as Slack publishes it for them.
        acting = Actor(str(context.team_id), event["user"], deps.clock())
        publish(deps, client, acting)
        # Home is up with the charts uploaded before; those whose data changed are drawn and
        # uploaded now, outside any transaction, and Home is published again with them.
        stale = run(deps, acting, lambda session, who: home_charts.stale(session, who, acting.now))
        if not stale:
            return
        uploads = [(chart, sending.upload(client, chart.chart)) for chart in stale]
        run(
            deps,
            acting,
            lambda session, _: home_charts.record(session, acting.team_id, uploads, acting.now),
        )
        publish(deps, client, acting)


def publish(deps: Deps, client: WebClient, acting: Actor) -> None:
    view = run(
        deps,
        acting,
        lambda session, who: home_view(session, who, subcommands=deps.subcommands, now=acting.now),
    )
    client.views_publish(user_id=acting.user_id, view=view)
