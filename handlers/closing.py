"""`/okr close [@person] [cycle]`, the "Close and score" and "Carry over" buttons, and the close
form's submissions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import action_ids
from bot.closing import close, form
from bot.cycles import cycle_name
from bot.ids import clicked_value
from bot.objectives.audience import ListRequest, parse
from bot.render import render
from handlers.checkins import show_view
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.listing import resolved
from handlers.replying import form_answer, reply
from handlers.request import actor, run


def register(app: App, deps: Deps) -> None:
    deps.subcommands["close"] = close_command(deps)
    app.action(action_ids.CYCLE_CLOSE_OPEN)(button_opens(deps, form.CLOSE))
    app.action(action_ids.CYCLE_CARRY_OPEN)(button_opens(deps, form.CARRY))
    app.view(action_ids.CYCLE_CLOSE_VIEW)(submitted(deps))
    app.view(action_ids.CYCLE_CARRY_VIEW)(submitted(deps))


def close_command(deps: Deps) -> SubcommandHandler:
    def close_(request: CommandRequest) -> None:
        acting = actor(deps, request.context)
        wanted = resolved(deps, request.client, acting, parse(request.args))
        if not isinstance(wanted, ListRequest) or wanted.audience.kind not in {"mine", "person"}:
            request.ack(**render("close_usage", words=request.args))
            return
        owner_id = wanted.audience.value or acting.user_id
        view, message = run(
            deps,
            acting,
            lambda session, who: close.open_form(
                session, who, owner_id=owner_id, cycle_name=wanted.cycle, now=acting.now
            ),
        )
        if view is None:
            request.ack(**(message or {}))
            return
        request.ack()
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view)

    return close_


def button_opens(deps: Deps, mode: str) -> Callable[..., None]:
    """The clicker's own form for the cycle the button names (the current one, if junk)."""

    def on_click(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        acting = actor(deps, context)
        named = cycle_name(clicked_value(body))
        view, message = run(
            deps,
            acting,
            lambda session, who: close.open_form(
                session, who, owner_id=acting.user_id, cycle_name=named, now=acting.now, mode=mode
            ),
        )
        if view is not None:
            show_view(client, body, view)
        elif message is not None:
            title = "Carry over" if mode == form.CARRY else "Close and score"
            in_modal = render("message_modal", title=title, blocks=message["blocks"])
            reply(body, client, respond, view=in_modal, message=message)

    return on_click


def submitted(deps: Deps) -> Callable[..., None]:
    def on_submit(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        answered = form_answer(deps, context, body, close.submit, close.saved_view)
        ack(**answered.ack)

    return on_submit
