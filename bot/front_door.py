"""POST /slack/events: nothing is decoded, parsed or acted on before Slack's signature is
verified on the raw bytes, and only bodies of the shapes Slack sends reach Bolt. In OAuth mode,
GET /slack/install and /slack/oauth_redirect: a person's browser, not Slack, so unsigned; Bolt's
OAuth flow checks the state it issued (cookie and signed state store) instead."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_bolt.request.internals import build_context
from slack_sdk.signature import SignatureVerifier

from bot import payload_shapes

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger("okr_bot.front_door")

# Set in the context of each request whose signature the door verified; the error handler
# acts on no other HTTP request.
SIGNATURE_VERIFIED = "okr_bot_signature_verified"

NOT_SIGNED = "This request is not signed by Slack: its signature or timestamp is wrong or stale."
NOT_UTF8 = "The request body is not UTF-8 text, so it is not from Slack."


def slack_events(app: App, signing_secret: str) -> WSGIApplication:
    """The WSGI app for Slack's requests: verify, decode, check the shape, then hand to Bolt."""
    verifier = SignatureVerifier(signing_secret)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = WsgiHttpRequest(environ)
        headers = request.get_headers()
        # waitress has refused bodies over bot.server's cap already, so this read is bounded
        raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        try:
            signed = verifier.is_valid(
                raw,
                str(headers.get("x-slack-request-timestamp", "")),
                str(headers.get("x-slack-signature", "")),
            )
        except UnicodeDecodeError:  # the verifier decodes the body once the timestamp is fresh
            log.warning("Refused a request: its body is not UTF-8")
            return _refuse(start_response, 400, NOT_UTF8)
        except Exception as exc:  # a malformed header must never get further than a 401
            reason = type(exc).__name__  # not its message: that would quote the header
            log.warning("Refused a request: its signature could not be checked (%s)", reason)
            return _refuse(start_response, 401, NOT_SIGNED)
        if not signed:
            log.warning("Refused a request: its signature or timestamp is not Slack's")
            return _refuse(start_response, 401, NOT_SIGNED)
        text = raw.decode("utf-8")  # cannot fail: the verifier decoded it already
        problem = payload_shapes.problem(text, str(headers.get("content-type", "")))
        if problem is not None:
            log.warning("Refused a signed request that is not a Slack payload: %s", problem)
            return _refuse(start_response, 400, f"This is not a Slack payload: {problem}.")
        answer = app.dispatch(verified_request(text, request.query_string, headers))
        response = WsgiHttpResponse(answer.status, answer.headers, answer.body)
        start_response(response.status, response.get_headers())
        return response.get_body()

    return application


def oauth_pages(app: App) -> WSGIApplication:
    """The install link and the page Slack sends the installer back to, by Bolt's OAuth flow."""
    flow = app.oauth_flow
    assert flow is not None, "only in OAuth mode"

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = WsgiHttpRequest(environ)
        bolt_request = BoltRequest(
            body="", query=request.query_string, headers=request.get_headers()
        )
        if environ.get("PATH_INFO") == flow.install_path:
            answer = flow.handle_installation(bolt_request)
        else:
            answer = flow.handle_callback(bolt_request)
        response = WsgiHttpResponse(answer.status, answer.headers, answer.body)
        start_response(response.status, response.get_headers())
        return response.get_body()

    return application


def verified_request(
    text: str, query: str, headers: dict[str, str | Sequence[str]] | None = None
) -> BoltRequest:
    """A BoltRequest for a body whose signature has been verified."""
    request = BoltRequest(
        body=text, query=query, headers=headers, context={SIGNATURE_VERIFIED: True}
    )
    if not request.body and "payload" in text and not text.startswith("{"):
        # Bolt reads any form body that mentions "payload" as an interaction and finds none in
        # a slash command such as `/okr new Ship the payload pipeline`: read it as the form it is.
        request.body = dict(parse_qsl(text, keep_blank_values=True))
        request.context = build_context(BoltContext({SIGNATURE_VERIFIED: True}), request.body)
    return request


def signature_verified(request: BoltRequest) -> bool:
    """Whether the request may be acted on: verified by the door, or over Socket Mode, whose
    connection our app-level token opened to Slack itself."""
    return request.mode == "socket_mode" or request.context.get(SIGNATURE_VERIFIED) is True


def _refuse(start_response: StartResponse, status: int, message: str) -> Iterable[bytes]:
    response = WsgiHttpResponse(status, {"content-type": ["text/plain; charset=utf-8"]}, message)
    start_response(response.status, response.get_headers())
    return response.get_body()
