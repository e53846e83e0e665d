"""app_uninstalled and tokens_revoked: the workspace's tokens are deleted and its jobs stop."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot.installs import forget
from handlers.deps import Deps

log = logging.getLogger("okr_bot.installs")


def register(app: App, deps: Deps) -> None:
    @app.event("app_uninstalled")
    def uninstalled(context: BoltContext) -> None:
        _forget(deps, str(context.team_id), "the app was uninstalled")

    @app.event("tokens_revoked")
    def revoked(event: dict[str, Any], context: BoltContext) -> None:
        tokens = event.get("tokens")
        # The bot holds no user tokens: only a revoked bot token concerns it.
        if isinstance(tokens, dict) and tokens.get("bot"):
            _forget(deps, str(context.team_id), "its bot token was revoked")


def _forget(deps: Deps, team_id: str, why: str) -> None:
    store = deps.installs.store if deps.installs is not None else None
    given_up = forget(store, deps.db, team_id, deps.clock())
    log.info("Workspace %s: %s; %s pending messages given up, jobs stopped", team_id, why, given_up)
