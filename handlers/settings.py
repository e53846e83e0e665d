"""`/okr settings`: the modal, its preview as picks change, the zone search, and saving."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import action_ids
from bot.delivery import channel_access
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
            trigger_id=request.body["trigger_id"],
            view=views.form_view(opened, acting.now, bot_user_id=request.context.bot_user_id or ""),
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
            new_view = views.form_view(shown, acting.now, bot_user_id=context.bot_user_id or "")
            update_modal(client, view, new_view)

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
        answered = form_answer(deps, context, body, editor.save, views.saved_view)
        ack(**answered.ack)
        if answered.saved is not None:
            check_channels(deps, context, client, body, answered.saved)

    return save_settings


def check_channels(
    deps: Deps,
    context: BoltContext,
    client: WebClient,
    body: dict[str, Any],
    saved: editor.SettingsSaved,
) -> None:
    """After the answer and its transaction: a picked channel the bot cannot post in is told to
    the admin by DM and added to the confirmation."""
    after = saved.after
    unreachable = channel_access.unreachable(
        client, (after.celebration_channel, after.digest_channel)
    )
    if not unreachable:
        return
    acting = actor(deps, context)
    bot_user_id = context.bot_user_id or ""
    run(
        deps,
        acting,
        lambda session, who: channel_access.tell_admin(
            session, who.team_id, who.user_id, unreachable, bot_user_id=bot_user_id, now=acting.now
        ),
    )
    # No hash: answering the submission replaced the view, and this edit is meant to follow it.
    update_modal(
        client, {"id": body["view"]["id"]}, views.saved_view(saved, unreachable, bot_user_id)
    )
