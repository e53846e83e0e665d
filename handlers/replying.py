"""Answering where a request came from: a click in the modal it was in or on the message it was
on, and a submitted form with its refusal, its errors or what it saved."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.ids import FormErrors
from bot.refusals import Refusal, or_refusal, refused_view
from handlers.deps import Deps
from handlers.request import actor, person
from handlers.submissions import answer_once

log = logging.getLogger("okr_bot.replying")
Saved = TypeVar("Saved")


@dataclass(frozen=True)
class FormAnswered(Generic[Saved]):
    ack: dict[str, Any]  # what to ack() with
    saved: Saved | None  # None when refused, when wrong, or for a form answered already


def update_modal(client: WebClient, view: dict[str, Any], new_view: dict[str, Any]) -> None:
    """views.update with the view's hash, so a stale redraw never overwrites a newer one."""
    try:
        client.views_update(view_id=view["id"], hash=view.get("hash"), view=new_view)
    except SlackApiError as exc:
        if exc.response.get("error") != "hash_conflict":
            raise
        log.info("Skipped a modal redraw: the person changed it again meanwhile")


def reply(
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    *,
    view: dict[str, Any],
    message: dict[str, Any],
) -> None:
    """A modal is replaced by `view`; a message gets `message` as an ephemeral reply."""
    container = body.get("view") or {}
    if container.get("type") == "modal":
        update_modal(client, container, view)
    elif body.get("response_url"):
        respond(**message)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def form_answer(
    deps: Deps,
    context: BoltContext,
    body: dict[str, Any],
    submit: Callable[..., Saved | FormErrors],
    saved_view: Callable[[Saved], dict[str, Any]],
) -> FormAnswered[Saved]:
    """What to ack a submitted form with, checked and written before the answer so that errors
    go back inline: why it was refused, its errors (the modal stays open with what was typed),
    or what was saved; and what was saved, unless Slack sent a form answered already.

    `submit` takes the session and the acting Person, then `view` and `now` by keyword. A refusal
    is caught inside the transaction: a person seen for the first time stays stored."""
    acting = actor(deps, context)
    saved: list[Saved] = []

    def answer(session: Session) -> dict[str, Any]:
        who = person(session, acting)
        result = or_refusal(lambda: submit(session, who, view=body["view"], now=acting.now))
        if isinstance(result, Refusal):
            return {"response_action": "update", "view": refused_view(result)}
        if isinstance(result, dict):
            return {"response_action": "errors", "errors": result}
        saved.append(result)
        return {"response_action": "update", "view": saved_view(result)}

    acked = answer_once(deps, context, body, answer).ack
    return FormAnswered(acked, saved[0] if saved else None)
