"""The Slack Web API client: honours SLACK_API_URL and retries with slack_sdk's handlers."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.settings import Settings


def build_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    """A WebClient that waits out 429s (Retry-After) and retries 5xx and dropped connections."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


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
