"""OAuth mode: installing the app in many workspaces with Bolt's OAuth flow, each workspace's
token (rotated when due) for whatever calls Slack outside a request, and forgetting it."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime

from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.token_rotation.rotator import TokenRotator

from bot.settings import OAuthCredentials, Settings
from bot.slack import UNINSTALLED, Clients, NotInstalled
from storage import installations, outbox
from storage.db import Database
from storage.installations import InstallationStore, StateStore

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# A token is refreshed when it expires within this many minutes (Slack's last 12 hours).
ROTATE_MINUTES = 120
# How long someone has between opening the install link and approving it in Slack.
STATE_SECONDS = 600
# The bot scopes asked for at install: manifest.yml's (tests/test_manifest.py compares them).
BOT_SCOPES = (
    "channels:history",
    "channels:join",
    "channels:read",
    "chat:write",
    "chat:write.public",
    "commands",
    "files:write",
    "groups:history",
    "groups:read",
    "im:history",
    "im:write",
    "mpim:write",
    "reactions:write",
    "users:read",
)


@dataclass(frozen=True)
class Installs:
    """What OAuth mode is made of: the stores on the bot's database and Bolt's settings."""

    store: InstallationStore
    oauth_settings: OAuthSettings


def installs(settings: Settings, db: Database) -> Installs | None:
    """None in single-workspace mode (SLACK_BOT_TOKEN)."""
    if settings.oauth is None:
        return None
    credentials: OAuthCredentials = settings.oauth
    store = InstallationStore(
        credentials.client_id, db.engine, encryption_key=settings.token_encryption_key
    )
    state_store = StateStore(credentials.state_secret, db.engine, expiration_seconds=STATE_SECONDS)
    oauth_settings = OAuthSettings(
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        # The install link goes straight to Slack's page: no page of ours to keep true.
        install_page_rendering_enabled=False,
        authorization_url=authorization_url(settings.slack_api_url),
        installation_store=store,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        state_store=state_store,
        state_expiration_seconds=STATE_SECONDS,
    )
    return Installs(store, oauth_settings)


def authorization_url(api_url: str) -> str:
    """Slack's authorize page beside its Web API (SLACK_API_URL): slack.com's, or a stand-in's."""
    return api_url.removesuffix("/").removesuffix("/api") + "/oauth/v2/authorize"


class Tokens:
    """Each workspace's bot token from its installation, refreshed through oauth.v2.access when
    it expires within ROTATE_MINUTES; what bot/slack.Clients asks in OAuth mode."""

    def __init__(self, store: InstallationStore, credentials: OAuthCredentials, client: WebClient):
        self._store = store
        self._rotating = threading.Lock()
        self._rotator = TokenRotator(
            client_id=credentials.client_id,
            client_secret=credentials.client_secret,
            client=WebClient(base_url=client.base_url, timeout=client.timeout),
        )

    def token_for(self, team_id: str) -> str:
        bot = self._store.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            raise NotInstalled(team_id)
        if not _expiring(bot):
            return str(bot.bot_token)
        # One rotation at a time in this process (the sender's threads share a workspace); the
        # next finds the token rotated already.
        with self._rotating:
            bot = self._store.find_bot(enterprise_id=None, team_id=team_id)
            if bot is None or not bot.bot_token:
                raise NotInstalled(team_id)
            rotated = self._rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=ROTATE_MINUTES
            )
            if rotated is not None:
                self._store.save_bot(rotated)
                bot = rotated
        return str(bot.bot_token)


def _expiring(bot: Bot) -> bool:
    """Whether the token expires within ROTATE_MINUTES (slack_sdk's wall-clock seconds)."""
    expires_at = bot.bot_token_expires_at
    if not bot.bot_refresh_token or expires_at is None:
        return False
    return int(expires_at) <= time.time() + ROTATE_MINUTES * 60


def forget(store: InstallationStore | None, db: Database, team_id: str, now: datetime) -> int:
    """The app was uninstalled or its tokens revoked: delete the workspace's installations at
    once (OAuth mode), stop its jobs and give up its pending messages; how many were given up."""
    if store is not None:
        store.delete_all(enterprise_id=None, team_id=team_id)
    with db.begin() as session:
        installations.mark_uninstalled(session, team_id, now)
        return outbox.fail_pending(session, team_id, UNINSTALLED)


def clients_for(settings: Settings, installed: Installs | None, client: WebClient) -> Clients:
    """`client` for every workspace (SLACK_BOT_TOKEN), or with each one's installed token."""
    if installed is None or settings.oauth is None:
        return Clients(client)
    return Clients(client, Tokens(installed.store, settings.oauth, client).token_for)
