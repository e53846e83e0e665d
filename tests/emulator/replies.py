"""What a handler hands back to the HTTP layer, and how Slack-style errors travel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reply:
    """One HTTP answer; `text`, when set, is sent as text/plain instead of `body` as JSON."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    text: str | None = None


class SlackError(Exception):
    """Raised by method handlers; becomes `{"ok": false, "error": ...}` like Slack's answers."""

    def __init__(self, error: str, *, messages: list[str] | None = None, status: int = 200) -> None:
        super().__init__(error)
        self.error = error
        self.messages = messages or []
        self.status = status

    def reply(self) -> Reply:
        body: dict[str, Any] = {"ok": False, "error": self.error}
        if self.messages:
            body["response_metadata"] = {"messages": self.messages}
        return Reply(self.status, body)


def require(params: dict[str, Any], name: str, error: str = "invalid_arguments") -> Any:
    """The non-empty value of a required argument, or Slack's complaint about it."""
    value = params.get(name)
    if value is None or value == "":
        raise SlackError(error, messages=[f"[ERROR] missing required field: {name}"])
    return value
