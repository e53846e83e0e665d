"""PostgreSQL connections give up on a server that stops answering, in mid-transaction too."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from storage.db import Database
from storage.migrate import migration_engine
from storage.postgres import ANSWER_TIMEOUT, _GivingUpConnection
from tests.proxy import FreezableProxy


@pytest.mark.postgres
def test_a_statement_gives_up_when_the_server_stops_answering(postgres_url: str) -> None:
    with FreezableProxy(postgres_url) as proxy:
        db = Database(proxy.url)
        failures: list[Exception] = []

        def transaction() -> None:
            try:
                with db.begin() as session:
                    session.execute(select(1))
                    proxy.freeze()
                    session.execute(select(1))
            except Exception as exc:
                failures.append(exc)

        worker = threading.Thread(target=transaction)
        worker.start()
        worker.join(timeout=ANSWER_TIMEOUT * 3)  # the bound on this test, not a measurement
        assert not worker.is_alive(), "the statement was still waiting"
        (failure,) = failures
        assert isinstance(failure, OperationalError)
        assert f"the database did not answer within {ANSWER_TIMEOUT:g} seconds" in str(failure)
        db.dispose()


@pytest.mark.postgres
def test_migrations_run_without_the_request_paths_timeouts(postgres_url: str) -> None:
    """A migration of a large table may take minutes: no statement, lock or answer timeout."""
    db = Database(postgres_url)
    with db.begin() as session:
        assert session.execute(text("SHOW statement_timeout")).scalar_one() != "0"
    with migration_engine(db).connect() as connection:
        assert connection.execute(text("SHOW statement_timeout")).scalar_one() == "0"
        assert connection.execute(text("SHOW lock_timeout")).scalar_one() == "0"
        assert not isinstance(connection.connection.driver_connection, _GivingUpConnection)
    db.dispose()
