"""People as Slack describes them, kept up to date without making anyone wait: after each
answer (once a stored description is missing or old) and whenever Slack says a profile changed."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.listener.listener_completion_handler import ListenerCompletionHandler
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from bot import people
from handlers.deps import Deps

log = logging.getLogger("okr_bot.profiles")


def register(app: App, deps: Deps) -> None:
    # The completion handler runs in the listener's thread once it has answered; the one that
    # handlers/fairness.py set keeps running first.
    runner = app.listener_runner
    runner.listener_completion_handler = _Refresh(deps, runner.listener_completion_handler)

    @app.event("user_change")
    def profile_changed(event: dict[str, Any], context: BoltContext) -> None:
        user = event.get("user")
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            return
        with deps.db.begin() as session:
            people.describe(session, str(context.team_id), user["id"], user, deps.clock())


class _Refresh(ListenerCompletionHandler):
    def __init__(self, deps: Deps, then: ListenerCompletionHandler) -> None:
        self._deps = deps
        self._then = then

    def handle(self, request: BoltRequest, response: BoltResponse | None) -> None:
        self._then.handle(request=request, response=response)
        context = request.context
        if context.team_id and context.user_id:
            refresh_after_answer(self._deps, str(context.team_id), str(context.user_id))


def refresh_after_answer(deps: Deps, team_id: str, user_id: str) -> bool:
    """`refresh`, once the answer has gone: a failure is logged, never shown to anyone."""
    try:
        return refresh(deps, team_id, user_id)
    except (SlackApiError, OSError, SQLAlchemyError):
        # The stored description (or the defaults) serves until the next request.
        log.exception("Could not refresh the profile of %s", user_id)
        return True


def refresh(deps: Deps, team_id: str, user_id: str) -> bool:
    """Ask Slack about someone stored without a recent description; never in a transaction.
    False when Slack says they are not in the workspace (stored so: someone Slack knows no
    such user as counts as gone)."""
    now = deps.clock()
    with deps.db.begin() as session:
        stale = people.needs_describing(session, team_id, user_id, now)
    if not stale:
        return True
    # The answer has gone: this is Slack outside the request, through the workspace's client.
    found = deps.directory.described(deps.clients.client_for(team_id), user_id)
    profile = {"deleted": True} if found.unknown else found.user
    if profile is None:
        return True
    with deps.db.begin() as session:
        return people.describe(session, team_id, user_id, profile, now).is_active
