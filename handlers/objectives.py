"""`/okr new`, `/okr edit`, the Edit button and the objective form's submission."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot import action_ids
from bot.ids import parse_id
from bot.objectives import editor, listing, replies, submission
from bot.objectives.ownership import Refused
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.replying import reply
from handlers.submissions import answer_once


def register(app: App, deps: Deps) -> None:
    deps.subcommands["new"] = new_objective(deps)
    deps.subcommands["edit"] = edit_objective(deps)

    @app.action(action_ids.OBJECTIVE_EDIT)
    def edit_clicked(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        with deps.db.begin() as session:
            opened = editor.edit_form(
                session,
                team_id=str(context.team_id),
                user_id=str(context.user_id),
                objective_id=parse_id(body["actions"][0].get("value")),
                now=deps.clock(),
            )
        if isinstance(opened, Refused):
            reply(
                body,
                client,
                respond,
                view=replies.refusal_view(opened),
                message=replies.refusal_message(opened),
            )
            return
        client.views_open(trigger_id=body["trigger_id"], view=opened)

    @app.action(action_ids.OBJECTIVE_NEW)
    def new_clicked(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        with deps.db.begin() as session:
            view = editor.new_form(
                session,
                team_id=str(context.team_id),
                user_id=str(context.user_id),
                title="",
                now=deps.clock(),
            )
        client.views_open(trigger_id=body["trigger_id"], view=view)

    @app.view(action_ids.OBJECTIVE_VIEW)
    def submitted(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        # Checked and written before the answer, so that errors can go back inline.
        def answer(session: Session) -> dict[str, Any]:
            result = submission.submit(
                session,
                client,
                team_id=str(context.team_id),
                user_id=str(context.user_id),
                view=body["view"],
                now=deps.clock(),
            )
            if isinstance(result, Refused):
                return {"response_action": "update", "view": replies.refusal_view(result)}
            if isinstance(result, dict):
                return {"response_action": "errors", "errors": result}
            return {"response_action": "update", "view": replies.saved_view(result)}

        ack(**answer_once(deps, context, body, answer).ack)


def new_objective(deps: Deps) -> SubcommandHandler:
    def new(request: CommandRequest) -> None:
        request.ack()
        with deps.db.begin() as session:
            view = editor.new_form(
                session,
                team_id=request.team_id,
                user_id=request.user_id,
                title=request.args,
                now=deps.clock(),
            )
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view)

    return new


def edit_objective(deps: Deps) -> SubcommandHandler:
    def edit(request: CommandRequest) -> None:
        request.ack()
        with deps.db.begin() as session:
            chosen = editor.edit_command(
                session,
                team_id=request.team_id,
                user_id=request.user_id,
                now=deps.clock(),
            )
        if isinstance(chosen, listing.ListPage):
            request.respond(**listing.message(chosen))
        else:
            request.client.views_open(trigger_id=request.body["trigger_id"], view=chosen)

    return edit
