"""Turning an HTTP request, as slack_sdk builds it, into parameters and a token."""

from __future__ import annotations

import json
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl


@dataclass(frozen=True)
class Request:
    path: str
    query: str
    headers: Message
    body: bytes


class BadBody(ValueError):
    """The body did not decode as its Content-Type claims."""


def _multipart(content_type: str, body: bytes) -> dict[str, Any]:
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            payload = b""
        if name:
            fields[str(name)] = payload if part.get_filename() else payload.decode()
    return fields


def body_params(request: Request) -> dict[str, Any]:
    content_type = request.headers.get("Content-Type", "")
    media_type = content_type.split(";")[0].strip().lower()
    if not request.body:
        return {}
    if media_type == "application/json":
        try:
            decoded = json.loads(request.body)
        except ValueError as exc:
            raise BadBody(str(exc)) from None
        if not isinstance(decoded, dict):
            raise BadBody("the JSON body must be an object")
        return decoded
    if media_type == "multipart/form-data":
        return _multipart(content_type, request.body)
    return dict(parse_qsl(request.body.decode(), keep_blank_values=True))


def api_params(request: Request) -> tuple[dict[str, Any], str | None]:
    """Query and body merged (body wins), and the token from the header or a form field."""
    params: dict[str, Any] = dict(parse_qsl(request.query, keep_blank_values=True))
    content_type = request.headers.get("Content-Type", "").lower()
    body = body_params(request)
    # Slack ignores a token inside a JSON body: JSON posts must authenticate with the header.
    form_token = body.pop("token", None) if "json" not in content_type else None
    query_token = params.pop("token", None)
    params.update(body)
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else None
    return params, token or form_token or query_token or None
