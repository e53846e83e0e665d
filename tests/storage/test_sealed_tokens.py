"""With TOKEN_ENCRYPTION_KEY, no token reaches the stores' tables in the clear, and the bot
reads back the token it saved; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet, InvalidToken
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import text

from storage.db import Database
from storage.installations import InstallationStore

TOKEN = "xoxe.xoxb-1-" + "M" * 140  # a rotating token's length
REFRESH = "xoxe-1-" + "R" * 140


def _installation() -> Installation:
    return Installation(
        app_id="A0OKRBOT",
        team_id="T0002",
        user_id="UADMIN",
        bot_token=TOKEN,
        bot_refresh_token=REFRESH,
        bot_token_expires_in=43200,
        bot_id="BT0002",
        bot_user_id="UBOTT0002",
    )


def _raw(db: Database) -> str:
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM slack_bots")).all()
        rows += connection.execute(text("SELECT * FROM slack_installations")).all()
    return repr(rows)


def test_tokens_are_stored_encrypted_and_read_back(db: Database) -> None:
    key = Fernet.generate_key().decode()
    store = InstallationStore("1111.2222", db.engine, encryption_key=key)
    store.save(_installation())
    raw = _raw(db)
    assert "fernet:" in raw
    assert "xoxb-" not in raw and "xoxe" not in raw
    bot = store.find_bot(enterprise_id=None, team_id="T0002")
    installation = store.find_installation(enterprise_id=None, team_id="T0002")
    assert bot is not None and installation is not None
    assert (bot.bot_token, bot.bot_refresh_token) == (TOKEN, REFRESH)
    assert installation.bot_token == TOKEN

    other = InstallationStore("1111.2222", db.engine, encryption_key=Fernet.generate_key().decode())
    with pytest.raises(InvalidToken):
        other.find_bot(enterprise_id=None, team_id="T0002")


def test_without_a_key_tokens_are_stored_as_slack_gave_them(db: Database) -> None:
    store = InstallationStore("1111.2222", db.engine, encryption_key=None)
    store.save(_installation())
    assert TOKEN in _raw(db)
    bot = store.find_bot(enterprise_id=None, team_id="T0002")
    assert bot is not None and bot.bot_token == TOKEN
