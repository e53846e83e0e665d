"""`/okr new`, `/okr edit`, the Edit button and the objective form's submission."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import action_ids
from bot.objectives import editor, replies, submission
from bot.refusals import Refusal, refused_message, refused_view
from handlers.checkins import show_view
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.objective_form import for_clicked_objective
from handlers.profiles import refresh_after_answer
from handlers.replying import form_answer, reply
from handlers.request import actor, run


def register(app: App, deps: Deps) -> None:
    deps.subcommands["new"] = new_objective(deps)
    deps.subcommands["edit"] = edit_objective(deps)

    @app.action(action_ids.OBJECTIVE_EDIT)
    def edit_clicked(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        opened = for_clicked_objective(deps, context, body, editor.edit_form)
        if isinstance(opened, Refusal):
            reply(body, client, respond, view=refused_view(opened), message=refused_message(opened))
            return
        show_view(client, body, opened)  # from a modal (a refusal's Edit button): pushed on it

    @app.action(action_ids.OBJECTIVE_NEW)
    def new_clicked(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        acting = actor(deps, context)
        view = run(
            deps,
            acting,
            lambda session, who: editor.new_form(session, who, title="", now=acting.now),
        )
        client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.view(action_ids.OBJECTIVE_VIEW)
    def submitted(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        acting = actor(deps, context)
        answered = form_answer(deps, context, body, submission.submit, replies.saved_view)
        ack(**answered.ack)
        # An owner the bot had not met was taken on the user select's word: Slack says who they
        # are now that the answer has gone, and if it says they are not in the workspace, the
        # person who saved is told what to do.
        saved = answered.saved
        if saved is None:
            return
        owner = saved.owner_id
        if owner != acting.user_id and not refresh_after_answer(deps, acting.team_id, owner):
            message = replies.owner_gone_message(saved)
            client.chat_postMessage(
                channel=acting.user_id, text=message["text"], blocks=message["blocks"]
            )


def new_objective(deps: Deps) -> SubcommandHandler:
    def new(request: CommandRequest) -> None:
        request.ack()
        acting = actor(deps, request.context)
        # Where /okr new was typed: a channel makes it that channel's team objective.
        channel_id = str(request.body.get("channel_id") or "")
        view = run(
            deps,
            acting,
            lambda session, who: editor.new_form(
                session, who, title=request.args, now=acting.now, channel_id=channel_id
            ),
        )
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view)

    return new


def edit_objective(deps: Deps) -> SubcommandHandler:
    def edit(request: CommandRequest) -> None:
        request.ack()
        acting = actor(deps, request.context)
        chosen = run(
            deps,
            acting,
            lambda session, who: editor.edit_command(
                session, who, now=acting.now, words=request.args
            ),
        )
        if chosen.view is not None:
            request.client.views_open(trigger_id=request.body["trigger_id"], view=chosen.view)
        elif chosen.message is not None:
            request.respond(**chosen.message)

    return edit
