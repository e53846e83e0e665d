"""Requests exactly as Slack sends them: signed bodies to the bot's /slack/events."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """Slack's v0 signature: HMAC-SHA256 over `v0:timestamp:body`."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def post(
    url: str,
    body: bytes,
    content_type: str,
    *,
    secret: str,
    timestamp: int | str | None = None,
    signature: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> Reply:
    """POST as Slack does; `timestamp` may be any header text, to forge malformed ones;
    `headers`: more of them, e.g. X-Slack-Retry-Num; `timeout`: 3 s is what Slack waits."""
    stamp = int(time.time()) if timestamp is None else timestamp
    sent = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": signature or sign(secret, stamp, body),
        **(headers or {}),
    }
    request = urllib.request.Request(url, data=body, headers=sent, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, response.read().decode())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, exc.read().decode())


def slash_command_body(
    text: str,
    *,
    team_id: str,
    user_id: str,
    response_url: str,
    trigger_id: str,
    channel_id: str = "C0GENERAL",
    command: str = "/okr",
) -> bytes:
    form = {
        "token": "deprecated-verification-token",
        "team_id": team_id,
        "team_domain": "acme",
        "channel_id": channel_id,
        "channel_name": "general",
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": "A0OKRBOT",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }
    return urllib.parse.urlencode(form).encode()


def slash_command_fields(text: str, **fields: str) -> dict[str, str]:
    """The same command as the payload of a Socket Mode envelope: its fields as a dict."""
    return dict(urllib.parse.parse_qsl(slash_command_body(text, **fields).decode()))


def interactivity_body(payload: dict[str, Any]) -> bytes:
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


def event_body(event: dict[str, Any], *, team_id: str) -> bytes:
    envelope = {
        "token": "deprecated-verification-token",
        "team_id": team_id,
        "api_app_id": "A0OKRBOT",
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{abs(hash(json.dumps(event, sort_keys=True))) % 10**10:010d}",
        "event_time": int(time.time()),
    }
    return json.dumps(envelope).encode()


def event_callback(event: dict[str, Any], *, team_id: str) -> dict[str, Any]:
    """The same event as the payload of a Socket Mode envelope."""
    callback: dict[str, Any] = json.loads(event_body(event, team_id=team_id))
    return callback


# Interactivity payloads, shaped as Slack sends them.


def block_actions_payload(
    *,
    team_id: str,
    user_id: str,
    action_id: str,
    value: str | None = None,
    block_id: str = "actions",
    trigger_id: str,
    response_url: str | None = None,
    view: dict[str, Any] | None = None,
    channel_id: str | None = None,
    selected: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A click on a button (value) or a choice in a select (selected: the state entry)."""
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id,
        "type": "button",
        "action_ts": f"{time.time():.6f}",
    }
    if value is not None:
        action["value"] = value
    if selected is not None:
        action.update(selected)
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": team_id, "domain": "acme"},
        "user": {"id": user_id, "username": user_id.lower(), "team_id": team_id},
        "api_app_id": "A0OKRBOT",
        "token": "deprecated-verification-token",
        "trigger_id": trigger_id,
        "actions": [action],
    }
    if view is not None:
        payload["container"] = {"type": "view", "view_id": view.get("id", "")}
        payload["view"] = view
    else:
        payload["container"] = {"type": "message", "channel_id": channel_id or "C0GENERAL"}
        payload["channel"] = {"id": channel_id or "C0GENERAL"}
    if response_url is not None:
        payload["response_url"] = response_url
    return payload


def view_submission_payload(
    *,
    team_id: str,
    user_id: str,
    view: dict[str, Any],
    values: dict[str, dict[str, dict[str, Any]]],
    trigger_id: str,
) -> dict[str, Any]:
    """Submitting `view` (as views.open sent it, plus the id Slack gave it) with state `values`."""
    submitted = {
        "id": view.get("id", "V0SUBMITTED"),
        "team_id": team_id,
        "type": "modal",
        "callback_id": view.get("callback_id", ""),
        "private_metadata": view.get("private_metadata", ""),
        "title": view.get("title"),
        "blocks": view.get("blocks", []),
        "hash": view.get("hash", "1.abc"),
        "previous_view_id": view.get("previous_view_id"),
        "root_view_id": view.get("root_view_id", view.get("id", "V0SUBMITTED")),
        "state": {"values": values},
    }
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": "acme"},
        "user": {"id": user_id, "username": user_id.lower(), "team_id": team_id},
        "api_app_id": "A0OKRBOT",
        "token": "deprecated-verification-token",
        "trigger_id": trigger_id,
        "view": submitted,
        "response_urls": [],
    }


def block_suggestion_payload(
    *,
    team_id: str,
    user_id: str,
    action_id: str,
    block_id: str,
    value: str,
    view: dict[str, Any],
) -> dict[str, Any]:
    """Someone typing `value` into an external_select of `view` (a modal with its state)."""
    return {
        "type": "block_suggestion",
        "team": {"id": team_id, "domain": "acme"},
        "user": {"id": user_id, "username": user_id.lower(), "team_id": team_id},
        "api_app_id": "A0OKRBOT",
        "token": "deprecated-verification-token",
        "container": {"type": "view", "view_id": view.get("id", "")},
        "action_id": action_id,
        "block_id": block_id,
        "value": value,
        "action_ts": f"{time.time():.6f}",
        "view": view,
    }


# State entries for view_submission values, one per kind of input element.


def text_value(value: str) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def number_value(value: str) -> dict[str, Any]:
    return {"type": "number_input", "value": value}


def select_value(value: str | None, kind: str = "static_select") -> dict[str, Any]:
    option = (
        None if value is None else {"text": {"type": "plain_text", "text": value}, "value": value}
    )
    return {"type": kind, "selected_option": option}


def radio_value(value: str | None) -> dict[str, Any]:
    return select_value(value, "radio_buttons")


def date_value(value: str | None) -> dict[str, Any]:
    return {"type": "datepicker", "selected_date": value}


def user_value(user_id: str | None) -> dict[str, Any]:
    return {"type": "users_select", "selected_user": user_id}


def channel_value(channel_id: str | None) -> dict[str, Any]:
    return {"type": "conversations_select", "selected_conversation": channel_id}
