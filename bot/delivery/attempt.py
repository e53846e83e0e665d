"""One try at delivering one outbox row through Slack's Web API, and what came of it.

Nothing here touches the database: the sender claims rows before and records outcomes after,
each in a short transaction of its own, so that no transaction is open while Slack is called.
"""

from __future__ import annotations

import http.client
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.delivery.outgoing import REACTION
from bot.slack import retry_after

log = logging.getLogger("okr_bot.delivery")

# The metadata every message carries, so that it can be found again by its outbox key.
EVENT_TYPE = "okr_outbox"
# Slack's clock and ours may disagree: the search for a message starts this much earlier.
CLOCK_SKEW = timedelta(minutes=5)
# Pages of conversations.history looked through for a message before deciding it is not there.
HISTORY_PAGES = 5
# Why a message to a private channel the bot is not in failed, as an operator reads it.
PRIVATE_CHANNEL = "not_in_channel: a private channel the bot is not in; /invite the bot there"
PRIVATE_CHANNEL_HIDDEN = (
    "channel_not_found: deleted, or a private channel the bot is not in; /invite the bot there"
)
# A channel the bot cannot post in, as Slack says it: not in it (an older private channel's
# id starts with G, and no join is tried), or not shown it (Slack hides a private channel from
# a bot that is not in it).
_UNREACHABLE = {"not_in_channel": PRIVATE_CHANNEL, "channel_not_found": PRIVATE_CHANNEL_HIDDEN}
# Errors Slack answers with a 200 that still mean "try again later".
_TRANSIENT_ERRORS = {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}


@dataclass(frozen=True)
class Row:
    """What the sender needs of a claimed row, read in the claiming transaction."""

    id: int
    team_id: str
    key: str
    method: str
    channel: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    unsure: bool
    # For chat.update: the state of the message it edits.
    edited: Edited | None = None


@dataclass(frozen=True)
class Edited:
    """The message a chat.update row edits, as the outbox knows it (status None: never queued)."""

    status: str | None
    channel: str | None = None
    ts: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Sent:
    channel: str
    ts: str


@dataclass(frozen=True)
class Retry:
    """Not sent; try again. `wait`: how long Slack asked the workspace to wait (a 429), which
    does not count as an attempt; else backoff applies. `unsure`: the call may have posted it."""

    error: str
    unsure: bool
    wait: int | None = None


@dataclass(frozen=True)
class Failed:
    """Not sent, and trying again is no use. `unreachable`: the channel the bot cannot post in
    (a private one it is not in), which an admin can fix with `/invite`."""

    error: str
    unreachable: str | None = None


@dataclass(frozen=True)
class Later:
    """Not tried: the message it edits is not sent yet, or the sender is stopping."""

    reason: str


Outcome = Sent | Retry | Failed | Later


def metadata(key: str) -> dict[str, Any]:
    return {"event_type": EVENT_TYPE, "event_payload": {"key": key}}


def deliver(client: WebClient, row: Row) -> Outcome:
    """Send the row once: look for it first when an earlier call may have sent it."""
    try:
        if row.method == "chat.update":
            return _edit(client, row)
        if row.unsure:
            try:
                found = _find_sent(client, row)
            except SlackApiError as exc:
                if _is_transient(exc):
                    raise
                # Sending again could double it: better kept, with the reason, for an operator.
                return Failed(
                    f"an earlier try may have sent it, and {_error(exc)} kept the bot from "
                    "looking in the conversation"
                )
            if found is not None:
                return _react(client, row, found)
        return _post(client, row, may_join=True)
    except SlackApiError as exc:
        return _answered(exc)
    except (SlackClientError, OSError, http.client.HTTPException) as exc:
        # A timeout or a dropped connection: Slack may have acted on the call all the same.
        return Retry(f"{type(exc).__name__}: {exc}"[:200], unsure=True)


def _post(client: WebClient, row: Row, *, may_join: bool) -> Outcome:
    try:
        response = client.chat_postMessage(
            channel=row.channel, metadata=metadata(row.key), **_message(row)
        )
    except SlackApiError as exc:
        if may_join and _error(exc) == "not_in_channel" and row.channel.startswith("C"):
            # With chat:write.public a public channel takes posts without a join; a token
            # installed before that scope still joins one. A private one must invite the bot.
            try:
                client.conversations_join(channel=row.channel)
            except SlackApiError as join:
                if _is_transient(join):
                    raise
                if _error(join) == "method_not_supported_for_channel_type":
                    return Failed(PRIVATE_CHANNEL, unreachable=row.channel)
                return Failed(f"not_in_channel (conversations.join: {_error(join)})")
            return _post(client, row, may_join=False)
        if row.channel.startswith(("C", "G")) and _error(exc) in _UNREACHABLE:
            return Failed(_UNREACHABLE[_error(exc)], unreachable=row.channel)
        raise
    return _react(client, row, Sent(str(response["channel"]), str(response["ts"])))


def _message(row: Row) -> dict[str, Any]:
    """What Slack is sent of the payload: all of it but the reaction, added afterwards."""
    return {name: value for name, value in row.payload.items() if name != REACTION}


def _react(client: WebClient, row: Row, sent: Sent) -> Outcome:
    """Add the row's reaction to its message, posted now or found posted. A failure that may
    pass is tried again as unsure, so the next try finds the message, not posts it again, and
    reacts; any other leaves the message sent without it."""
    reaction = row.payload.get(REACTION)
    if not reaction:
        return sent
    try:
        client.reactions_add(channel=sent.channel, timestamp=sent.ts, name=str(reaction))
    except SlackApiError as exc:
        if _error(exc) == "already_reacted":
            return sent
        if _is_transient(exc):
            wait = retry_after(exc.response.headers) if exc.response.status_code == 429 else None
            return Retry(f"reactions.add: {_error(exc)}", unsure=True, wait=wait)
        log.warning("Outbox: %s sent without its :%s: (%s)", row.key, reaction, _error(exc))
    return sent


def _edit(client: WebClient, row: Row) -> Outcome:
    edited = row.edited
    if edited is None or edited.status is None:
        return Failed("the message it edits was never queued")
    if edited.status == "failed":
        return Failed(f"the message it edits was not sent ({edited.error})")
    if edited.status != "sent" or edited.channel is None or edited.ts is None:
        return Later("the message it edits is not sent yet")
    response = client.chat_update(
        channel=edited.channel, ts=edited.ts, metadata=metadata(row.key), **_message(row)
    )
    return Sent(str(response["channel"]), str(response["ts"]))


def _find_sent(client: WebClient, row: Row) -> Sent | None:
    """The message already in the conversation under the row's key, if an earlier call (whose
    answer never came) posted it."""
    channel = row.channel
    if channel.startswith(("U", "W")):
        channel = str(client.conversations_open(users=row.channel)["channel"]["id"])
    oldest = f"{(row.created_at - CLOCK_SKEW).timestamp():.6f}"
    cursor = None
    for _ in range(HISTORY_PAGES):
        page = _history(client, channel, oldest, cursor)
        for message in page.get("messages") or []:
            meta = message.get("metadata") or {}
            if meta.get("event_type") == EVENT_TYPE and (
                (meta.get("event_payload") or {}).get("key") == row.key
            ):
                return Sent(channel, str(message["ts"]))
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None
    return None


def _history(client: WebClient, channel: str, oldest: str, cursor: str | None) -> Any:
    """One page of the conversation. With chat:write.public the bot posts in public channels
    it is not in, but reads one only as a member: it joins to look."""
    try:
        return client.conversations_history(
            channel=channel, oldest=oldest, include_all_metadata=True, limit=200, cursor=cursor
        )
    except SlackApiError as exc:
        if _error(exc) != "not_in_channel" or not channel.startswith("C"):
            raise
    client.conversations_join(channel=channel)
    return client.conversations_history(
        channel=channel, oldest=oldest, include_all_metadata=True, limit=200, cursor=cursor
    )


def _answered(exc: SlackApiError) -> Outcome:
    if exc.response.status_code == 429:
        return Retry("ratelimited", unsure=False, wait=retry_after(exc.response.headers))
    if _is_transient(exc):
        return Retry(_error(exc), unsure=True)
    return Failed(_error(exc))


def _is_transient(exc: SlackApiError) -> bool:
    status = exc.response.status_code
    return status == 429 or status >= 500 or _error(exc) in _TRANSIENT_ERRORS


def _error(exc: SlackApiError) -> str:
    return str(exc.response.get("error") or f"HTTP {exc.response.status_code}")
