from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings, read_environment

VALID = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}


def test_defaults_give_http_mode_on_sqlite() -> None:
    settings = load_settings(VALID)
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.port == 3000
    assert not settings.socket_mode
    assert settings.slack_api_url == "https://slack.com/api/"


def test_every_missing_variable_is_named_at_once() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({})
    message = str(raised.value)
    assert "SLACK_BOT_TOKEN is missing" in message
    assert "SLACK_SIGNING_SECRET is missing" in message
    assert "README.md" in message


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user", "must start with xoxb-"),
        ("SLACK_APP_TOKEN", "xoxb-wrong", "must start with xapp-"),
        ("PORT", "eighty", "PORT must be a number"),
        ("PORT", "70000", "PORT must be a number"),
        ("LOG_LEVEL", "chatty", "LOG_LEVEL must be one of"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL must be"),
        ("SLACK_API_URL", "localhost:9", "SLACK_API_URL must be"),
        ("OUTBOX_LEASE_SECONDS", "0", "OUTBOX_LEASE_SECONDS must be a whole number of seconds"),
        ("OUTBOX_LEASE_SECONDS", "2.5", "OUTBOX_LEASE_SECONDS must be a whole number of seconds"),
        ("OUTBOX_LEASE_SECONDS", "3601", "between 1 and 3600"),
    ],
)
def test_malformed_values_are_explained(name: str, value: str, expected: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({**VALID, name: value})
    assert expected in str(raised.value)


def test_health_port_serves_socket_mode_and_is_refused_in_http_mode() -> None:
    socket_mode = {**VALID, "SLACK_APP_TOKEN": "xapp-1"}
    assert load_settings(socket_mode).health_port is None
    assert load_settings({**socket_mode, "HEALTH_PORT": "8080"}).health_port == 8080
    with pytest.raises(SettingsError) as bad:
        load_settings({**socket_mode, "HEALTH_PORT": "0"})
    assert "HEALTH_PORT must be a number between 1 and 65535" in str(bad.value)
    with pytest.raises(SettingsError) as http_mode:
        load_settings({**VALID, "HEALTH_PORT": "8080"})
    assert "HEALTH_PORT is for Socket Mode" in str(http_mode.value)


def test_the_outbox_lease_is_two_minutes_unless_set() -> None:
    assert load_settings(VALID).outbox_lease_seconds == 120
    assert load_settings({**VALID, "OUTBOX_LEASE_SECONDS": "5"}).outbox_lease_seconds == 5


def test_plain_postgres_urls_use_psycopg_3() -> None:
    settings = load_settings({**VALID, "DATABASE_URL": "postgresql://u@db/okr"})
    assert settings.database_url == "postgresql+psycopg://u@db/okr"


def test_app_token_selects_socket_mode_and_api_url_gets_a_slash() -> None:
    settings = load_settings(
        {**VALID, "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": "http://127.0.0.1:9/api"}
    )
    assert settings.socket_mode
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"


def test_environment_overrides_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("SLACK_BOT_TOKEN=xoxb-from-file\nPORT=4000\n")
    monkeypatch.setenv("PORT", "5000")
    values = read_environment(env_file)
    assert values["SLACK_BOT_TOKEN"] == "xoxb-from-file"
    assert values["PORT"] == "5000"
