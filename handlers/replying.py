"""Answering a click where it came from: the modal it was in, or the message it was on."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger("okr_bot.replying")


def update_modal(client: WebClient, view: dict[str, Any], new_view: dict[str, Any]) -> None:
    """views.update with the view's hash, so a stale redraw never overwrites a newer one."""
    try:
        client.views_update(view_id=view["id"], hash=view.get("hash"), view=new_view)
    except SlackApiError as exc:
        if exc.response.get("error") != "hash_conflict":
            raise
        log.info("Skipped a modal redraw: the person changed it again meanwhile")


def reply(
    body: dict[str, Any],
    client: WebClient,
    respond: Respond,
    *,
    view: dict[str, Any],
    message: dict[str, Any],
) -> None:
    """A modal is replaced by `view`; a message gets `message` as an ephemeral reply."""
    container = body.get("view") or {}
    if container.get("type") == "modal":
        update_modal(client, container, view)
    elif body.get("response_url"):
        respond(**message)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)
