"""Ordinary concurrency, over HTTP with real parallel requests, on SQLite and PostgreSQL.

A deferred BEGIN on SQLite failed these ("the database did not answer", "something went wrong",
a modal closed with its input lost): the read lock it took could not be upgraded to a write
while another request wrote, and busy_timeout does not wait for that upgrade.
"""

from __future__ import annotations

import itertools
from functools import partial
from typing import Any

from sqlalchemy import select

from storage.models import Objective, Person
from tests import factories
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.e2e.checkin_support import blocks_text, check_ins, key_result, opened_view, page_values
from tests.e2e.parallel import at_once
from tests.factories import KR
from tests.objective_forms import ObjectiveForm, values
from tests.slack_requests import Reply

FAILED = ("did not answer", "went wrong")
_ts = itertools.count(1)


def own_key_result(bot: RunningBot, owner: str) -> int:
    with bot.db.begin() as session:
        objective = factories.objective(
            session, bot.clock.now, owner=owner, key_results=[KR("Signups", start=0, target=1000)]
        )
        return objective.key_results[0].id


def dm(text: str, user: str) -> dict[str, Any]:
    ts = f"1763300000.{next(_ts):06d}"
    return {
        "type": "message",
        "channel": f"D{user}",
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
    }


def answer_of(reply: Reply) -> dict[str, Any]:
    """A view submission's answer; an empty one would close the modal and lose the input."""
    assert reply.status == 200 and reply.body, reply
    answer: dict[str, Any] = reply.json()
    return answer


def test_twenty_pairs_of_simultaneous_dm_check_ins_all_land(bot: RunningBot) -> None:
    key_results = {user: own_key_result(bot, user) for user in ("U1", "U2")}
    for round_ in range(20):
        sent = at_once(
            [partial(bot.event, dm(f"1: {100 + round_} on track", u)) for u in key_results]
        )
        assert [reply.status for reply in sent] == [200, 200]
        # Both replies before the next pair: each person has one message in flight at a time.
        replies = bot.slack.wait_for("chat.postMessage", count=2 * (round_ + 1), timeout=10)
    read = [blocks_text(call.params) for call in replies]
    assert [text for text in read if any(f in text for f in FAILED)] == []
    assert all("Checked in 1 key result" in text for text in read), read
    for kr_id in key_results.values():
        values = [row.value for row in check_ins(bot) if row.key_result_id == kr_id]
        assert values == [100 + n for n in range(20)]
        assert key_result(bot, kr_id).current_value == 119


def test_twenty_parallel_check_ins_on_one_key_result_all_land(bot: RunningBot) -> None:
    kr_id = own_key_result(bot, "U1")
    admins = [f"UADM{n:02d}" for n in range(20)]
    for admin in admins:
        bot.slack.add_user(admin, is_admin=True)  # admins may check in on Ana's key result
    bot.introduce(*admins)
    assert bot.command("checkin").status == 200
    view = opened_view(bot)

    def submit(n: int) -> Reply:
        # Each person has a modal of their own, with its own view id.
        own_view = {**view, "id": f"VPARALLEL{n:02d}"}
        entry = page_values({kr_id: (str(100 + n), "on_track", f"note {n}")})
        return bot.submit(own_view, entry, user=admins[n])

    answers = [answer_of(r) for r in at_once([partial(submit, n) for n in range(20)])]

    assert [a["response_action"] for a in answers] == ["update"] * 20, answers
    assert all("Saved 1 check-in" in blocks_text(a["view"]) for a in answers)
    rows = [row for row in check_ins(bot) if row.key_result_id == kr_id]
    assert sorted((row.value, row.author_id) for row in rows) == [
        (100 + n, admins[n]) for n in range(20)
    ]
    assert key_result(bot, kr_id).current_value == rows[-1].value


def test_twenty_parallel_first_time_lists_all_answer(bot: RunningBot) -> None:
    newcomers = [f"UNEW{n:02d}" for n in range(20)]
    for user in newcomers:
        bot.slack.add_user(user)

    sent = at_once([partial(bot.command, "list", user=u) for u in newcomers])

    assert [reply.status for reply in sent] == [200] * 20
    answers = bot.slack.wait_for("response_url", count=20, timeout=10)
    read = [call.params["text"] for call in answers]
    assert [text for text in read if any(f in text for f in FAILED)] == []
    assert all(text.startswith("Your objectives, ") for text in read), read
    with bot.db.begin() as session:
        known = session.scalars(select(Person.user_id).where(Person.team_id == TEAM_ID))
        assert set(newcomers) <= set(known)


def test_two_parallel_edits_of_one_objective_never_lose_a_form(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        objective_id = factories.objective(session, bot.clock.now, title="Delight").id
    editors = ("U1", "UADMIN")  # the owner and an admin, at the same time
    bot.introduce(*editors)
    for round_ in range(10):
        views = {}
        for user in editors:
            before = len(bot.slack.calls_to("views.open"))
            assert bot.click("objective_edit", str(objective_id), user=user).status == 200
            views[user] = bot.slack.wait_for("views.open", count=before + 1)[-1].response["view"]
        titles = {user: f"Delight {user} {round_}" for user in editors}

        forms = {u: values(views[u], ObjectiveForm(title=titles[u])) for u in editors}
        sent = at_once([partial(bot.submit, views[u], forms[u], user=u) for u in editors])

        answers = dict(zip(editors, [answer_of(reply) for reply in sent], strict=True))
        saved = [u for u, a in answers.items() if a["response_action"] == "update"]
        refused = {u: a for u, a in answers.items() if a["response_action"] == "errors"}
        assert len(saved) + len(refused) == 2 and saved, answers
        # A loser, if any, keeps its modal open with its input and is told why, in the form.
        assert not [a for a in refused.values() if any(f in str(a) for f in FAILED)], refused
        with bot.db.begin() as session:
            stored = session.get(Objective, objective_id)
            assert stored is not None and stored.title in {titles[u] for u in saved}
    assert bot.slack.calls_to("chat.postMessage") == []
