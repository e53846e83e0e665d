"""The bot in OAuth mode against the emulator, and installing it through the browser's path."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.fernet import Fernet

from bot.installs import clients_for, installs
from bot.settings import OAuthCredentials, Settings
from bot.slack import Clients, build_delivery_client
from storage.db import Database
from tests.bot_fixtures import SIGNING_SECRET, RunningBot, serving
from tests.clock import FakeClock
from tests.emulator import SlackEmulator

STATE_SECRET = "a-state-secret-of-more-than-16-characters"
ENCRYPTION_KEY = Fernet.generate_key().decode()


def oauth_settings(
    db: Database, slack: SlackEmulator, *, key: str | None = ENCRYPTION_KEY
) -> Settings:
    return Settings(
        slack_bot_token=None,
        slack_signing_secret=SIGNING_SECRET,
        database_url=db.url,
        slack_api_url=slack.api_url,
        port=0,
        oauth=OAuthCredentials(slack.grants.client_id, slack.grants.client_secret, STATE_SECRET),
        token_encryption_key=key,
    )


def oauth_clients(db: Database, slack: SlackEmulator) -> Clients:
    """What jobs and the sender use outside requests: each workspace's installed token."""
    settings = oauth_settings(db, slack)
    return clients_for(settings, installs(settings, db), build_delivery_client(settings))


@contextmanager
def oauth_bot(db: Database, slack: SlackEmulator, clock: FakeClock) -> Iterator[RunningBot]:
    with serving(db, slack, clock, oauth_settings(db, slack)) as running:
        yield running


@dataclass(frozen=True)
class Page:
    status: int
    headers: http.client.HTTPMessage
    body: str


def get(bot: RunningBot, path: str, *, cookie: str | None = None) -> Page:
    """A browser's GET, redirects not followed."""
    split = urlsplit(bot.url)
    connection = http.client.HTTPConnection(split.hostname or "", split.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return Page(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def install(bot: RunningBot, team_id: str, team_name: str) -> Page:
    """Open the install link, approve in "Slack", come back: the redirect page's answer."""
    start = get(bot, "/slack/install")
    assert start.status == 302, start.body
    state = parse_qs(urlsplit(start.headers["Location"]).query)["state"][0]
    cookie = start.headers["Set-Cookie"].split(";")[0]
    code = bot.slack.approve_install(team_id, team_name)
    query = urlencode({"code": code, "state": state})
    return get(bot, f"/slack/oauth_redirect?{query}", cookie=cookie)
