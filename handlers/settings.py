"""`/okr settings`: the modal, its preview as picks change, the zone search, and saving."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import action_ids
from bot.refusals import Refusal, or_refusal, refused_message
from bot.workspace_settings import editor, views
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.replying import form_answer, update_modal
from handlers.request import actor, run


def register(app: App, deps: Deps) -> None:
    deps.subcommands["settings"] = open_settings(deps)
    app.action(action_ids.SETTINGS_FISCAL_START)(redraw(deps))
    app.action(action_ids.SETTINGS_TIME_ZONE)(redraw(deps))
    app.options(action_ids.SETTINGS_TIME_ZONE)(suggest_zones(deps))
    app.view(action_ids.SETTINGS_VIEW)(save(deps))


def open_settings(deps: Deps) -> SubcommandHandler:
    def settings(request: CommandRequest) -> None:
        acting = actor(deps, request.context)
        opened = run(
            deps,
            acting,
            lambda session, who: or_refusal(lambda: editor.opened(session, who, now=acting.now)),
        )
        if isinstance(opened, Refusal):
            request.ack(refused_message(opened))  # the whole answer, as Bolt's ack takes it
            return
        request.ack()
        request.client.views_open(
            trigger_id=request.body["trigger_id"], view=views.form_view(opened, acting.now)
        )

    return settings


def redraw(deps: Deps) -> Any:
    """A new month or zone picked: the preview of the cycles follows."""

    def redraw_settings(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        view = body.get("view")
        if not isinstance(view, dict):
            return  # only the modal has these selects
        acting = actor(deps, context)
        shown = run(
            deps,
            acting,
            lambda session, who: editor.redrawn(session, who, view=view, now=acting.now),
        )
        if shown is not None:
            update_modal(client, view, views.form_view(shown, acting.now))

    return redraw_settings


def suggest_zones(deps: Deps) -> Any:
    def suggest(ack: Ack, body: dict[str, Any]) -> None:
        view = body.get("view")
        typed = str(body.get("value") or "")
        ack(views.zone_options(typed, deps.clock(), view if isinstance(view, dict) else {}))

    return suggest


def save(deps: Deps) -> Any:
    def save_settings(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack(**form_answer(deps, context, body, editor.save, views.saved_view).ack)

    return save_settings
