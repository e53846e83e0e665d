"""The record of handled requests: a copy finds the first answer, and old records go."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from bot import replays
from bot.people import ensure_workspace
from storage.db import Database
from storage.models import HandledRequest
from tests.clock import FakeClock


def keys(db: Database) -> list[str]:
    with db.begin() as session:
        return list(session.scalars(select(HandledRequest.key).order_by(HandledRequest.key)))


def test_a_copy_finds_the_first_answer(db: Database, clock: FakeClock) -> None:
    saved = {"response_action": "update", "view": {"type": "modal"}}
    with db.begin() as session:
        assert replays.claim(session, "T1", "view:V1:h1", clock()) is None
        replays.settle(session, "T1", "view:V1:h1", saved)
    with db.begin() as session:
        earlier = replays.claim(session, "T1", "view:V1:h1", clock.advance(minutes=4))
        assert earlier is not None and earlier.answer == saved
        assert replays.claim(session, "T2", "view:V1:h1", clock()) is None, "per workspace"


def test_a_forgotten_request_is_acted_on_again(db: Database, clock: FakeClock) -> None:
    with db.begin() as session:
        assert replays.claim(session, "T1", "view:V1:h1", clock()) is None
        replays.forget(session, "T1", "view:V1:h1")
    with db.begin() as session:
        assert replays.claim(session, "T1", "view:V1:h1", clock()) is None


def test_records_older_than_a_day_are_cleared_by_the_next_claim(
    db: Database, clock: FakeClock
) -> None:
    with db.begin() as session:
        replays.claim(session, "T1", replays.message_key("D1:1.000001"), clock())
        replays.claim(session, "T1", replays.message_key("D1:1.000002"), clock.advance(hours=1))
    with db.begin() as session:
        later = clock.advance(hours=23, minutes=30)  # a day and a half hour after the first
        replays.claim(session, "T1", replays.message_key("D1:1.000003"), later)
    assert keys(db) == ["message:D1:1.000002", "message:D1:1.000003"]


def test_a_forged_hash_or_ts_makes_a_key_that_fits_and_still_tells_copies_apart(
    db: Database, clock: FakeClock
) -> None:
    long_hash = {"id": "V1", "hash": "h" * 300}
    odd_hash = {"id": "V1", "hash": "\ud800²"}
    forged = [
        replays.view_key(long_hash),
        replays.view_key(odd_hash),
        replays.message_key("D1:" + "9" * 300),
    ]
    assert replays.view_key({"id": "V1", "hash": "1.abc"}) == "view:V1:1.abc", "Slack's, as is"
    with db.begin() as session:
        for key in forged:
            assert replays.claim(session, "T1", key, clock()) is None
    with db.begin() as session:
        for key in forged:
            assert replays.claim(session, "T1", key, clock()) is not None, "a copy is known"
    assert replays.view_key(long_hash) != replays.view_key({"id": "V1", "hash": "h" * 301})


def test_a_message_being_answered_elsewhere_is_not_waited_for(
    db: Database, clock: FakeClock
) -> None:
    """Slack's retry of a DM reaching another replica while the first is still checking in:
    the copy is dropped at once instead of waiting on the key (and failing at the lock
    timeout); once the first is done the copy finds it answered. On SQLite the write lock
    keeps the second transaction out altogether, so the overlap is PostgreSQL's."""
    key = replays.message_key("D1:1.1")
    with db.begin() as session:
        ensure_workspace(session, "T1", clock())
    if db.engine.dialect.name == "postgresql":
        with db.begin() as first:
            assert replays.first_time(first, "T1", key, clock())
            with db.begin() as copy:
                started = time.monotonic()
                assert not replays.first_time(copy, "T1", key, clock())
                assert time.monotonic() - started < 1, "not waited for"
                assert replays.first_time(copy, "T1", "message:D1:2.2", clock()), "another one"
    else:
        with db.begin() as first:
            assert replays.first_time(first, "T1", key, clock())
    with db.begin() as later:
        assert not replays.first_time(later, "T1", key, clock.advance(minutes=1))


def test_a_message_whose_first_try_rolled_back_is_acted_on(db: Database, clock: FakeClock) -> None:
    key = replays.message_key("D1:1.1")
    with pytest.raises(RuntimeError), db.begin() as first:
        assert replays.first_time(first, "T1", key, clock())
        raise RuntimeError("the check-in failed")
    with db.begin() as again:
        assert replays.first_time(again, "T1", key, clock())
