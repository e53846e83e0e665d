"""Block Kit checks shared by the template tests: slack_sdk's models plus Slack's block limits."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
MENTION_MARKERS = ("<!channel>", "<!here>", "<!everyone>", "<@U999>", "<https://evil")


def validate_message(message: dict[str, Any]) -> None:
    blocks = message.get("blocks", [])
    assert message.get("text"), "a message needs fallback text for notifications"
    assert len(blocks) <= MESSAGE_BLOCK_LIMIT, f"{len(blocks)} blocks, Slack allows 50"
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, f"unknown block {block}"
        parsed.validate_json()


def validate_view(view: dict[str, Any]) -> None:
    blocks = view.get("blocks", [])
    assert len(blocks) <= VIEW_BLOCK_LIMIT, f"{len(blocks)} blocks, Slack allows 100 in a view"
    View(**view).validate_json()
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, f"unknown block {block}"
        parsed.validate_json()


def validate(payload: dict[str, Any]) -> None:
    """A view (modal or home) or a message, told apart by its type."""
    if payload.get("type") in {"modal", "home"}:
        validate_view(payload)
    else:
        validate_message(payload)
