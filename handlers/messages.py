"""Check-in by direct message to the bot, and the Undo button on the bot's summary."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltRequest, Respond
from slack_sdk import WebClient

from bot import action_ids, replays
from bot.checkins import by_message
from bot.checkins.refusals import Refused, refused_message
from bot.people import person
from handlers.checkins import acting_person
from handlers.deps import Deps

log = logging.getLogger("okr_bot.replays")


def register(app: App, deps: Deps) -> None:
    # Every message event is taken here, so that edits, joins and the bot's own posts are
    # dropped quietly instead of reaching Bolt as unhandled requests.
    app.event("message")(read_check_in(deps))
    app.action(action_ids.CHECKIN_UNDO)(undo(deps))


def read_check_in(deps: Deps) -> Any:
    def on_message(
        event: dict[str, Any], body: dict[str, Any], client: WebClient, request: BoltRequest
    ) -> None:
        if not by_message.is_check_in_message(event):
            return
        now = deps.clock()
        team_id = str(body["team_id"])
        source_ref = f"{event['channel']}:{event['ts']}"
        with deps.db.begin() as session:
            if replays.claim(session, team_id, replays.message_key(source_ref), now) is not None:
                retry = request.headers.get("x-slack-retry-num", ["none"])[0]
                log.info(
                    "Slack sent message %s again (retry %s); answered already", source_ref, retry
                )
                return
            who = person(session, client, team_id, str(event["user"]), now)
            reply = by_message.check_in_by_message(
                session, who, str(event["text"]), source_ref, now
            )
        if reply is not None:
            client.chat_postMessage(
                channel=event["channel"], thread_ts=event.get("thread_ts"), **reply
            )

    return on_message


def undo(deps: Deps) -> Any:
    def undo_check_ins(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        ids = str(body["actions"][0].get("value") or "")
        try:
            with deps.db.begin() as session:
                who = acting_person(session, client, body, deps)
                message = by_message.undo(session, who, ids, deps.clock())
        except Refused as refused:
            respond(**refused_message(refused.refusal))
            return
        respond(**message)

    return undo_check_ins
