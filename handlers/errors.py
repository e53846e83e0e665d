"""One error handler: log the traceback, tell the person in plain words; never act on a request
whose signature was not verified."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.front_door import signature_verified
from bot.render import render
from bot.slack import busy_for, in_words
from handlers.deps import Deps

log = logging.getLogger("okr_bot.errors")


def register(app: App, deps: Deps) -> None:
    app.error(handle_error)


def handle_error(
    error: Exception,
    request: BoltRequest,
    client: WebClient,
    response: BoltResponse | None = None,
) -> BoltResponse | None:
    """Bolt passes no `response` once the listener has acknowledged: the answer has gone, and
    Bolt refuses a new one (an assertion lost in its thread pool), so none is returned then."""
    if not signature_verified(request):
        # Bolt also calls this when its own verifier raises: the body, with the response_url,
        # user and channel it names, is then anyone's. Nobody is told; nothing is described.
        log.error("Refused to act on a request whose signature was not verified", exc_info=error)
        return None if response is None else BoltResponse(status=401, body="")
    body: dict[str, Any] = request.body
    busy = busy_for(error)
    message = (
        render("error")
        if busy is None
        else render("error", reason="slack_busy", retry_in=in_words(busy))
    )
    try:
        told = tell(body, client, message)
    except (SlackApiError, OSError):
        log.exception("Could not tell the person that their request failed")
        told = False
    outcome = "the person was told" if told else "nobody was told"
    if busy is not None:
        # Not a fault of ours: Slack rate-limits the bot and the person was told when to retry.
        log.warning("Slack asked to wait %s s on %s; %s", busy, _describe(body), outcome)
    else:
        log.error("Listener failed on %s; %s", _describe(body), outcome, exc_info=error)
    return None if response is None else BoltResponse(status=200, body="")


def _describe(body: dict[str, Any]) -> str:
    kind = body.get("type") or ("command" if "command" in body else "request")
    detail = body.get("command") or (body.get("event") or {}).get("type") or ""
    return f"{kind} {detail}".strip()


def tell(body: dict[str, Any], client: WebClient, message: dict[str, Any]) -> bool:
    """Answer where the person acted: the response_url, their DM, or the DM they wrote in."""
    response_url = body.get("response_url") or next(
        (u.get("response_url") for u in body.get("response_urls", [])), None
    )
    if response_url:
        WebhookClient(response_url).send_dict(message)
        return True
    event = body.get("event") or {}
    if body.get("type") in {"block_actions", "view_submission", "shortcut"}:
        channel = (body.get("user") or {}).get("id")
    elif event.get("type") == "message" and event.get("channel_type") == "im":
        channel = event.get("channel")
    else:
        return False  # Nothing the person asked for (e.g. opening the Home tab): the log will do.
    if not channel:
        return False
    client.chat_postMessage(channel=channel, text=message["text"], blocks=message["blocks"])
    return True
