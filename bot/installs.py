"""OAuth mode: installing the app in many workspaces with Bolt's OAuth flow, each workspace's
token (rotated when due) for whatever calls Slack outside a request, and forgetting it."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.token_rotation.rotator import TokenRotator

from bot.settings import OAuthCredentials, Settings
from bot.slack import UNINSTALLED, Clients, NotInstalled
from storage import installations, outbox
from storage.db import Database
from storage.installations import InstallationStore, StateStore

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
logger = logging.getLogger(__name__)

# A token is refreshed when it expires within this many minutes (Slack's last 12 hours).
ROTATE_MINUTES = 120
ROTATE_TIMEOUT = 10  # seconds oauth.v2.access may take
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
    """What OAuth mode is made of: the stores on the bot's database, Bolt's settings, and how a
    request finds its workspace's token."""

    store: RotatingStore
    oauth_settings: OAuthSettings
    authorize: InstallationStoreAuthorize


def installs(settings: Settings, db: Database) -> Installs | None:
    """None in single-workspace mode (SLACK_BOT_TOKEN)."""
    if settings.oauth is None:
        return None
    credentials: OAuthCredentials = settings.oauth
    store = RotatingStore(settings, credentials, db)
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
        # The store hands Bolt tokens refreshed ROTATE_MINUTES early, one replica at a time;
        # Bolt's own rotation, unserialised, would only ever see a token already expired.
        token_rotation_expiration_minutes=0,
        state_store=state_store,
        state_expiration_seconds=STATE_SECONDS,
    )
    authorize = InstallationStoreAuthorize(
        logger=logger,
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        installation_store=store,
        # Bot tokens only: one look-up of the workspace's bot per request, no user installations.
        bot_only=True,
        # auth.test's answer (the bot's ids) kept per token, instead of a call to Slack on every
        # request; a rotated token is asked once. An uninstalled workspace has no token to look up.
        cache_enabled=True,
        token_rotation_expiration_minutes=0,
    )
    return Installs(store, oauth_settings, authorize)


def authorization_url(api_url: str) -> str:
    """Slack's authorize page beside its Web API (SLACK_API_URL): slack.com's, or a stand-in's."""
    return api_url.removesuffix("/").removesuffix("/api") + "/oauth/v2/authorize"


class RotatingStore(InstallationStore):
    """The installation store that hands out fresh tokens only: a bot token that expires within
    ROTATE_MINUTES is first refreshed through oauth.v2.access, by one replica at a time per
    workspace (Slack revokes a refresh token once used, so a second replica refreshing with it
    would fail). Bolt's requests and our jobs both read tokens here: one way to rotate."""

    def __init__(self, settings: Settings, credentials: OAuthCredentials, db: Database) -> None:
        super().__init__(
            credentials.client_id, db.engine, encryption_key=settings.token_encryption_key
        )
        self._rotator = TokenRotator(
            client_id=credentials.client_id,
            client_secret=credentials.client_secret,
            client=WebClient(base_url=settings.slack_api_url, timeout=ROTATE_TIMEOUT),
        )

    def find_installation(self, **kwargs: Any) -> Installation | None:
        found = super().find_installation(**kwargs)
        if found is None or kwargs.get("user_id") is not None or not _expiring(found):
            return found
        return self._fresh(found)

    def find_bot(self, **kwargs: Any) -> Bot | None:
        found = super().find_bot(**kwargs)
        if found is None or not _expiring(found):
            return found
        installation = super().find_installation(enterprise_id=None, team_id=found.team_id)
        return found if installation is None else self._fresh(installation).to_bot()

    def bot_token(self, team_id: str) -> str:
        """The workspace's bot token, fresh, for whatever calls Slack outside a request."""
        bot = self.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            raise NotInstalled(team_id)
        return str(bot.bot_token)

    def _fresh(self, found: Installation) -> Installation:
        """`found`, its tokens refreshed unless another replica is refreshing them right now:
        then the token in hand is still good for up to ROTATE_MINUTES, and is used as it is."""
        team_id = str(found.team_id)
        with installations.rotation_turn(self.engine, team_id, wait=_expired(found)) as mine:
            if not mine:
                return found
            latest = super().find_installation(enterprise_id=None, team_id=team_id)
            if latest is None or not _expiring(latest):
                return latest or found
            try:
                rotated = self._rotator.perform_token_rotation(
                    installation=latest, minutes_before_expiration=ROTATE_MINUTES
                )
            except SlackTokenRotationError:
                # Still valid until it expires; the next use tries again.
                logger.warning("refreshing workspace %s's token failed", team_id, exc_info=True)
                return latest
            if rotated is None:
                return latest
            self.save(rotated)
            return rotated


def _expiring(found: Installation | Bot) -> bool:
    """Whether the bot token expires within ROTATE_MINUTES (slack_sdk's wall-clock seconds)."""
    expires_at = found.bot_token_expires_at
    if not found.bot_refresh_token or expires_at is None:
        return False
    return int(expires_at) <= time.time() + ROTATE_MINUTES * 60


def _expired(found: Installation) -> bool:
    expires_at = found.bot_token_expires_at
    return expires_at is not None and int(expires_at) <= time.time()


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
    return Clients(client, installed.store.bot_token)
