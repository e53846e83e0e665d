"""Block Kit checks with slack_sdk's models, answering the way Slack words its refusals."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from slack_sdk.models.basic_objects import JsonObject
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from .replies import SlackError

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_TEXT_LENGTH = 40_000

JSON_FIELDS = ("blocks", "view", "attachments")


def decode_json_fields(params: dict[str, Any]) -> dict[str, Any]:
    """Form posts carry structured fields as JSON strings; undecodable ones stay strings."""
    decoded = dict(params)
    for name in JSON_FIELDS:
        value = decoded.get(name)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                decoded[name] = json.loads(value)
    return decoded


def _validate_tree(obj: JsonObject) -> None:
    # slack_sdk's validate_json() checks one object only; Slack checks nested elements too
    # (a button label over 75 characters fails the whole message).
    obj.validate_json()
    for name in obj.attributes:
        value = getattr(obj, name, None)
        for child in value if isinstance(value, list | tuple) else [value]:
            if isinstance(child, JsonObject):
                _validate_tree(child)


def block_errors(blocks: Any, *, pointer: str, limit: int) -> list[str]:
    if isinstance(blocks, str):
        return [f"[ERROR] invalid JSON [json-pointer:{pointer}]"]
    if not isinstance(blocks, list):
        return [f"[ERROR] must be an array [json-pointer:{pointer}]"]
    if len(blocks) > limit:
        return [f"[ERROR] no more than {limit} items allowed [json-pointer:{pointer}]"]
    errors = []
    for index, raw in enumerate(blocks):
        where = f"[json-pointer:{pointer}/{index}]"
        if not isinstance(raw, dict):
            errors.append(f"[ERROR] must be an object {where}")
            continue
        try:
            block = Block.parse(raw)
            if block is None:
                errors.append(f"[ERROR] unsupported block type {raw.get('type')!r} {where}")
            else:
                _validate_tree(block)
        except Exception as exc:
            errors.append(f"[ERROR] {exc} {where}")
    return errors


def check_message(params: dict[str, Any], *, text_required: bool = True) -> None:
    """Raises what chat.postMessage / postEphemeral / update answer for a bad payload."""
    text = params.get("text")
    if isinstance(text, str) and len(text) > MAX_TEXT_LENGTH:
        raise SlackError("msg_too_long")
    blocks = params.get("blocks")
    if blocks is not None and blocks != "":
        errors = block_errors(blocks, pointer="/blocks", limit=MAX_MESSAGE_BLOCKS)
        if errors:
            raise SlackError("invalid_blocks", messages=errors)
    has_content = bool(text) or bool(blocks) or bool(params.get("attachments"))
    if text_required and not has_content:
        raise SlackError("no_text")


def check_view(view: Any) -> dict[str, Any]:
    """The view as a dict, or Slack's `invalid_arguments` with the reasons."""
    if not isinstance(view, dict):
        raise SlackError(
            "invalid_arguments", messages=["[ERROR] must be an object [json-pointer:/view]"]
        )
    errors = block_errors(view.get("blocks", []), pointer="/view/blocks", limit=MAX_VIEW_BLOCKS)
    if not errors:
        try:
            View(**view).validate_json()
        except Exception as exc:
            errors.append(f"[ERROR] {exc} [json-pointer:/view]")
    if errors:
        raise SlackError("invalid_arguments", messages=errors)
    return view
