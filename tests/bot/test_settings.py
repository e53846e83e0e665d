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
    ],
)
def test_malformed_values_are_explained(name: str, value: str, expected: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({**VALID, name: value})
    assert expected in str(raised.value)


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
