"""`/okr list [@person | #channel | company | 2026-Q3]` and its "Show more" and "Share in channel"
buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import action_ids
from bot.ids import clicked_value
from bot.objectives import listing, replies
from bot.objectives.audience import Audience, ListRequest, NotUnderstood, parse
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.request import Actor, actor, run


def register(app: App, deps: Deps) -> None:
    deps.subcommands["list"] = list_objectives(deps)

    # Both buttons sit only on the list message: a click without a response_url is forged.
    @app.action(action_ids.LIST_MORE)
    def show_more(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        """The next page, in place of this one."""
        ack()
        _answer_page(deps, body, respond, context, listing.next_page, replace_original=True)

    @app.action(action_ids.LIST_SHARE)
    def share(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        """Post the list visibly where it was asked for, as everyone there may see it."""
        ack()
        _answer_page(deps, body, respond, context, listing.shared_page, replace_original=False)


def _answer_page(
    deps: Deps,
    body: dict[str, Any],
    respond: Respond,
    context: BoltContext,
    page_for: Callable[..., listing.ListPage | NotUnderstood],
    *,
    replace_original: bool,
) -> None:
    """Answer a list button with the page its value names, or say why it cannot."""
    if not body.get("response_url"):
        return
    value = clicked_value(body)
    acting = actor(deps, context)
    page = run(
        deps, acting, lambda session, viewer: page_for(session, viewer, value=value, now=acting.now)
    )
    if isinstance(page, listing.ListPage):
        respond(**listing.message(page), replace_original=replace_original)
    else:
        respond(**replies.not_understood(page), replace_original=False)


def list_objectives(deps: Deps) -> SubcommandHandler:
    def list_(request: CommandRequest) -> None:
        request.ack()
        acting = actor(deps, request.context)
        wanted = resolved(deps, request.client, acting, parse(request.args))
        if isinstance(wanted, NotUnderstood):
            request.respond(**replies.not_understood(wanted))
            return
        page = run(
            deps,
            acting,
            lambda session, viewer: listing.list_page(
                session, viewer, request=wanted, offset=0, now=acting.now
            ),
        )
        request.respond(**listing.message(page))

    return list_


def resolved(
    deps: Deps, client: WebClient, acting: Actor, request: ListRequest | NotUnderstood
) -> ListRequest | NotUnderstood:
    """A plain `@name` (Slack escaping off) as a person's id: someone stored, else Slack's
    member list, asked with no transaction open."""
    if isinstance(request, NotUnderstood) or request.audience.kind != "name":
        return request
    name = request.audience.value
    with deps.db.begin() as session:
        found = deps.directory.known(session, acting.team_id, name)
    if found is None:
        found = deps.directory.listed(client, acting.team_id, name, acting.now)
    if found is None:
        return NotUnderstood("@" + name, "unknown_person")
    return ListRequest(Audience("person", found), request.cycle)
