"""Short-lived handles Slack gives with interactions: trigger ids and response URLs."""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .blockkit import block_errors
from .replies import Reply, SlackError

TRIGGER_LIFETIME = 3.0
RESPONSE_URL_LIFETIME = 30 * 60.0
RESPONSE_URL_MAX_POSTS = 5


@dataclass
class _ResponseUrl:
    issued_at: float
    posts: list[float] = field(default_factory=list)


class Interactions:
    """Not thread-safe by itself: the emulator calls it under its state lock."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._triggers: dict[str, float] = {}
        self._trigger_teams: dict[str, str] = {}
        self._trigger_views: dict[str, str] = {}
        self._used_triggers: set[str] = set()
        self._response_urls: dict[str, _ResponseUrl] = {}

    def new_trigger_id(self, team_id: str, view_id: str | None = None) -> str:
        """For an interaction in `team_id`; `view_id`: the modal it happened in, which views.push
        stacks on."""
        trigger_id = f"{len(self._triggers) + 1}.{team_id}.{secrets.token_hex(8)}"
        self._triggers[trigger_id] = self._clock()
        self._trigger_teams[trigger_id] = team_id
        if view_id:
            self._trigger_views[trigger_id] = view_id
        return trigger_id

    def view_of(self, trigger_id: str) -> str | None:
        """The modal a trigger id came from, if it came from one."""
        return self._trigger_views.get(trigger_id)

    def check_trigger(self, trigger_id: str, team_id: str) -> None:
        """Usable once, soon, and only by the workspace whose interaction it came with."""
        issued_at = self._triggers.get(trigger_id)
        used = trigger_id in self._used_triggers
        if issued_at is None or used or self._trigger_teams[trigger_id] != team_id:
            raise SlackError("invalid_trigger_id")
        if self._clock() - issued_at > TRIGGER_LIFETIME:
            raise SlackError("expired_trigger_id")

    def use_trigger(self, trigger_id: str) -> None:
        self._used_triggers.add(trigger_id)

    def new_response_url(self) -> str:
        """The path part; the emulator prefixes its base URL."""
        path = f"/response/{len(self._response_urls) + 1}"
        self._response_urls[path] = _ResponseUrl(self._clock())
        return path

    def post_to_response_url(self, path: str, payload: dict[str, Any] | None) -> Reply:
        """`payload` is None when the body was not a JSON object."""
        url = self._response_urls.get(path)
        if url is None:
            return _text(404, "no_active_hooks")
        now = self._clock()
        if now - url.issued_at > RESPONSE_URL_LIFETIME:
            return _text(404, "expired_url")
        if len(url.posts) >= RESPONSE_URL_MAX_POSTS:
            return _text(404, "used_url")
        if payload is None:
            return _text(400, "invalid_payload")
        blocks = payload.get("blocks")
        if isinstance(blocks, str):
            with contextlib.suppress(ValueError):
                blocks = json.loads(blocks)
        if blocks is not None and block_errors(blocks, pointer="/blocks", limit=50):
            return _text(400, "invalid_blocks")
        url.posts.append(now)
        return _text(200, "ok")


def _text(status: int, text: str) -> Reply:
    body: dict[str, Any] = {"ok": True} if status == 200 else {"ok": False, "error": text}
    return Reply(status, body, text=text)
