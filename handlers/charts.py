"""Charts: `/okr chart` and the Chart button; each chart is drawn and uploaded to the person's
DM once the answer has gone."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import action_ids
from bot.charts import asked, sending
from bot.ids import clicked_value
from bot.refusals import Refused, refused_message, refused_view
from bot.render import render
from handlers.checkins import show_view
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.request import actor, run

TITLE = "Chart"


def register(app: App, deps: Deps) -> None:
    deps.subcommands["chart"] = chart_command(deps)
    app.action(action_ids.CHART_OPEN)(chart_clicked(deps))


def chart_command(deps: Deps) -> SubcommandHandler:
    def chart(request: CommandRequest) -> None:
        acting = actor(deps, request.context)
        wanted = run(
            deps,
            acting,
            lambda session, who: asked.for_command(session, who, request.args, acting.now),
        )
        request.ack(**wanted.reply)
        # After the answer: drawing and uploading take longer than Slack waits for an ack.
        sending.send_to_dm(request.client, deps.drawer, acting.user_id, wanted.charts)

    return chart


def chart_clicked(deps: Deps) -> Any:
    def on_click(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        acting = actor(deps, context)
        value = clicked_value(body)
        in_modal = (body.get("view") or {}).get("type") == "modal"
        try:
            wanted = run(
                deps, acting, lambda session, who: asked.for_button(session, who, value, acting.now)
            )
        except Refused as refused:
            if in_modal or not body.get("response_url"):
                show_view(client, body, refused_view(refused.refusal, title=TITLE))
            else:
                respond(**refused_message(refused.refusal))
            return
        # Said first, while the click's trigger is fresh; the chart follows in the DM.
        if in_modal or not body.get("response_url"):
            show_view(
                client, body, render("message_modal", title=TITLE, blocks=wanted.reply["blocks"])
            )
        else:
            respond(**wanted.reply)
        sending.send_to_dm(client, deps.drawer, acting.user_id, wanted.charts)

    return on_click
