"""`/okr review @person | #channel [cycle]`, its "Share in DM" button, and `/okr tree [cycle]`
with its "Show more"."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import action_ids
from bot.cycles import cycle_name
from bot.ids import clicked_value
from bot.objectives.audience import NotUnderstood, parse
from bot.presentation import channel_link, is_slack_id
from bot.render import render
from bot.review import person, team, tree
from handlers.deps import CommandRequest, Deps, SubcommandHandler
from handlers.listing import resolved
from handlers.request import actor, run


def register(app: App, deps: Deps) -> None:
    deps.subcommands["review"] = review(deps)
    deps.subcommands["tree"] = show_tree(deps)

    @app.action(action_ids.REVIEW_SHARE)
    def share(
        ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext
    ) -> None:
        """Post the review in a DM of the clicker and the person reviewed, opened after the
        transaction: Slack is never called with one open."""
        ack()
        user_id = clicked_value(body)
        # The button sits only on the review's ephemeral message: no response_url, forged.
        if not body.get("response_url") or not is_slack_id(user_id, "UW"):
            return
        acting = actor(deps, context)
        found = run(
            deps,
            acting,
            lambda session, viewer: person.review(
                session, viewer, user_id, acting.now, shared=True
            ),
        )
        if not found.objectives:
            respond(**reply("shared_nothing"), replace_original=False)
            return
        users = ",".join(sorted({acting.user_id, user_id}))
        dm = str(client.conversations_open(users=users)["channel"]["id"])
        posted = person.message(found)
        client.chat_postMessage(channel=dm, text=posted["text"], blocks=posted["blocks"])
        where = "shared" if user_id != acting.user_id else "shared_self"
        respond(**reply(where), replace_original=False)

    @app.action(action_ids.TREE_MORE)
    def more(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        """The tree's next page, in place of this one."""
        ack()
        if not body.get("response_url"):
            return
        decoded = tree.decode(clicked_value(body))
        if decoded is None:
            respond(**reply("stale"), replace_original=False)
            return
        name, offset = decoded
        acting = actor(deps, context)
        page = run(
            deps,
            acting,
            lambda session, viewer: tree.tree_page(
                session, viewer, cycle_name=name, offset=offset, now=acting.now
            ),
        )
        respond(**tree.message(page), replace_original=True)


def reply(problem: str, word: str = "") -> dict[str, Any]:
    rendered: dict[str, Any] = render("review_help", problem=problem, word=word)
    return rendered


def review(deps: Deps) -> SubcommandHandler:
    def review_(request: CommandRequest) -> None:
        request.ack()
        acting = actor(deps, request.context)
        wanted = resolved(deps, request.client, acting, parse(request.args))
        if isinstance(wanted, NotUnderstood):
            request.respond(**reply(wanted.reason, wanted.word))
            return
        audience = wanted.audience
        if audience.kind == "person":
            found = run(
                deps,
                acting,
                lambda session, viewer: person.review(
                    session, viewer, audience.value, acting.now, cycle_name=wanted.cycle
                ),
            )
            request.respond(**person.message(found))
            return
        if audience.kind != "channel":
            request.respond(**reply("missing" if audience.kind == "mine" else "unknown", "company"))
            return
        where = channel_link(audience.value)
        members = deps.directory.channel_members(
            request.client, acting.team_id, audience.value, acting.now
        )
        if members is None:
            request.respond(**reply("members_unknown", audience.value))
            return
        # Slack lists the bot among the members; it owns no objectives and is no teammate.
        people = [m for m in members if m != request.context.bot_user_id]
        view = run(
            deps,
            acting,
            lambda session, viewer: team.team_review(
                session, viewer, where, people, acting.now, cycle_name=wanted.cycle
            ),
        )
        request.respond(**team.message(view))

    return review_


def show_tree(deps: Deps) -> SubcommandHandler:
    def tree_(request: CommandRequest) -> None:
        request.ack()
        words = request.args.split()
        named = cycle_name(words[0]) if len(words) == 1 else None
        if words and named is None:
            request.respond(**reply("tree_words"))
            return
        acting = actor(deps, request.context)
        page = run(
            deps,
            acting,
            lambda session, viewer: tree.tree_page(
                session, viewer, cycle_name=named, offset=0, now=acting.now
            ),
        )
        request.respond(**tree.message(page))

    return tree_
