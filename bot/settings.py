"""One frozen Settings object, read once from the environment and `.env`."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite:///okr-bot.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
# How long a sender's claim on an outbox row lasts (OUTBOX_LEASE_SECONDS): longer than any batch
# takes to send at the pace Slack allows; a dead replica's rows come back after it.
DEFAULT_OUTBOX_LEASE_SECONDS = 120
LONGEST_OUTBOX_LEASE_SECONDS = 3600
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
README_HINT = "See the Configuration section of README.md; .env.example documents every variable."
# The values .env.example ships with: a .env copied from it unchanged has these, which are unset
# in truth. A test checks that every value of .env.example is here.
PLACEHOLDERS = {
    "SLACK_BOT_TOKEN": "xoxb-your-bot-token",
    "SLACK_SIGNING_SECRET": "your-signing-secret",
    "SLACK_APP_TOKEN": "xapp-your-app-token",
    "SLACK_CLIENT_ID": "your-client-id",
    "SLACK_CLIENT_SECRET": "your-client-secret",
    "SLACK_STATE_SECRET": "your-state-secret",
}


class SettingsError(Exception):
    """The configuration is missing or malformed; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"The bot's configuration is incomplete:\n{lines}\n{README_HINT}")


@dataclass(frozen=True)
class Settings:
    # None in OAuth mode: each workspace's token comes from its installation (bot/installs.py).
    slack_bot_token: str | None
    slack_signing_secret: str
    slack_app_token: str | None = None
    database_url: str = DEFAULT_DATABASE_URL
    slack_api_url: str = DEFAULT_SLACK_API_URL
    port: int = 3000
    log_level: str = "INFO"
    # A directory of `<name>.json.j2` files replacing built-in message templates (TEMPLATES_DIR).
    templates_dir: Path | None = None
    # OAuth mode (many workspaces): SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET.
    oauth: OAuthCredentials | None = None
    # A Fernet key (TOKEN_ENCRYPTION_KEY): installations' tokens are stored encrypted with it.
    token_encryption_key: str | None = None
    # Socket Mode only: the port GET /healthz and /livez are served on (HEALTH_PORT).
    health_port: int | None = None
    outbox_lease_seconds: int = DEFAULT_OUTBOX_LEASE_SECONDS

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None


@dataclass(frozen=True)
class OAuthCredentials:
    """The app's credentials for installing it in any workspace (Basic Information)."""

    client_id: str
    client_secret: str
    # Signs the OAuth state, so that a forged one is refused before the database is asked.
    state_secret: str


@dataclass(frozen=True)
class DatabaseSettings:
    """What `okr-bot db` needs: the database alone, no Slack settings."""

    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"


def read_environment(env_file: str | Path | None = ".env") -> dict[str, str]:
    """The process environment over the values of `.env` (the environment wins)."""
    values: dict[str, str] = {}
    if env_file is not None and Path(env_file).is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ)
    return values


def _getter(env: Mapping[str, str]) -> Callable[[str], str | None]:
    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    return get


def _placeholder(name: str, value: str | None) -> str | None:
    """Why `value` is no value at all: the placeholder of .env.example, copied unchanged."""
    if value is None or value != PLACEHOLDERS.get(name):
        return None
    return f"{name} is still the placeholder of .env.example ({value}), so it is unset"


def load_settings(env: Mapping[str, str]) -> Settings:
    """Validate the environment; raise SettingsError naming every missing or bad variable."""
    problems: list[str] = []
    get = _getter(env)

    oauth = _oauth(get, problems)
    bot_token = get("SLACK_BOT_TOKEN")
    if (placeholder := _placeholder("SLACK_BOT_TOKEN", bot_token)) is not None:
        problems.append(f"{placeholder}: paste the Bot User OAuth Token (xoxb-…)")
    elif bot_token is None and oauth is None:
        problems.append("SLACK_BOT_TOKEN is missing (the Bot User OAuth Token, xoxb-…)")
    elif bot_token is not None and not bot_token.startswith("xoxb-"):
        problems.append("SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token)")

    signing_secret = get("SLACK_SIGNING_SECRET")
    if (placeholder := _placeholder("SLACK_SIGNING_SECRET", signing_secret)) is not None:
        problems.append(f"{placeholder}: paste Basic Information > Signing Secret")
    elif signing_secret is None:
        problems.append("SLACK_SIGNING_SECRET is missing (Basic Information > Signing Secret)")

    app_token = get("SLACK_APP_TOKEN")
    if (placeholder := _placeholder("SLACK_APP_TOKEN", app_token)) is not None:
        problems.append(
            f"{placeholder}: paste an app-level token (xapp-…) for Socket Mode, or remove the "
            "line to serve HTTP"
        )
    elif app_token is not None and not app_token.startswith("xapp-"):
        problems.append(
            "SLACK_APP_TOKEN must start with xapp- (an app-level token for Socket Mode)"
        )

    if oauth is not None and app_token is not None:
        problems.append(
            "Installing in many workspaces (SLACK_CLIENT_ID and co.) needs HTTP mode, where the "
            "bot serves /slack/install: remove SLACK_APP_TOKEN"
        )
    database = _database_settings(get, problems)

    api_url = get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
    if not api_url.startswith(("http://", "https://")):
        problems.append("SLACK_API_URL must be an http:// or https:// URL")
    elif not api_url.endswith("/"):
        api_url += "/"

    port = _port("PORT", get("PORT"), problems) or 3000
    health_port = _port("HEALTH_PORT", get("HEALTH_PORT"), problems)
    if health_port is not None and app_token is None:
        problems.append(
            "HEALTH_PORT is for Socket Mode (SLACK_APP_TOKEN set); in HTTP mode GET /healthz "
            "is served on PORT: remove HEALTH_PORT"
        )
    lease = _lease_seconds(get("OUTBOX_LEASE_SECONDS"), problems)

    templates_dir = _templates_dir(get("TEMPLATES_DIR"), problems)
    encryption_key = _encryption_key(get("TOKEN_ENCRYPTION_KEY"), problems)

    if problems:
        raise SettingsError(problems)
    assert signing_secret is not None
    return Settings(
        slack_signing_secret=signing_secret,
        slack_app_token=app_token,
        database_url=database.database_url,
        slack_api_url=api_url,
        port=port,
        log_level=database.log_level,
        templates_dir=templates_dir,
        # In OAuth mode installations hold the tokens; SLACK_BOT_TOKEN is not used then.
        slack_bot_token=None if oauth is not None else bot_token,
        oauth=oauth,
        token_encryption_key=encryption_key,
        health_port=health_port,
        outbox_lease_seconds=lease,
    )


OAUTH_NAMES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


def _oauth(get: Callable[[str], str | None], problems: list[str]) -> OAuthCredentials | None:
    """All three of OAUTH_NAMES, or none of them (single-workspace mode)."""
    values = {name: get(name) for name in OAUTH_NAMES}
    placeholders = [p for name in OAUTH_NAMES if (p := _placeholder(name, values[name]))]
    if placeholders:
        problems.extend(f"{p}: paste it, or remove the OAuth lines" for p in placeholders)
        return None
    missing = [name for name, value in values.items() if value is None]
    if len(missing) == len(OAUTH_NAMES):
        return None
    if missing:
        problems.append(
            f"{' and '.join(missing)} missing: installing in many workspaces (OAuth) needs "
            f"all of {', '.join(OAUTH_NAMES)}; remove them all to serve one workspace"
        )
        return None
    client_id, client_secret, state_secret = (str(values[name]) for name in OAUTH_NAMES)
    if len(state_secret) < 16:
        problems.append("SLACK_STATE_SECRET must be at least 16 characters of random text")
        return None
    return OAuthCredentials(client_id, client_secret, state_secret)


def _encryption_key(value: str | None, problems: list[str]) -> str | None:
    """A Fernet key (32 bytes, URL-safe base64), as `okr-bot` checks it before any token."""
    if value is None:
        return None
    try:
        key = base64.urlsafe_b64decode(value.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        key = b""
    if len(key) != 32:
        problems.append(
            "TOKEN_ENCRYPTION_KEY must be a Fernet key (32 bytes in URL-safe base64, 44 "
            'characters): make one with python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"'
        )
        return None
    return value


def _port(name: str, text: str | None, problems: list[str]) -> int | None:
    if text is None:
        return None
    if text.isdigit() and 0 < int(text) < 65536:
        return int(text)
    problems.append(f"{name} must be a number between 1 and 65535, not {text!r}")
    return None


def _lease_seconds(text: str | None, problems: list[str]) -> int:
    if text is None:
        return DEFAULT_OUTBOX_LEASE_SECONDS
    if text.isdigit() and 0 < int(text) <= LONGEST_OUTBOX_LEASE_SECONDS:
        return int(text)
    problems.append(
        "OUTBOX_LEASE_SECONDS must be a whole number of seconds between 1 and "
        f"{LONGEST_OUTBOX_LEASE_SECONDS}, not {text!r}"
    )
    return DEFAULT_OUTBOX_LEASE_SECONDS


def _templates_dir(value: str | None, problems: list[str]) -> Path | None:
    """The directory as given; what is in it is checked by bot/template_check.py."""
    if value is None:
        return None
    directory = Path(value).expanduser()
    if not directory.is_dir():
        problems.append(
            f"TEMPLATES_DIR must be a directory of template overrides; {value!r} "
            + ("is not a directory" if directory.exists() else "does not exist")
        )
        return None
    if not os.access(directory, os.R_OK | os.X_OK):
        problems.append(f"TEMPLATES_DIR {value!r} cannot be read by the user running okr-bot")
        return None
    return directory.resolve()


def load_database_settings(env: Mapping[str, str]) -> DatabaseSettings:
    """Only DATABASE_URL and LOG_LEVEL, for `okr-bot db`; SettingsError when they are bad."""
    problems: list[str] = []
    database = _database_settings(_getter(env), problems)
    if problems:
        raise SettingsError(problems)
    return database


def _database_settings(get: Callable[[str], str | None], problems: list[str]) -> DatabaseSettings:
    database_url = get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not database_url.startswith(("sqlite", "postgresql")):
        problems.append(
            "DATABASE_URL must be a sqlite:/// or postgresql+psycopg:// URL, "
            f"not {database_url.split(':', 1)[0]!r}"
        )
    elif database_url.startswith(("postgresql://", "postgres://")):
        database_url = "postgresql+psycopg://" + database_url.split("://", 1)[1]
    log_level = (get("LOG_LEVEL") or "INFO").upper()
    if log_level not in LOG_LEVELS:
        problems.append(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {log_level!r}")
    return DatabaseSettings(database_url, log_level)
