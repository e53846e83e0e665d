"""`/okr list [@person | #channel | company | 2026-Q3]` and its "Show more" button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import action_ids
from bot.objectives import listing, replies
from handlers.deps import CommandRequest, Deps, SubcommandHandler


def register(app: App, deps: Deps) -> None:
    deps.subcommands["list"] = list_objectives(deps)

    @app.action(action_ids.LIST_MORE)
    def show_more(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        if not body.get("response_url"):
            return  # "Show more" is only on the list message: a forged click elsewhere
        with deps.db.begin() as session:
            page = listing.next_page(
                session,
                team_id=str(context.team_id),
                user_id=str(context.user_id),
                value=str(body["actions"][0].get("value") or ""),
                now=deps.clock(),
            )
        if isinstance(page, listing.ListPage):
            respond(**listing.message(page), replace_original=True)
        else:
            respond(**replies.not_understood(page), replace_original=False)


def list_objectives(deps: Deps) -> SubcommandHandler:
    def list_(request: CommandRequest) -> None:
        request.ack()
        with deps.db.begin() as session:
            page = listing.from_command(
                session,
                request.client,
                deps.directory,
                team_id=request.team_id,
                user_id=request.user_id,
                args=request.args,
                now=deps.clock(),
            )
        if isinstance(page, listing.ListPage):
            request.respond(**listing.message(page))
        else:
            request.respond(**replies.not_understood(page))

    return list_
