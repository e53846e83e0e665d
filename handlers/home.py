"""The Home tab: published whenever someone opens it."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from bot.charts import home as home_charts
from bot.charts import sending
from bot.home import home_view
from handlers.deps import Deps
from handlers.request import Actor, run

log = logging.getLogger("okr_bot.home")


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        # The tab is the user's whom the event names, as Slack publishes it for them.
        acting = Actor(str(context.team_id), event["user"], deps.clock())
        publish(deps, client, acting)
        refresh_charts(deps, client, acting)


def refresh_charts(deps: Deps, client: WebClient, acting: Actor) -> None:
    """Home is up with the charts uploaded before; those whose data changed are drawn and
    uploaded now, outside any transaction, and Home is published again with them."""
    stale = run(deps, acting, lambda session, who: home_charts.stale(session, who, acting.now))
    if not stale:
        return
    try:
        uploads = [(chart, sending.upload(client, deps.drawer, chart.chart)) for chart in stale]
    except (SlackApiError, SlackRequestError, OSError):
        # Home is shown already, with the older charts: the next opening tries again.
        log.exception("Could not upload the Home charts of %s", acting.user_id)
        return
    run(
        deps,
        acting,
        lambda session, _: home_charts.record(session, acting.team_id, uploads, acting.now),
    )
    # As of now: drawing and uploading took a while, and Home shows what stands now.
    publish(deps, client, Actor(acting.team_id, acting.user_id, deps.clock()))


def publish(deps: Deps, client: WebClient, acting: Actor) -> None:
    view = run(
        deps,
        acting,
        lambda session, who: home_view(session, who, subcommands=deps.subcommands, now=acting.now),
    )
    client.views_publish(user_id=acting.user_id, view=view)
