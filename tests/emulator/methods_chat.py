"""chat.* and reactions.add."""

from __future__ import annotations

from typing import Any

from .blockkit import check_message
from .replies import SlackError, require
from .state import Workspace

_CARRIED_FIELDS = ("blocks", "attachments", "thread_ts", "metadata")


def _message(ws: Workspace, params: dict[str, Any], ts: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "type": "message",
        "text": params.get("text") or "",
        "user": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "team": ws.team_id,
        "ts": ts,
    }
    message.update({k: params[k] for k in _CARRIED_FIELDS if params.get(k) not in (None, "")})
    return message


def post_message(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    channel = ws.resolve_channel(params.get("channel"))
    check_message(params)
    ts = ws.next_ts()
    message = ws.messages[(channel, ts)] = _message(ws, params, ts)
    return {"channel": channel, "ts": ts, "message": message}


def update(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    channel = ws.resolve_channel(params.get("channel"))
    message = ws.message(channel, params.get("ts"))
    check_message(params)
    message["text"] = params.get("text") or ""
    # Slack replaces the whole message: blocks not sent again are gone.
    for name in ("blocks", "attachments"):
        if params.get(name) not in (None, ""):
            message[name] = params[name]
        else:
            message.pop(name, None)
    return {"channel": channel, "ts": message["ts"], "text": message["text"], "message": message}


def post_ephemeral(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    ws.resolve_channel(params.get("channel"))
    require(params, "user")
    check_message(params)
    # Ephemeral messages are not stored: Slack cannot chat.update them either.
    return {"message_ts": ws.next_ts()}


def add_reaction(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    name = params.get("name")
    if not name:
        raise SlackError("invalid_name")
    if not params.get("channel") or not params.get("timestamp"):
        raise SlackError("no_item_specified")
    key = (ws.resolve_channel(params["channel"]), str(params["timestamp"]), str(name))
    if key in ws.reactions:
        raise SlackError("already_reacted")
    ws.reactions.add(key)
    return {}
