"""Check-ins through the modal: `/okr checkin`, the "Check in" button, saving each page."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.checkins import modal
from bot.checkins.form import CALLBACK_ID
from bot.checkins.refusals import Refused, notice_view
from bot.people import person
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.request import actor, run
from handlers.submissions import answer_once

log = logging.getLogger("okr_bot.checkins")


def register(app: App, deps: Deps) -> None:
    deps.subcommands["checkin"] = checkin_command(deps)
    app.action("checkin_open")(open_from_button(deps))
    app.view(CALLBACK_ID)(save_page(deps))


def show_view(client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> None:
    """Open a modal; from inside a modal, push it on top so that closing returns there."""
    if (body.get("view") or {}).get("type") == "modal":
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def checkin_command(deps: Deps) -> SubcommandHandler:
    def checkin(request: CommandRequest) -> None:
        acting = actor(deps, request.context)
        answer = run(
            deps,
            acting,
            lambda session, who: modal.open_mine(session, who, request.args, acting.now),
        )
        if answer.view is None:
            request.ack(**(answer.message or {}))
            return
        request.ack()
        request.client.views_open(trigger_id=request.body["trigger_id"], view=answer.view)

    return checkin


def open_from_button(deps: Deps) -> Any:
    def open_checkin(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        objective_id = body["actions"][0].get("value")
        now = deps.clock()
        try:
            view = run(
                deps,
                actor(deps, context),
                lambda session, who: modal.open_for_objective(session, who, objective_id, now),
            )
        except Refused as refused:
            view = notice_view(refused.refusal)
        show_view(client, body, view)

    return open_checkin


def save_page(deps: Deps) -> Any:
    def save(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        view = body["view"]
        metadata = str(view.get("private_metadata") or "")
        values = (view.get("state") or {}).get("values") or {}
        acting = actor(deps, context)

        def answer(session: Session) -> dict[str, Any]:
            who = person(session, acting.team_id, acting.user_id, acting.now)
            saved = modal.save_page(session, who, metadata, values, acting.now)
            if saved.errors:
                return {"response_action": "errors", "errors": saved.errors}
            return {"response_action": "update", "view": saved.view}

        try:
            answered = answer_once(deps, context, body, answer)
        except Refused as refused:
            ack(response_action="update", view=notice_view(refused.refusal))
            return
        except SQLAlchemyError:
            # The transaction rolled back whole: tell the person in the modal, which stays open.
            log.exception("A check-in could not be stored")
            ack(response_action="errors", errors=modal.storage_failed(metadata))
            return
        ack(**answered.ack)

    return save
