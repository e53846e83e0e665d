"""No Slack call is made while a database transaction is open: a transaction held across a call
to Slack holds its locks (and, on SQLite, the one writer's place) for as long as Slack takes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Connection

from tests import factories
from tests.bot_fixtures import RunningBot
from tests.e2e.test_checkin_message import dm
from tests.emulator import Call
from tests.objective_forms import ObjectiveForm, create


@contextmanager
def calls_inside_transactions(bot: RunningBot) -> Iterator[list[str]]:
    """The Slack methods called while one of the bot's transactions was open."""
    lock = threading.Lock()
    open_transactions = 0
    inside: list[str] = []

    def began(connection: Connection) -> None:
        nonlocal open_transactions
        with lock:
            open_transactions += 1

    def ended(connection: Connection) -> None:
        nonlocal open_transactions
        with lock:
            open_transactions -= 1

    def called(call: Call) -> None:
        with lock:
            if open_transactions > 0:
                inside.append(call.method)

    engine = bot.db.engine
    event.listen(engine, "begin", began)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)
    bot.slack.watch(called)
    try:
        yield inside
    finally:
        event.remove(engine, "begin", began)
        event.remove(engine, "commit", ended)
        event.remove(engine, "rollback", ended)


def test_no_slack_call_is_made_while_a_transaction_is_open(bot: RunningBot) -> None:
    # Slack describes Ana (who opens the form) and the admin first: "a transaction is open" is
    # told for the whole bot, and her description, asked after /okr new has been answered,
    # would otherwise overlap the form's submission.
    bot.introduce("U1")
    bot.introduce("UADMIN")
    bot.slack.add_user("U3", name="cy", real_name="Cy Diaz")  # never seen: asked of users.list
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now, title="Grow signups")
        factories.check_in(session, objective.key_results[0], bot.clock.now, value=3)
    with calls_inside_transactions(bot) as inside:
        answer = create(bot, ObjectiveForm(title="Delight customers", owner="U2"))
        assert answer["response_action"] == "update", answer
        bot.settle()
        assert bot.command("list @cy").status == 200
        bot.slack.wait_for("response_url")
        bot.settle()  # one request at a time: "a transaction is open" is told for the whole bot
        for command in ("checkin", "history"):
            assert bot.command(command).status == 200
            bot.settle()
        assert bot.command("settings", user="UADMIN").status == 200
        bot.settle()
        assert bot.event(dm("grow signups 5")).status == 200
        bot.slack.wait_for("chat.postMessage")
        bot.settle()
        called = {call.method for call in bot.slack.calls}
    assert {"users.info", "users.list", "views.open", "chat.postMessage"} <= called
    assert inside == [], inside
