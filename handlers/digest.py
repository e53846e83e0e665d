"""`/okr digest`: a preview of the weekly digest, for the person who asks."""

from __future__ import annotations

from slack_bolt import App

from bot.digest import preview
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.request import actor, run

# A Slack channel id is short; anything longer is not one.
CHANNEL_ID_LENGTH = 32


def register(app: App, deps: Deps) -> None:
    deps.subcommands["digest"] = show_digest(deps)


def show_digest(deps: Deps) -> SubcommandHandler:
    def digest(request: CommandRequest) -> None:
        acting = actor(deps, request.context)
        channel = str(request.body.get("channel_id") or "")[:CHANNEL_ID_LENGTH]
        reply = run(
            deps, acting, lambda session, who: preview.preview(session, who, channel, acting.now)
        )
        request.ack(**reply)

    return digest
