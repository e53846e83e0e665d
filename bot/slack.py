"""The Slack Web API client: honours SLACK_API_URL and retries with slack_sdk's handlers."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.settings import Settings

# The longest Retry-After worth waiting out (slack_sdk adds up to a second): a person is waiting,
# a trigger id lives 3 s, and a listener that sleeps holds one of the pool's threads.
LONGEST_WAIT = 1


def build_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    """A WebClient that retries 5xx and dropped connections, and a 429 only when Slack asks to
    wait at most LONGEST_WAIT seconds; longer, the call fails at once (SlackApiError)."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            ShortRateLimitRetryHandler(LONGEST_WAIT),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def build_delivery_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    """A WebClient that never retries by itself: the outbox's sender retries, after looking
    whether the call that went unanswered posted the message, and holds a workspace Slack
    asked to wait instead of sleeping through the Retry-After."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[],
    )


# Why a message to a workspace without an installation is never sent (kept in the outbox).
UNINSTALLED = "the app was uninstalled from this workspace, or its tokens revoked"


class NotInstalled(Exception):
    """The workspace has no installation (OAuth mode): the app was uninstalled or never was."""

    def __init__(self, team_id: str) -> None:
        super().__init__(f"the app is not installed in workspace {team_id}")
        self.team_id = team_id


class Clients:
    """The Web API client for each workspace, for whatever calls Slack outside a request (work
    after the answer, scheduled jobs, delivery). Single-workspace mode: every workspace gets
    the client of SLACK_BOT_TOKEN. OAuth mode: `token_for` (bot/installs.RotatingStore.bot_token)
    gives the workspace's installed token, rotated when due, or raises NotInstalled."""

    def __init__(self, client: WebClient, token_for: Callable[[str], str] | None = None) -> None:
        self._client = client
        self._token_for = token_for

    def client_for(self, team_id: str) -> WebClient:
        if self._token_for is None:
            return self._client
        return WebClient(
            token=self._token_for(team_id),
            base_url=self._client.base_url,
            timeout=self._client.timeout,
            retry_handlers=self._client.retry_handlers,
        )


class ShortRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler, once, and only for a Retry-After of at most `longest_wait`."""

    def __init__(self, longest_wait: int) -> None:
        super().__init__(max_retry_count=1)
        self.longest_wait = longest_wait

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or not super()._can_retry(
            state=state, request=request, response=response, error=error
        ):
            return False
        return retry_after(response.headers) <= self.longest_wait


class SlackBusy(Exception):
    """Slack asked the bot to wait, still for `seconds`, before calling that method again."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"Slack asked to wait {seconds} s")
        self.seconds = seconds


def busy_for(error: BaseException) -> int | None:
    """How long Slack asked to wait, when `error` means that (a 429); else None."""
    if isinstance(error, SlackBusy):
        return error.seconds
    if isinstance(error, SlackApiError) and error.response.status_code == 429:
        return retry_after(error.response.headers)
    return None


def retry_after(headers: Mapping[str, Any]) -> int:
    """Slack's Retry-After in seconds (1 when missing); slack_sdk gives lists or strings."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    text = str(value[0] if isinstance(value, list) and value else value or "")
    return int(text) if text.isascii() and text.isdigit() else 1


def in_words(seconds: int) -> str:
    """How long to wait, as people say it: "a second", "20 seconds", "a minute", "3 minutes"."""
    if seconds <= 1:
        return "a second"
    if seconds < 60:
        return f"{seconds} seconds"
    minutes = math.ceil(seconds / 60)
    return "a minute" if minutes == 1 else f"{minutes} minutes"


# Errors that mean the token itself is wrong, as opposed to Slack having trouble.
_REFUSED = {"invalid_auth", "not_authed", "account_inactive", "token_revoked"}


def check_token(client: WebClient) -> str | None:
    """None when auth.test accepts the token, else what is wrong in plain words."""
    try:
        client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "unknown_error")
        if error in _REFUSED:
            return f"Slack refused SLACK_BOT_TOKEN ({error}): copy the Bot User OAuth Token again"
        return f"Slack answered auth.test with an error: {error}"
    except OSError as exc:
        return f"Slack's Web API could not be reached at {client.base_url} ({exc})"
    return None


def app_token_problem(exc: SlackApiError) -> str:
    """What apps.connections.open refusing to open a Socket Mode connection means."""
    error = exc.response.get("error", "unknown_error")
    if error in _REFUSED | {"not_allowed_token_type"}:
        return (
            f"Slack refused SLACK_APP_TOKEN ({error}): copy the app-level token again "
            "(Basic Information > App-Level Tokens, with the connections:write scope)"
        )
    return f"Slack answered apps.connections.open with an error: {error}"
