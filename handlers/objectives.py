"""`/okr new`, `/okr edit`, the Edit button and the objective form's submission."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot import action_ids
from bot.ids import parse_id
from bot.objectives import editor, listing, replies, submission
from bot.refusals import Refusal, or_refusal, refused_message, refused_view
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.profiles import refresh_after_answer
from handlers.replying import reply
from handlers.request import actor, person, run
from handlers.submissions import answer_once


def register(app: App, deps: Deps) -> None:
    deps.subcommands["new"] = new_objective(deps)
    deps.subcommands["edit"] = edit_objective(deps)

    @app.action(action_ids.OBJECTIVE_EDIT)
    def edit_clicked(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        acting = actor(deps, context)
        objective_id = parse_id(body["actions"][0].get("value"))
        opened = run(
            deps,
            acting,
            lambda session, who: or_refusal(
                lambda: editor.edit_form(session, who, objective_id=objective_id, now=acting.now)
            ),
        )
        if isinstance(opened, Refusal):
            reply(body, client, respond, view=refused_view(opened), message=refused_message(opened))
            return
        client.views_open(trigger_id=body["trigger_id"], view=opened)

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
        # Checked and written before the answer, so that errors can go back inline.
        acting = actor(deps, context)
        saved: list[submission.ObjectiveSaved] = []

        def answer(session: Session) -> dict[str, Any]:
            who = person(session, acting)
            result = or_refusal(
                lambda: submission.submit(session, who, view=body["view"], now=acting.now)
            )
            if isinstance(result, Refusal):
                return {"response_action": "update", "view": refused_view(result)}
            if isinstance(result, dict):
                return {"response_action": "errors", "errors": result}
            saved.append(result)
            return {"response_action": "update", "view": replies.saved_view(result)}

        ack(**answer_once(deps, context, body, answer).ack)
        # An owner the bot had not met was taken on the user select's word: Slack says who they
        # are now that the answer has gone, and if it says they are not in the workspace, the
        # person who saved is told what to do.
        for objective in saved:
            owner = objective.owner_id
            if owner != acting.user_id and not refresh_after_answer(deps, acting.team_id, owner):
                message = replies.owner_gone_message(objective)
                client.chat_postMessage(
                    channel=acting.user_id, text=message["text"], blocks=message["blocks"]
                )


def new_objective(deps: Deps) -> SubcommandHandler:
    def new(request: CommandRequest) -> None:
        request.ack()
        acting = actor(deps, request.context)
        view = run(
            deps,
            acting,
            lambda session, who: editor.new_form(session, who, title=request.args, now=acting.now),
        )
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view)

    return new


def edit_objective(deps: Deps) -> SubcommandHandler:
    def edit(request: CommandRequest) -> None:
        request.ack()
        acting = actor(deps, request.context)
        chosen = run(
            deps, acting, lambda session, who: editor.edit_command(session, who, now=acting.now)
        )
        if isinstance(chosen, listing.ListPage):
            request.respond(**listing.message(chosen))
        else:
            request.client.views_open(trigger_id=request.body["trigger_id"], view=chosen)

    return edit
