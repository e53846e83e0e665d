"""A database that stops answering: /healthz says 503 at once and requests get an answer,
instead of hanging and holding the bot's threads and connections."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from storage.db import POOL_OVERFLOW, POOL_SIZE, Database
from storage.models import KeyResult
from tests import factories
from tests.bot_fixtures import RunningBot, serving
from tests.clock import FakeClock
from tests.databases import truncate_all
from tests.e2e.checkin_support import opened_view, page_values
from tests.emulator import SlackEmulator
from tests.factories import KR
from tests.proxy import FreezableProxy

# The bound on every wait below: past it the test fails instead of hanging.
CLIENT_TIMEOUT = 5
NOT_SAVED = "Your check-in was not saved: the database did not answer. Submit again."
postgresql_only = pytest.mark.parametrize(
    "db", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


def healthz(bot: RunningBot) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(bot.url + "/healthz", timeout=CLIENT_TIMEOUT) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def listed(bot: RunningBot, user: str = "U1") -> str:
    """Send `/okr list` and return the text of the answer it gets at its response_url."""
    before = len(bot.slack.calls_to("response_url"))
    assert bot.command("list", user=user).status == 200
    answer = bot.slack.wait_for("response_url", count=before + 1, timeout=20)[-1]
    return str(answer.params["text"])


def own_key_result(bot: RunningBot) -> int:
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now, key_results=[KR("Signups")])
        return objective.key_results[0].id


@pytest.fixture
def frozen_bot(
    postgres_url: str, slack: SlackEmulator, clock: FakeClock
) -> Iterator[tuple[RunningBot, FreezableProxy]]:
    """The bot on PostgreSQL through a relay the test can freeze."""
    direct = Database(postgres_url)
    truncate_all(direct)
    direct.dispose()
    with FreezableProxy(postgres_url) as proxy:
        db = Database(proxy.url)
        with serving(db, slack, clock) as running:
            try:
                yield running, proxy
            finally:
                proxy.close()  # frees whatever still waits on it, so that the bot can stop
        db.dispose()


def test_healthz_is_503_while_postgres_does_not_answer(
    frozen_bot: tuple[RunningBot, FreezableProxy],
) -> None:
    bot, proxy = frozen_bot
    assert listed(bot).startswith("Your objectives")  # leaves a connection in the pool
    assert healthz(bot)[0] == 200
    proxy.freeze()
    for user in ("U1", "U2", "UADMIN"):
        assert bot.command("list", user=user).status == 200  # these wait on the database
    status, body = healthz(bot)
    assert status == 503, body
    assert body["status"] == "unavailable" and body["database"]


def test_a_request_is_answered_while_postgres_does_not_answer_and_after(
    frozen_bot: tuple[RunningBot, FreezableProxy],
) -> None:
    bot, proxy = frozen_bot
    assert listed(bot).startswith("Your objectives")
    proxy.freeze()
    assert "Please try again in a moment" in listed(bot)
    proxy.thaw()
    assert listed(bot).startswith("Your objectives")


@postgresql_only
def test_a_check_in_waiting_on_a_locked_row_is_told_in_the_form(bot: RunningBot) -> None:
    kr_id = own_key_result(bot)
    assert bot.command("checkin").status == 200
    view = opened_view(bot)
    entry = page_values({kr_id: ("40", "on_track", "")})
    with bot.db.begin() as session:  # another transaction holds the key result's row
        session.execute(select(KeyResult).where(KeyResult.id == kr_id).with_for_update())
        answer = bot.submit(view, entry).json()
    assert answer == {"response_action": "errors", "errors": {f"value-{kr_id}": NOT_SAVED}}
    assert bot.submit(view, entry).json()["response_action"] == "update"  # submitting again


def test_a_full_pool_holds_up_neither_healthz_nor_the_answer_to_a_check_in(
    bot: RunningBot,
) -> None:
    kr_id = own_key_result(bot)
    assert bot.command("checkin").status == 200
    view = opened_view(bot)
    with ExitStack() as held:  # every connection of the bot's pool taken, as stuck requests do
        for _ in range(POOL_SIZE + POOL_OVERFLOW):
            held.enter_context(bot.db.engine.connect())
        assert healthz(bot)[0] == 200
        answer = bot.submit(view, page_values({kr_id: ("40", "on_track", "")})).json()
    assert answer == {"response_action": "errors", "errors": {f"value-{kr_id}": NOT_SAVED}}


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_healthz_answers_while_a_writer_holds_the_sqlite_lock(bot: RunningBot) -> None:
    path = make_url(bot.db.url).database
    assert path is not None
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        status, body = healthz(bot)
    finally:
        writer.close()
    assert (status, body["database"]) == (200, "ok")
