"""Migration 0009 makes the tables slack_sdk's installation and state stores define (theirs,
not created at run time), token columns widened for ciphertext."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Index, MetaData, String, Table

from storage.db import Database
from storage.installations import TOKEN_FIELDS, TOKEN_LENGTH, InstallationStore, StateStore

STORE_TABLES = {"slack_installations", "slack_bots", "slack_oauth_states"}


def _stores_metadata(db: Database) -> MetaData:
    """The tables as the bot's stores build them when they are made (their own metadata)."""
    combined = MetaData()
    installation_store = InstallationStore("123.456", db.engine, encryption_key=None)
    state_store = StateStore("x" * 32, db.engine, expiration_seconds=600)
    for metadata in (installation_store.metadata, state_store.metadata):
        for table in metadata.tables.values():
            table.to_metadata(combined)
    return combined


def test_migrated_tables_are_the_stores_own(db: Database) -> None:
    expected = _stores_metadata(db)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, expected)
    # Our own tables are in the database too: only differences about the stores' count.
    ours = [d for d in differences if _table_of(d) in STORE_TABLES]
    assert ours == [], f"migration 0009 and the stores disagree: {ours}"
    assert set(expected.tables) >= STORE_TABLES


def _table_of(difference: object) -> str:
    """The table a difference is about: ("add_table", Table), ("add_index", Index),
    ("add_column", schema, table name, Column), or a list of ("modify_…", schema, table name…)."""
    item = difference[0] if isinstance(difference, list) else difference
    assert isinstance(item, tuple)
    if isinstance(item[1], Table):
        return item[1].name
    if isinstance(item[1], Index):
        return str(item[1].table.name)  # type: ignore[union-attr]
    return str(item[2])


def test_only_the_token_columns_differ_from_slack_sdk(db: Database) -> None:
    theirs = SQLAlchemyInstallationStore("123.456", db.engine).metadata
    ours = InstallationStore("123.456", db.engine, encryption_key=None).metadata
    for name, table in theirs.tables.items():
        mine = ours.tables[name]
        assert list(mine.c.keys()) == list(table.c.keys())
        for column in table.c:
            if column.name in TOKEN_FIELDS:
                widened = mine.c[column.name].type
                assert isinstance(widened, String) and widened.length == TOKEN_LENGTH
            else:
                assert repr(mine.c[column.name].type) == repr(column.type), column.name
                assert mine.c[column.name].nullable == column.nullable
