"""History: `/okr history`, the History button, and editing a check-in from there."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot import action_ids
from bot.checkins import edit, history
from bot.checkins.refusals import Refused, notice_view
from bot.people import person
from handlers.checkins import acting_person, show_view
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.submissions import answer_once

log = logging.getLogger("okr_bot.history")
NOT_SAVED = "Your change was not saved: the database did not answer. Save again."


def register(app: App, deps: Deps) -> None:
    deps.subcommands["history"] = history_command(deps)
    app.action(action_ids.HISTORY_OPEN)(open_from_button(deps))
    app.action(action_ids.CHECKIN_EDIT)(open_edit(deps))
    app.view(action_ids.CHECKIN_EDIT_VIEW)(save_edit(deps))


def history_command(deps: Deps) -> SubcommandHandler:
    def show_history(request: CommandRequest) -> None:
        now = deps.clock()
        with deps.db.begin() as session:
            who = person(session, request.client, request.team_id, request.user_id, now)
            view, message = history.open_history(session, who, request.args, now)
        if view is None:
            request.ack(**message)
            return
        request.ack()
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view)

    return show_history


def open_from_button(deps: Deps) -> Any:
    def open_history(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        try:
            with deps.db.begin() as session:
                who = acting_person(session, client, body, deps)
                view = history.for_objective(
                    session, who, body["actions"][0].get("value"), deps.clock()
                )
        except Refused as refused:
            view = notice_view(refused.refusal, title="History")
        show_view(client, body, view)

    return open_history


def open_edit(deps: Deps) -> Any:
    def open_check_in(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        opened_from = body.get("view") or {}
        shown = history.objectives_of(str(opened_from.get("private_metadata") or ""))
        try:
            with deps.db.begin() as session:
                who = acting_person(session, client, body, deps)
                view = edit.edit_view(
                    session, who, body["actions"][0].get("value"), shown, deps.clock()
                )
        except Refused as refused:
            view = notice_view(refused.refusal, title="Edit check-in")
        show_view(client, body, view)

    return open_check_in


def save_edit(deps: Deps) -> Any:
    def save(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        view = body["view"]
        values = (view.get("state") or {}).get("values") or {}
        saved: list[edit.Edited] = []

        def answer(session: Session) -> dict[str, Any]:
            who = acting_person(session, client, body, deps)
            edited = edit.save_edit(
                session, who, str(view.get("private_metadata") or ""), values, deps.clock()
            )
            if edited.errors:
                return {"response_action": "errors", "errors": edited.errors}
            saved.append(edited)
            return {}  # back to the history it was opened from, which is refreshed below

        try:
            answered = answer_once(deps, body, answer)
        except Refused as refused:
            ack(response_action="update", view=notice_view(refused.refusal, title="Edit check-in"))
            return
        except SQLAlchemyError:
            log.exception("A check-in edit could not be stored")
            ack(response_action="errors", errors={"effective_on": NOT_SAVED})
            return
        ack(**answered.ack)
        # The modal beneath the editor, as Slack says: metadata could name anyone's view.
        beneath = view.get("previous_view_id")
        if saved and beneath:
            refresh_history(deps, client, body, str(beneath), saved[0])

    return save


def refresh_history(
    deps: Deps, client: WebClient, body: dict[str, Any], view_id: str, edited: edit.Edited
) -> None:
    try:
        with deps.db.begin() as session:
            who = acting_person(session, client, body, deps)
            view = history.history_view(session, who, list(edited.history_objectives), deps.clock())
    except Refused:
        return  # the history view showed something no longer visible: leave it as it was
    client.views_update(view_id=view_id, view=view)
