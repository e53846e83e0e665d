"""auth.test, users.*, conversations.open and apps.connections.open."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from .replies import SlackError, require
from .state import Workspace


def auth_test(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    bot = ws.users.get(ws.bot_user_id)
    return {
        "url": f"https://{ws.team_name.lower()}.slack.com/",
        "team": ws.team_name,
        "user": bot.name if bot else ws.bot_user_id.lower(),
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
    }


def users_info(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    return {"user": ws.user(require(params, "user", "user_not_found")).to_slack()}


def _cursor_for(user_id: str) -> str:
    # Slack's cursors are opaque base64 of "user:<next id>"; bots must not parse them.
    return base64.b64encode(f"user:{user_id}".encode()).decode()


def _start_of(cursor: str, ids: list[str]) -> int:
    try:
        decoded = base64.b64decode(cursor, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise SlackError("invalid_cursor") from None
    user_id = decoded.removeprefix("user:")
    if not decoded.startswith("user:") or user_id not in ids:
        raise SlackError("invalid_cursor")
    return ids.index(user_id)


def users_list(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    ids = list(ws.users)
    cursor = params.get("cursor")
    start = _start_of(str(cursor), ids) if cursor else 0
    try:
        limit = int(params.get("limit") or 0)
    except ValueError:
        raise SlackError("invalid_limit") from None
    # Without a limit Slack returns everyone in a small workspace.
    end = len(ids) if limit <= 0 else min(len(ids), start + limit)
    members = [ws.users[i].to_slack() for i in ids[start:end]]
    next_cursor = _cursor_for(ids[end]) if end < len(ids) else ""
    return {"members": members, "response_metadata": {"next_cursor": next_cursor}}


def conversations_open(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    if params.get("channel"):
        return {"channel": {"id": ws.resolve_channel(params["channel"])}, "already_open": True}
    raw = params.get("users")
    user_ids = raw if isinstance(raw, list) else str(raw or "").split(",")
    user_ids = [u.strip() for u in user_ids if u.strip()]
    if not user_ids:
        raise SlackError("users_list_not_supplied")
    for user_id in user_ids:
        if ws.user(user_id).deleted:
            raise SlackError("user_disabled")
    known = frozenset(user_ids) in ws.conversations
    channel = ws.conversation_for(user_ids)
    return {"no_op": known, "already_open": known, "channel": {"id": channel}}


def apps_connections_open(ws: Workspace, params: dict[str, Any]) -> dict[str, Any]:
    return {"url": ws.socket_mode.new_url(ws.base_url)}
