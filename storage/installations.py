"""Installations (OAuth mode): slack_sdk's SQLAlchemy stores on the bot's own engine, with the
tokens sealed by TOKEN_ENCRYPTION_KEY and the OAuth state signed by SLACK_STATE_SECRET."""

from __future__ import annotations

import copy
import hashlib
import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, String, Table, func, literal, select, update
from sqlalchemy.orm import Session

from storage.models import Workspace

# What marks a sealed value in the table; Slack's tokens start with xox.
SEALED = "fernet:"
TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
# A sealed rotating token (xoxe.xoxb-…, ~160 characters) is over 300: slack_sdk's String(200)
# holds the plain token only, so the migration and these stores make the columns wider.
TOKEN_LENGTH = 1000
# SQLite serves one process: there, this process's lock is every rotator's.
_ROTATING = threading.Lock()
# How long a rotator waits for another's turn, as PostgreSQL's lock_timeout (storage/postgres.py).
ROTATION_WAIT_SECONDS = 2


class Sealer:
    """Encrypts tokens with a Fernet key (authenticated AES); without a key, leaves them be."""

    def __init__(self, key: str | None) -> None:
        self._fernet = Fernet(key.encode()) if key is not None else None

    def seal(self, value: str | None) -> str | None:
        if value is None or self._fernet is None or value.startswith(SEALED):
            return value
        return SEALED + self._fernet.encrypt(value.encode()).decode()

    def open(self, value: str | None) -> str | None:
        if value is None or not value.startswith(SEALED):
            return value  # stored before TOKEN_ENCRYPTION_KEY was set
        if self._fernet is None:
            raise ValueError("a token is encrypted but TOKEN_ENCRYPTION_KEY is not set")
        return self._fernet.decrypt(value.removeprefix(SEALED).encode()).decode()

    def sealed(self, entity: Any) -> Any:
        """A copy of an Installation or a Bot with its tokens sealed (the caller keeps its own)."""
        sealed = copy.copy(entity)
        for name in TOKEN_FIELDS:
            if hasattr(sealed, name):
                setattr(sealed, name, self.seal(getattr(sealed, name)))
        return sealed

    def opened(self, entity: Any) -> Any:
        for name in TOKEN_FIELDS:
            if hasattr(entity, name):
                setattr(entity, name, self.open(getattr(entity, name)))
        return entity


def _widened(table: Table) -> Table:
    for name in TOKEN_FIELDS:
        if name in table.c:
            table.c[name].type = String(TOKEN_LENGTH)
    return table


class InstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's store, through which no token reaches the table unsealed."""

    @classmethod
    def build_installations_table(cls, metadata: MetaData, table_name: str) -> Table:
        return _widened(super().build_installations_table(metadata, table_name))

    @classmethod
    def build_bots_table(cls, metadata: MetaData, table_name: str) -> Table:
        return _widened(super().build_bots_table(metadata, table_name))

    def __init__(self, client_id: str, engine: Engine, *, encryption_key: str | None) -> None:
        super().__init__(client_id=client_id, engine=engine)
        self.sealer = Sealer(encryption_key)

    def save(self, installation: Installation) -> None:
        super().save(self.sealer.sealed(installation))
        # Installed again after an uninstall: its jobs resume.
        with Session(self.engine) as session, session.begin():
            mark_installed(session, str(installation.team_id))

    def save_bot(self, bot: Bot) -> None:
        super().save_bot(self.sealer.sealed(bot))

    def find_bot(self, **kwargs: Any) -> Bot | None:
        found = super().find_bot(**kwargs)
        return None if found is None else self.sealer.opened(found)

    def find_installation(self, **kwargs: Any) -> Installation | None:
        found = super().find_installation(**kwargs)
        return None if found is None else self.sealer.opened(found)


class StateStore(SQLAlchemyOAuthStateStore):
    """slack_sdk's state store, whose states carry an HMAC of SLACK_STATE_SECRET: a forged or
    mistyped state is refused without a look in the database."""

    def __init__(self, secret: str, engine: Engine, *, expiration_seconds: int) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=engine)
        self._secret = secret.encode()

    def _signature(self, state: str) -> str:
        return hmac.new(self._secret, state.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = str(super().issue(*args, **kwargs))
        return f"{state}.{self._signature(state)}"

    def consume(self, state: str) -> bool:
        stored, _, signature = (state or "").partition(".")
        if not hmac.compare_digest(signature, self._signature(stored)):
            return False
        return bool(super().consume(stored))


def tables() -> MetaData:
    """The stores' tables, as the migration 0009 makes them."""
    metadata = MetaData()
    InstallationStore.build_installations_table(metadata, "slack_installations")
    InstallationStore.build_bots_table(metadata, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, "slack_oauth_states")
    return metadata


def mark_uninstalled(session: Session, team_id: str, now: datetime) -> None:
    """Jobs skip the workspace from now on (storage/prompts.team_ids)."""
    session.execute(
        update(Workspace).where(Workspace.team_id == team_id).values(uninstalled_at=now)
    )


def mark_installed(session: Session, team_id: str) -> None:
    session.execute(
        update(Workspace).where(Workspace.team_id == team_id).values(uninstalled_at=None)
    )


@contextmanager
def rotation_turn(engine: Engine, team_id: str, *, wait: bool) -> Iterator[bool]:
    """Whether this process may refresh the workspace's tokens now, held for the block: at once,
    or after waiting (`wait`) for whoever holds it. PostgreSQL: an advisory lock every replica
    shares, on a connection of its own for the block; SQLite: this process's lock."""
    if engine.dialect.name != "postgresql":
        held = (
            _ROTATING.acquire(timeout=ROTATION_WAIT_SECONDS) if wait else _ROTATING.acquire(False)
        )
        try:
            yield held
        finally:
            if held:
                _ROTATING.release()
        return
    key = func.hashtextextended(f"token rotation:{team_id}", literal(0))
    with engine.connect() as connection, connection.begin():
        if wait:
            connection.execute(select(func.pg_advisory_xact_lock(key)))
            yield True
        else:
            yield bool(connection.scalar(select(func.pg_try_advisory_xact_lock(key))))
