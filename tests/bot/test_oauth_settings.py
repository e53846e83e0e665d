"""OAuth mode's settings: all three credentials or none, SLACK_BOT_TOKEN then not needed, and a
TOKEN_ENCRYPTION_KEY that is a Fernet key."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from bot.settings import SettingsError, load_settings

OAUTH = {
    "SLACK_SIGNING_SECRET": "s3cret",
    "SLACK_CLIENT_ID": "1111.2222",
    "SLACK_CLIENT_SECRET": "client-secret",
    "SLACK_STATE_SECRET": "a-long-random-state-secret",
}


def test_client_id_secret_and_state_secret_select_oauth_without_a_bot_token() -> None:
    settings = load_settings(OAUTH)
    assert settings.oauth is not None
    assert settings.oauth.client_id == "1111.2222"
    assert settings.slack_bot_token is None


def test_a_bot_token_beside_them_is_not_used() -> None:
    assert load_settings({**OAUTH, "SLACK_BOT_TOKEN": "xoxb-1"}).slack_bot_token is None


def test_without_them_single_workspace_mode_needs_the_bot_token() -> None:
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN is missing"):
        load_settings({"SLACK_SIGNING_SECRET": "s3cret"})
    assert load_settings({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1"}).oauth is None


@pytest.mark.parametrize(
    "missing", ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"]
)
def test_one_of_them_missing_is_named(missing: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({k: v for k, v in OAUTH.items() if k != missing})
    assert f"{missing} missing" in str(raised.value)


def test_a_short_state_secret_is_refused() -> None:
    with pytest.raises(SettingsError, match="SLACK_STATE_SECRET must be at least 16"):
        load_settings({**OAUTH, "SLACK_STATE_SECRET": "short"})


def test_encryption_key_must_be_a_fernet_key() -> None:
    key = Fernet.generate_key().decode()
    assert load_settings({**OAUTH, "TOKEN_ENCRYPTION_KEY": key}).token_encryption_key == key
    with pytest.raises(SettingsError, match="TOKEN_ENCRYPTION_KEY must be a Fernet key"):
        load_settings({**OAUTH, "TOKEN_ENCRYPTION_KEY": "not-a-key"})


def test_oauth_needs_http_mode() -> None:
    with pytest.raises(SettingsError, match="needs HTTP mode"):
        load_settings({**OAUTH, "SLACK_APP_TOKEN": "xapp-1"})
