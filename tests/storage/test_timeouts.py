"""PostgreSQL connections give up on a server that stops answering, in mid-transaction too."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from storage.db import Database
from storage.postgres import ANSWER_TIMEOUT
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
