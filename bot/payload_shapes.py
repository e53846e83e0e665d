"""The shapes of what Slack sends to /slack/events, checked once at the door.

Listeners, and Bolt before them, index what Slack always sends (`body["actions"][0]`,
`view["state"]["values"]`, `event["channel"]`); a signed body of another shape must get a 400
here rather than a traceback there. Three kinds arrive: slash commands (form fields),
interactivity (a form field `payload` holding a JSON object) and events (a JSON object).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

# Fields Bolt reads from every body to build its context: each an id or an object with one.
_CONTEXT_FIELDS = ("team", "user", "enterprise", "channel")
_COMMAND_FIELDS = ("command", "team_id", "user_id", "trigger_id", "response_url")
# What the event listeners index, by event type.
_EVENT_FIELDS = {"message": ("channel", "ts"), "app_home_opened": ("user",)}


class Malformed(Exception):
    """The body is not of a shape Slack sends; the message says what is wrong."""


def problem(text: str, content_type: str | None) -> str | None:
    """None when the body has a shape our listeners can read, else what is wrong with it.
    `content_type` is read as Bolt reads it (the media type before any `;`)."""
    try:
        _check(text, (content_type or "").split(";")[0])
    except Malformed as malformed:
        return str(malformed)
    return None


def _check(text: str, content_type: str) -> None:
    if content_type == JSON:
        _event_envelope(_object(_json(text, "the body"), "the body"))
    elif content_type == FORM:
        if text.startswith("{"):  # Bolt parses any body that starts with "{" as JSON
            raise Malformed("the body is JSON but its Content-Type says it is a form")
        form = dict(parse_qsl(text, keep_blank_values=True))
        if "payload" in form:
            _interaction(_object(_json(form["payload"], "the payload field"), "the payload"))
        elif "command" in form:
            _has_text(form, _COMMAND_FIELDS, "a slash command")
        elif "ssl_check" not in form:
            raise Malformed("a form needs a command or a payload field")
    else:
        raise Malformed(f"the Content-Type must be {JSON} or {FORM}")


def _event_envelope(body: dict[str, Any]) -> None:
    _context_fields(body, "the body")
    kind = _has_text(body, ("type",), "the body")
    if kind == "url_verification":
        _has_text(body, ("challenge",), "a url_verification body")
    elif kind == "event_callback":
        _has_text(body, ("team_id",), "an event_callback body")
        event = _object(body.get("event"), "the event")
        _context_fields(event, "the event")
        event_type = _has_text(event, ("type",), "the event")
        _has_text(event, _EVENT_FIELDS.get(event_type, ()), f"an event of type {event_type}")


def _interaction(payload: dict[str, Any]) -> None:
    _context_fields(payload, "the payload")
    kind = _has_text(payload, ("type",), "the payload")
    if kind not in {"block_actions", "view_submission", "block_suggestion"}:
        return  # no listener reads any other kind
    for field in ("team", "user"):
        _has_text(
            _object(payload.get(field), f"the payload's {field}"), ("id",), f"the payload's {field}"
        )
    if "view" in payload or kind == "view_submission":
        _view(_object(payload.get("view"), "the payload's view"), kind)
    if kind == "block_actions":
        _has_text(payload, ("trigger_id",), "a block_actions payload")
        actions = payload.get("actions")
        if not isinstance(actions, list) or not actions:
            raise Malformed("actions must be a non-empty list")
        for action in actions:
            _has_text(_object(action, "each action"), ("action_id",), "each action")
    elif kind == "block_suggestion":
        _has_text(payload, ("action_id", "value"), "a block_suggestion payload")


def _view(view: dict[str, Any], kind: str) -> None:
    _has_text(view, ("id", "callback_id") if kind == "view_submission" else ("id",), "the view")
    blocks = view.get("blocks", [])
    if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
        raise Malformed("the view's blocks must be a list of objects")
    if "state" in view or kind == "view_submission":
        values = _object(view.get("state"), "the view's state").get("values")
        # block id -> action id -> the element's state, as Slack always nests them
        entries = _object(values, "the view's state.values").values()
        for block in entries:
            for entry in _object(block, "each block of state.values").values():
                _object(entry, "each entry of state.values")


def _context_fields(body: dict[str, Any], where: str) -> None:
    for field in _CONTEXT_FIELDS:
        value = body.get(field)
        if value is not None and not isinstance(value, str | dict):
            raise Malformed(f"{field} in {where} must be an id or an object")
    for field in ("authorizations", "response_urls"):
        value = body.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise Malformed(f"{field} in {where} must be a list of objects")


def _has_text(container: dict[str, Any], fields: tuple[str, ...], where: str) -> str:
    """Each field must hold text; the first one's text."""
    for field in fields:
        if not isinstance(container.get(field), str):
            raise Malformed(f"{where} needs {field} as text")
    return str(container.get(fields[0], "")) if fields else ""


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Malformed(f"{what} must be a JSON object")
    return value


def _json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python's stack
        raise Malformed(f"{what} is not JSON that can be read") from None
