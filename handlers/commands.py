"""`/okr`: dispatches to the subcommands that feature modules registered."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import commands
from handlers.deps import CommandRequest, Deps, SubcommandHandler


def register(app: App, deps: Deps) -> None:
    deps.subcommands["help"] = show_help(deps)

    @app.command("/okr")
    def okr(
        ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
    ) -> None:
        name, args = commands.parse(str(body.get("text", "")))
        handler = deps.subcommands.get(name)
        if handler is None:
            ack(**commands.unknown_message(name, deps.subcommands))
            return
        handler(
            CommandRequest(
                args=args, body=body, ack=ack, respond=respond, client=client, context=context
            )
        )


def show_help(deps: Deps) -> SubcommandHandler:
    def help_(request: CommandRequest) -> None:
        request.ack(**commands.help_message(deps.subcommands))

    return help_
