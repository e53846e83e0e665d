"""The app factory: a fresh Bolt app per call, nothing built at import time."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from bot.charts.worker import Drawer
from bot.clock import Clock, utc_now
from bot.installs import clients_for, installs
from bot.listener_pool import ListenerPool
from bot.settings import Settings
from bot.slack import build_client
from handlers import register_all
from handlers.deps import Deps
from storage.db import Database


def create_app(
    settings: Settings,
    *,
    db: Database,
    client: WebClient | None = None,
    clock: Clock = utc_now,
    drawer: Drawer | None = None,
) -> App:
    """Build the Bolt app with every feature's listeners registered (the composition root).
    With SLACK_CLIENT_ID and co. set, Bolt's OAuth flow installs it in any workspace and each
    request is answered with its workspace's installed token (OAuth mode). Charts are drawn by
    `drawer`, whose process the caller stops with the bot (a new one when not given)."""
    client = client or build_client(settings)
    installed = installs(settings, db)
    app = App(
        signing_secret=settings.slack_signing_secret,
        client=client,
        # Checked once at start-up by the command line, with a plain-words message.
        token_verification_enabled=False,
        ignoring_self_events_enabled=True,
        listener_executor=ListenerPool(),
        # Given to the app as well as to the OAuth settings, so that Bolt finds and rotates
        # tokens through `client` (SLACK_API_URL) rather than a client of its own.
        installation_store=installed.store if installed else None,
        oauth_settings=installed.oauth_settings if installed else None,
        # Bolt takes an Authorize as it is, beside the OAuth settings (its hint says callable).
        authorize=installed.authorize if installed else None,  # type: ignore[arg-type]
    )
    deps = Deps(
        settings=settings,
        db=db,
        clients=clients_for(settings, installed, client),
        clock=clock,
        installs=installed,
        drawer=drawer or Drawer(),
    )
    register_all(app, deps)
    return app
