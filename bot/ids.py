"""What is read back from payloads (ids in button values, a view's private_metadata, its
submitted state): never trusted, never parsed twice, and never raising on junk, which reads as
None or empty; and the one shape of the errors a modal shows next to its inputs."""

from __future__ import annotations

import json
from typing import Any

# A refused modal submission's errors, as Slack's response_action "errors" takes them:
# block id -> what is wrong there and what to do instead. Every form answers with this type.
FormErrors = dict[str, str]

# Every id column is an INTEGER, which PostgreSQL ends at 2^31 - 1: a larger number names no
# row, and asking for it would fail with "integer out of range" instead of finding nothing.
LARGEST_ID = 2**31 - 1


def parse_id(raw: object) -> int | None:
    """An id (or a count, like a page offset) from a payload: plain ASCII digits within the
    range of the database's id columns, else None.

    `"²".isdigit()` is true but `int("²")` fails, hence the ASCII check; the length check
    comes first, so that no number is read from thousands of digits.
    """
    text = str(raw if raw is not None else "").strip()
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(LARGEST_ID))):
        return None
    number = int(text)
    return number if number <= LARGEST_ID else None


def metadata_text(view: object) -> str:
    """A view's private_metadata as the text the bot wrote; "" when there is none to read."""
    raw = view.get("private_metadata") if isinstance(view, dict) else None
    return raw if isinstance(raw, str) else ""


def metadata_object(text: str) -> dict[str, Any]:
    """The JSON object the bot wrote into private_metadata; {} for anything else (not JSON, not
    an object, or nested too deep to read)."""
    try:
        data = json.loads(text or "{}")
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def state_values(view: object) -> dict[str, Any]:
    """A submitted view's `state.values`: block id -> action id -> what was entered."""
    state = view.get("state") if isinstance(view, dict) else None
    values = state.get("values") if isinstance(state, dict) else None
    return values if isinstance(values, dict) else {}


def state_of(values: object, block_id: str, action_id: str) -> dict[str, Any]:
    """One element's submitted state; {} when a forged or stale payload lacks or bends it."""
    block = values.get(block_id) if isinstance(values, dict) else None
    entry = block.get(action_id) if isinstance(block, dict) else None
    return entry if isinstance(entry, dict) else {}


def selected(values: object, block_id: str, action_id: str = "") -> str | None:
    """The value of the option picked in a select or radio buttons, if it is text. The action
    id is the block's own unless named."""
    option = state_of(values, block_id, action_id or block_id).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


def ticked(values: object, block_id: str, action_id: str) -> set[str]:
    """The values of the boxes ticked in a checkboxes element; none when forged or absent."""
    options = state_of(values, block_id, action_id).get("selected_options")
    items = options if isinstance(options, list) else []
    return {
        value
        for option in items
        if isinstance(option, dict) and isinstance(value := option.get("value"), str)
    }


def picked_time(values: object, block_id: str, action_id: str = "") -> int | None:
    """The minute of the day a timepicker holds ("09:30" -> 570); None for nothing or junk."""
    raw = state_of(values, block_id, action_id or block_id).get("selected_time")
    text = raw if isinstance(raw, str) else ""
    hours, _, minutes = text.partition(":")
    if not (len(hours) == 2 and len(minutes) == 2 and (hours + minutes).isascii()):
        return None
    if not (hours + minutes).isdigit() or int(hours) > 23 or int(minutes) > 59:
        return None
    return int(hours) * 60 + int(minutes)


def typed(values: object, block_id: str, action_id: str = "") -> str:
    """The text typed in a plain-text input; "" for nothing or junk."""
    value = state_of(values, block_id, action_id or block_id).get("value")
    return value if isinstance(value, str) else ""


def clicked_value(body: object) -> str:
    """The value of the button clicked in an action payload; "" for none or junk."""
    actions = body.get("actions") if isinstance(body, dict) else None
    first = actions[0] if isinstance(actions, list) and actions else None
    value = first.get("value") if isinstance(first, dict) else None
    return value if isinstance(value, str) else ""
