"""One error handler: log the traceback, tell the person in plain words."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.render import render
from handlers.deps import Deps

log = logging.getLogger("okr_bot.errors")


def register(app: App, deps: Deps) -> None:
    app.error(handle_error)


def handle_error(error: Exception, body: dict[str, Any], client: WebClient) -> BoltResponse:
    log.error("Listener failed on %s", _describe(body), exc_info=error)
    message = render("error")
    try:
        _tell(body, client, message)
    except (SlackApiError, OSError):
        log.exception("Could not tell the person that their request failed")
    return BoltResponse(status=200, body="")


def _describe(body: dict[str, Any]) -> str:
    kind = body.get("type") or ("command" if "command" in body else "request")
    detail = body.get("command") or (body.get("event") or {}).get("type") or ""
    return f"{kind} {detail}".strip()


def _tell(body: dict[str, Any], client: WebClient, message: dict[str, Any]) -> None:
    response_url = body.get("response_url") or next(
        (u.get("response_url") for u in body.get("response_urls", [])), None
    )
    if response_url:
        WebhookClient(response_url).send_dict(message)
        return
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    user = user or (body.get("event") or {}).get("user")
    if user:
        client.chat_postMessage(channel=user, text=message["text"], blocks=message["blocks"])
