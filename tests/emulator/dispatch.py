"""From an HTTP request to a recorded answer: faults, auth, rate limits, then the method."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .blockkit import decode_json_fields
from .calls import Call, CallLog
from .faults import FaultQueue
from .methods import METHODS
from .methods_files import receive_bytes
from .oauth import Grants
from .parsing import BadBody, Request, api_params
from .ratelimit import RateLimiter, retry_after
from .replies import Reply, SlackError
from .state import Workspace
from .workspaces import Workspaces


@dataclass
class _Endpoint:
    method: str
    params: dict[str, Any]
    token: str | None
    web_api: bool
    answer: Callable[[], Reply]


# Methods that take the app-level (xapp-) token instead of the bot token.
APP_LEVEL_METHODS = frozenset({"apps.connections.open"})
# Takes the app's client id and secret, no token.
OAUTH_ACCESS = "oauth.v2.access"


@dataclass
class Dispatcher:
    bot_token: str
    app_token: str
    workspaces: Workspaces
    limits: RateLimiter
    # One lock for all workspace state: requests are served one at a time, as a single
    # Slack shard would order them, and tests read consistent snapshots.
    lock: threading.RLock
    log: CallLog
    faults: FaultQueue
    # Wakes handlers sleeping on an injected delay so stop() never waits them out.
    stopping: threading.Event
    # Installs in many workspaces (OAuth): the tokens oauth.v2.access issued.
    grants: Grants

    def route(self, request: Request) -> Reply:
        endpoint = self._endpoint(request)
        with self.lock:
            fault = self.faults.take(endpoint.method)
            delay = (fault.delay if fault is not None and fault.delay else 0) + self.faults.latency
        if delay:
            self.stopping.wait(delay)
        with self.lock:
            if fault is not None and fault.answers:
                if fault.after_processing:
                    endpoint.answer()
                reply = fault.reply(web_api=endpoint.web_api)
            else:
                reply = endpoint.answer()
        self.log.record(
            Call(endpoint.method, endpoint.params, reply.status, reply.body, endpoint.token)
        )
        return reply

    def _endpoint(self, request: Request) -> _Endpoint:
        path = request.path
        if path.startswith("/api/"):
            method = path.removeprefix("/api/")
            try:
                params, token = api_params(request)
            except BadBody:
                return _Endpoint(method, {}, None, True, SlackError("invalid_json").reply)
            params = decode_json_fields(params)
            if method == OAUTH_ACCESS:
                authorization = request.headers.get("Authorization", "")
                access = lambda: self._oauth_access(params, authorization)  # noqa: E731
                return _Endpoint(method, params, None, True, access)
            return _Endpoint(method, params, token, True, lambda: self._call(method, params, token))
        if path.startswith("/response/"):
            try:
                payload = json.loads(request.body)
            except ValueError:
                payload = None
            if not isinstance(payload, dict):
                payload = None
            post = self.workspaces.shared.interactions.post_to_response_url
            return _Endpoint(
                "response_url", payload or {}, None, False, lambda: post(path, payload)
            )
        if path.startswith("/upload/"):
            file_id = path.removeprefix("/upload/")
            params = {"file_id": file_id, "content": request.body}
            upload = lambda: self._receive(file_id, request.body)  # noqa: E731
            return _Endpoint("files.upload_bytes", params, None, False, upload)
        not_found = Reply(404, {"ok": False, "error": "not_found"}, text="not_found")
        return _Endpoint(path, {}, None, False, lambda: not_found)

    def _call(self, method: str, params: dict[str, Any], token: str | None) -> Reply:
        handler = METHODS.get(method)
        if handler is None:
            return Reply(404, {"ok": False, "error": "unknown_method", "req_method": method})
        if not token:
            return SlackError("not_authed").reply()
        expected, other = (self.bot_token, self.app_token)
        if method in APP_LEVEL_METHODS:
            expected, other = other, expected
        if token == other:
            return SlackError("not_allowed_token_type").reply()
        # The app-level token opens Socket Mode for the app: it has no workspace of its own.
        workspace: Workspace | None = self.workspaces.first
        try:
            if token != expected:
                workspace = self.workspaces.of_token(token)
        except SlackError as exc:
            return exc.reply()
        if workspace is None:
            return SlackError("invalid_auth").reply()
        channel = self._rate_limit_channel(workspace, method, params)
        wait = self.limits.acquire(workspace.team_id, method, channel=channel)
        if wait > 0:
            headers = {"Retry-After": str(retry_after(wait))}
            return Reply(429, {"ok": False, "error": "ratelimited"}, headers)
        try:
            return Reply(200, {"ok": True, **handler(workspace, params)})
        except SlackError as exc:
            return exc.reply()

    def _oauth_access(self, params: dict[str, Any], authorization: str) -> Reply:
        try:
            return Reply(200, {"ok": True, **self.grants.access(params, authorization)})
        except SlackError as exc:
            return exc.reply()

    def _receive(self, file_id: str, content: bytes) -> Reply:
        return receive_bytes(self.workspaces.holding_upload(file_id), file_id, content)

    def _rate_limit_channel(
        self, workspace: Workspace, method: str, params: dict[str, Any]
    ) -> str | None:
        # chat.postMessage is limited per destination conversation, whatever it was called.
        if method != "chat.postMessage":
            return None
        raw = params.get("channel")
        try:
            return workspace.resolve_channel(raw)
        except SlackError:
            return str(raw) if raw else None
