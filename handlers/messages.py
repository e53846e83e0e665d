"""Check-in by direct message to the bot, and the Undo button on the bot's summary."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, BoltRequest, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import action_ids, replays
from bot.checkins import by_message
from bot.ids import clicked_value
from bot.people import person
from bot.refusals import Refused, refused_message
from bot.render import render
from handlers.deps import Deps
from handlers.request import actor, run

log = logging.getLogger("okr_bot.replays")


def register(app: App, deps: Deps) -> None:
    # Every message event is taken here, so that edits, joins and the bot's own posts are
    # dropped quietly instead of reaching Bolt as unhandled requests.
    app.event("message")(read_check_in(deps))
    app.action(action_ids.CHECKIN_UNDO)(undo(deps))
    app.action(action_ids.CHECKIN_RECORD)(record_asked(deps))


def read_check_in(deps: Deps) -> Any:
    def on_message(
        event: dict[str, Any], client: WebClient, request: BoltRequest, context: BoltContext
    ) -> None:
        if not by_message.is_check_in_message(event):
            return
        now = deps.clock()
        team_id = str(context.team_id)
        source_ref = f"{event['channel']}:{event['ts']}"
        with deps.db.begin() as session:
            if not replays.first_time(session, team_id, replays.message_key(source_ref), now):
                retry = request.headers.get("x-slack-retry-num", ["none"])[0]
                log.info(
                    "Slack sent message %s again (retry %s); answered already or being answered",
                    source_ref,
                    retry,
                )
                return
            who = person(session, team_id, str(event["user"]), now)
            reply = by_message.check_in_by_message(
                session, who, str(event["text"]), source_ref, now
            )
        if reply is None:
            return
        where = {"channel": event["channel"], "thread_ts": event.get("thread_ts")}
        try:
            client.chat_postMessage(**where, **reply.message)
        except (SlackApiError, OSError):
            if not reply.recorded:
                raise  # nothing was stored: the error handler's "try again" is true
            log.warning("Recorded a check-in by message; its summary was not posted", exc_info=True)
            tell_stored(client, where)

    return on_message


def tell_stored(client: WebClient, where: dict[str, Any]) -> None:
    """The check-in is stored: never say it failed, or sending it again would store it twice."""
    try:
        client.chat_postMessage(**where, **render("error", reason="stored_not_shown"))
    except (SlackApiError, OSError):
        log.warning("Could not say that a check-in was recorded either", exc_info=True)


def undo(deps: Deps) -> Any:
    def undo_check_ins(
        ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext
    ) -> None:
        ack()
        if not body.get("response_url"):
            return  # the Undo button is only on the bot's message: a forged click elsewhere
        ids = clicked_value(body)
        acting = actor(deps, context)
        try:
            message = run(
                deps, acting, lambda session, who: by_message.undo(session, who, ids, acting.now)
            )
        except Refused as refused:
            respond(**refused_message(refused.refusal))
            return
        respond(**message)

    return undo_check_ins


def record_asked(deps: Deps) -> Any:
    """A button under a line of a reply: record it for the key result chosen, or anyway."""

    def record_line(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        ack()
        if not body.get("response_url"):
            return  # these buttons are only on the bot's replies: a forged click elsewhere
        raw = clicked_value(body)
        acting = actor(deps, context)
        try:
            message = run(
                deps,
                acting,
                lambda session, who: by_message.record_asked(session, who, raw, acting.now),
            )
        except Refused as refused:
            respond(**refused_message(refused.refusal))
            return
        respond(**message)

    return record_line
