"""History: `/okr history`, the History button, and editing a check-in from there."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot import action_ids
from bot.checkins import edit, history
from bot.ids import clicked_value, metadata_text, state_values
from bot.people import person
from bot.refusals import Refused, refused_view
from handlers.checkins import Opened, button_answers, button_opens, open_or_answer, open_or_refuse
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.request import Actor, actor, run
from handlers.submissions import answer_once
from storage.models import Person

log = logging.getLogger("okr_bot.history")
NOT_SAVED = "Your change was not saved: the database did not answer. Save again."


def register(app: App, deps: Deps) -> None:
    deps.subcommands["history"] = history_command(deps)
    app.action(action_ids.HISTORY_OPEN)(button_opens(deps, history.for_objective, title="History"))
    app.action(action_ids.HISTORY_MINE)(button_answers(deps, all_history, title="History"))
    app.action(action_ids.CHECKIN_EDIT)(open_edit(deps))
    app.view(action_ids.CHECKIN_EDIT_VIEW)(save_edit(deps))


def history_command(deps: Deps) -> SubcommandHandler:
    def show_history(request: CommandRequest) -> None:
        open_or_answer(
            deps,
            request,
            lambda session, who, now: history.open_history(session, who, request.args, now),
        )

    return show_history


def all_history(session: Session, who: Person, now: datetime) -> Opened:
    """The history of all the person's active objectives, as `/okr history` shows it."""
    view, message = history.open_history(session, who, "", now)
    return view, message


def open_edit(deps: Deps) -> Any:
    def open_check_in(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        opened_from = body.get("view") or {}
        shown = history.objectives_of(metadata_text(opened_from))
        check_in_id = clicked_value(body)
        open_or_refuse(
            deps,
            context,
            client,
            body,
            lambda session, who, now: edit.edit_view(session, who, check_in_id, shown, now),
            title="Edit check-in",
        )

    return open_check_in


def save_edit(deps: Deps) -> Any:
    def save(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        view = body["view"]
        values = state_values(view)
        saved: list[edit.Edited] = []
        acting = actor(deps, context)

        def answer(session: Session) -> dict[str, Any]:
            who = person(session, acting.team_id, acting.user_id, acting.now)
            edited = edit.save_edit(session, who, metadata_text(view), values, acting.now)
            if edited.errors:
                return {"response_action": "errors", "errors": edited.errors}
            saved.append(edited)
            return {}  # back to the history it was opened from, which is refreshed below

        try:
            answered = answer_once(deps, context, body, answer)
        except Refused as refused:
            ack(response_action="update", view=refused_view(refused.refusal, title="Edit check-in"))
            return
        except SQLAlchemyError:
            log.exception("A check-in edit could not be stored")
            ack(response_action="errors", errors={"effective_on": NOT_SAVED})
            return
        ack(**answered.ack)
        # The modal beneath the editor, as Slack says: metadata could name anyone's view.
        beneath = view.get("previous_view_id")
        if saved and beneath:
            refresh_history(deps, client, acting, str(beneath), saved[0])

    return save


def refresh_history(
    deps: Deps, client: WebClient, acting: Actor, view_id: str, edited: edit.Edited
) -> None:
    shown = list(edited.history_objectives)
    try:
        view = run(
            deps,
            acting,
            lambda session, who: history.history_view(session, who, shown, acting.now),
        )
    except Refused:
        return  # the history view showed something no longer visible: leave it as it was
    client.views_update(view_id=view_id, view=view)
