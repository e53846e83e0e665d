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


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """Slack's v0 signature: HMAC-SHA256 over `v0:timestamp:body`."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def post(
    url: str,
    body: bytes,
    content_type: str,
    *,
    secret: str,
    timestamp: int | None = None,
    signature: str | None = None,
) -> Reply:
    stamp = int(time.time()) if timestamp is None else timestamp
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": signature or sign(secret, stamp, body),
    }
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
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
