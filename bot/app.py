"""The app factory: a fresh Bolt app per call, nothing built at import time."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from bot.clock import Clock, utc_now
from bot.listener_pool import ListenerPool
from bot.settings import Settings
from bot.slack import Clients, build_client
from handlers import register_all
from handlers.deps import Deps
from storage.db import Database


def create_app(
    settings: Settings, *, db: Database, client: WebClient | None = None, clock: Clock = utc_now
) -> App:
    """Build the Bolt app with every feature's listeners registered (the composition root)."""
    client = client or build_client(settings)
    app = App(
        signing_secret=settings.slack_signing_secret,
        client=client,
        # Checked once at start-up by the command line, with a plain-words message.
        token_verification_enabled=False,
        ignoring_self_events_enabled=True,
        listener_executor=ListenerPool(),
    )
    register_all(app, Deps(settings=settings, db=db, clients=Clients(client), clock=clock))
    return app
