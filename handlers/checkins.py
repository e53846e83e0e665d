"""Check-ins through the modal: `/okr checkin`, the "Check in" button, saving each page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot import action_ids
from bot.checkins import modal
from bot.ids import clicked_value, metadata_text, state_values
from bot.people import person
from bot.refusals import Refused, refused_view
from bot.render import render
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.replying import reply
from handlers.request import actor, run
from handlers.submissions import answer_once
from storage.models import Person

log = logging.getLogger("okr_bot.checkins")


def register(app: App, deps: Deps) -> None:
    deps.subcommands["checkin"] = checkin_command(deps)
    app.action(action_ids.CHECKIN_OPEN)(button_opens(deps, modal.open_for_objective))
    app.action(action_ids.CHECKIN_MINE)(button_answers(deps, open_mine))
    app.view(action_ids.CHECKIN_VIEW)(save_page(deps))


def show_view(client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> None:
    """Open a modal; from inside a modal, push it on top so that closing returns there."""
    if (body.get("view") or {}).get("type") == "modal":
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def open_or_refuse(
    deps: Deps,
    context: BoltContext,
    client: WebClient,
    body: dict[str, Any],
    open_view: Callable[[Session, Person, datetime], dict[str, Any]],
    title: str = "Check in",
) -> None:
    """A button's modal: the view `open_view` builds for the person, or why they may not."""
    acting = actor(deps, context)
    try:
        view = run(deps, acting, lambda session, who: open_view(session, who, acting.now))
    except Refused as refused:
        view = refused_view(refused.refusal, title=title)
    show_view(client, body, view)


Opened = tuple[dict[str, Any] | None, dict[str, Any] | None]  # a modal, else a message


def open_or_answer(
    deps: Deps, request: CommandRequest, open_view: Callable[[Session, Person, datetime], Opened]
) -> None:
    """A command's modal, opened once the command is acknowledged; or the message saying why
    not (which words, which objective), as the acknowledgement."""
    acting = actor(deps, request.context)
    view, message = run(deps, acting, lambda session, who: open_view(session, who, acting.now))
    if view is None:
        request.ack(**(message or {}))
        return
    request.ack()
    request.client.views_open(trigger_id=request.body["trigger_id"], view=view)


def checkin_command(deps: Deps) -> SubcommandHandler:
    def checkin(request: CommandRequest) -> None:
        def opened(session: Session, who: Person, now: datetime) -> Opened:
            answer = modal.open_mine(session, who, request.args, now)
            return answer.view, answer.message

        open_or_answer(deps, request, opened)

    return checkin


def open_mine(session: Session, who: Person, now: datetime) -> Opened:
    """The check-in form for all the person's active objectives, as `/okr checkin` opens it."""
    answer = modal.open_mine(session, who, "", now)
    return answer.view, answer.message


def button_answers(
    deps: Deps, open_view: Callable[[Session, Person, datetime], Opened], title: str = "Check in"
) -> Callable[..., None]:
    """A button doing what a command does: its modal, or the message saying why not, shown
    under the message the button is in (a button in a modal has nowhere to say it: a notice)."""

    def on_click(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        acting = actor(deps, context)
        view, message = run(deps, acting, lambda session, who: open_view(session, who, acting.now))
        if view is not None:
            show_view(client, body, view)
        elif message is not None:
            in_modal = render("message_modal", title=title, blocks=message["blocks"])
            reply(body, client, respond, view=in_modal, message=message)

    return on_click


def button_opens(
    deps: Deps,
    open_view: Callable[[Session, Person, object, datetime], dict[str, Any]],
    title: str = "Check in",
) -> Callable[..., None]:
    """A button whose value names what to show (as typed: the use case reads it)."""

    def open_from_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        value = clicked_value(body)
        open_or_refuse(
            deps,
            context,
            client,
            body,
            lambda session, who, now: open_view(session, who, value, now),
            title,
        )

    return open_from_button


def save_page(deps: Deps) -> Any:
    def save(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        view = body["view"]
        metadata = metadata_text(view)
        values = state_values(view)
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
            ack(response_action="update", view=refused_view(refused.refusal))
            return
        except SQLAlchemyError:
            # The transaction rolled back whole: tell the person in the modal, which stays open.
            log.exception("A check-in could not be stored")
            ack(response_action="errors", errors=modal.storage_failed(metadata))
            return
        ack(**answered.ack)

    return save
