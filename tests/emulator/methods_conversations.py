"""conversations.history, conversations.info and conversations.join."""

from __future__ import annotations

from typing import Any

from .replies import SlackError, require
from .state import Workspace

_MAX_LIMIT = 999


def history(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    """Newest first, between `oldest` and `latest` (exclusive, as Slack's default), paged by
    cursor; message metadata only with `include_all_metadata`."""
    channel = _readable(ws, require(params, "channel", "channel_not_found"))
    oldest = float(params.get("oldest") or 0)
    latest = float(params.get("latest") or "inf")
    limit = min(max(int(params.get("limit") or 100), 1), _MAX_LIMIT)
    found = sorted(
        (
            message
            for (where, ts), message in ws.messages.items()
            if where == channel and oldest < float(ts) < latest
        ),
        key=lambda message: float(message["ts"]),
        reverse=True,
    )
    start = int(params.get("cursor") or 0)
    page = found[start : start + limit]
    with_metadata = str(params.get("include_all_metadata")).lower() in {"true", "1"}
    messages = [
        message if with_metadata else {k: v for k, v in message.items() if k != "metadata"}
        for message in page
    ]
    more = start + limit < len(found)
    return {
        "messages": messages,
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def info(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    """A channel as the bot may see it: a private one only when the bot is in it (else
    channel_not_found, as Slack answers); a DM by its id."""
    raw = require(params, "channel", "channel_not_found")
    channel = ws.channel(raw)
    if channel is not None and (channel.is_member or not channel.is_private):
        return {
            "channel": {
                "id": channel.id,
                "name": channel.name,
                "is_channel": not channel.is_private,
                "is_group": False,
                "is_im": False,
                "is_private": channel.is_private,
                "is_archived": channel.is_archived,
                "is_member": channel.is_member,
            }
        }
    if channel is None and raw in ws.conversations.values():
        return {"channel": {"id": raw, "is_im": str(raw).startswith("D"), "is_private": True}}
    raise SlackError("channel_not_found")


def members(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    """A channel's members, paged by cursor: a private one only when the bot is in it."""
    channel = ws.channel(require(params, "channel", "channel_not_found"))
    if channel is None or (channel.is_private and not channel.is_member):
        raise SlackError("channel_not_found")
    limit = min(max(int(params.get("limit") or 100), 1), _MAX_LIMIT)
    start = int(params.get("cursor") or 0)
    more = start + limit < len(channel.members)
    return {
        "members": channel.members[start : start + limit],
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def join(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    """The bot joins a public channel; a private one must invite it."""
    channel = ws.channel(require(params, "channel", "channel_not_found"))
    if channel is None:
        raise SlackError("channel_not_found")
    if channel.is_archived:
        raise SlackError("is_archived")
    if channel.is_private:
        raise SlackError("method_not_supported_for_channel_type")
    channel.is_member = True
    return {"channel": {"id": channel.id, "name": channel.name, "is_member": True}}


def _readable(ws: Workspace, raw: Any) -> str:
    channel = ws.channel(raw)
    if channel is not None:
        if not channel.is_member:
            raise SlackError("not_in_channel")
        return channel.id
    if raw in ws.conversations.values():
        return str(raw)
    raise SlackError("channel_not_found")
