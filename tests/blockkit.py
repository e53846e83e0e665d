"""Block Kit checks shared by the template tests: slack_sdk's models plus Slack's block limits."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block, Option
from slack_sdk.models.views import View

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
OPTIONS_LIMIT = 100
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


def validate_options(answer: dict[str, Any]) -> None:
    """The answer to a block_suggestion: at most 100 options, each valid."""
    options = answer["options"]
    assert len(options) <= OPTIONS_LIMIT, f"{len(options)} options, Slack allows 100"
    for option in Option.parse_all(options) or []:
        option.validate_json()


def validate(payload: dict[str, Any]) -> None:
    """A view (modal or home), a select's options, or a message, told apart by their keys."""
    if payload.get("type") in {"modal", "home"}:
        validate_view(payload)
    elif "options" in payload and "blocks" not in payload:
        validate_options(payload)
    else:
        validate_message(payload)
