"""Check-in prompts as people answer them: `/okr prompts`, `/okr pause`, `/okr resume`, and the
prompt's Check in, Snooze until tomorrow and Skip this time buttons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot import action_ids
from bot.ids import clicked_value
from bot.prompts import mine
from handlers.checkins import button_answers, open_mine, show_view
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.replying import form_answer
from handlers.request import actor, run
from storage.models import Person


def register(app: App, deps: Deps) -> None:
    deps.subcommands["prompts"] = open_my_prompts(deps)
    deps.subcommands["pause"] = answer_command(deps, mine.pause)
    deps.subcommands["resume"] = answer_command(
        deps, lambda session, who, _, now: mine.resume(session, who, now)
    )
    app.action(action_ids.MY_PROMPTS_OPEN)(home_opens(deps))
    app.view(action_ids.MY_PROMPTS_VIEW)(save_my_prompts(deps))
    # The prompt's Check in does what `/okr checkin` does: the pre-filled form, or why not.
    app.action(action_ids.PROMPT_CHECKIN)(button_answers(deps, open_mine))
    app.action(action_ids.PROMPT_SNOOZE)(answer_prompt(deps, mine.snooze))
    app.action(action_ids.PROMPT_SKIP)(answer_prompt(deps, mine.skip))


def open_my_prompts(deps: Deps) -> SubcommandHandler:
    def my_prompts(request: CommandRequest) -> None:
        acting = actor(deps, request.context)
        view = run(deps, acting, lambda session, who: mine.modal(session, who, acting.now))
        request.ack()
        request.client.views_open(trigger_id=request.body["trigger_id"], view=view)

    return my_prompts


def home_opens(deps: Deps) -> Callable[..., None]:
    def open_from_home(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        acting = actor(deps, context)
        view = run(deps, acting, lambda session, who: mine.modal(session, who, acting.now))
        show_view(client, body, view)

    return open_from_home


def save_my_prompts(deps: Deps) -> Callable[..., None]:
    def save(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        ack(**form_answer(deps, context, body, mine.save, mine.saved_view).ack)

    return save


PersonAnswer = Callable[[Session, Person, str, datetime], dict[str, Any]]


def answer_command(deps: Deps, use_case: PersonAnswer) -> SubcommandHandler:
    """A subcommand answered with one ephemeral message."""

    def command(request: CommandRequest) -> None:
        acting = actor(deps, request.context)
        reply = run(
            deps, acting, lambda session, who: use_case(session, who, request.args, acting.now)
        )
        request.ack(**reply)

    return command


def answer_prompt(deps: Deps, use_case: PersonAnswer) -> Callable[..., None]:
    """Snooze or Skip on a prompt: the prompt is updated in place with the next step."""

    def on_click(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        ack()
        if not body.get("response_url"):
            return  # these buttons are only on the bot's prompt
        period = clicked_value(body)[:32]
        acting = actor(deps, context)
        respond(
            **run(deps, acting, lambda session, who: use_case(session, who, period, acting.now))
        )

    return on_click
