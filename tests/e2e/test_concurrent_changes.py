"""Changes to one objective or check-in sent at the same moment: one wins, the others are told.

Found on PostgreSQL with parallel requests: two edits each adding a key result left three key
results with duplicate positions; five Undo clicks of one check-in wrote five audit rows; an
archive and two deletes recorded "old" states that were no longer true. Each test sends real
signed requests from threads that start together, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import Any, TypeVar

from sqlalchemy import select

from storage.models import AuditEvent, KeyResult, Objective
from tests import factories
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import audit_rows, opened_view
from tests.e2e.test_history import edit_values
from tests.e2e.test_objectives_edit import open_edit
from tests.factories import KR
from tests.objective_forms import KRForm, ObjectiveForm, latest_update, values, with_state

T = TypeVar("T")
STALE = "Someone changed this objective since you opened this form"


def at_once(*requests: Callable[[], T]) -> list[T]:
    """Run the requests from threads released together, so that they reach the bot together."""
    start = threading.Barrier(len(requests))

    def run(request: Callable[[], T]) -> T:
        start.wait()
        return request()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(run, requests))


def seed(bot: RunningBot) -> int:
    """Ana's objective; Ana is known already, as after her first request: nothing else is
    written before the requests read what they change (a first sight of her would be written
    by each, and that insert alone would make them wait for one another)."""
    with bot.db.begin() as session:
        factories.person(session, "U1", bot.clock.now)
        objective = factories.objective(
            session, bot.clock.now, key_results=[KR("Raise NPS", start=20, target=40)]
        )
        return objective.id


def seed_check_in(bot: RunningBot) -> tuple[int, int]:
    """Ana's objective with one check-in of 30: (key result id, check-in id)."""
    objective_id = seed(bot)
    with bot.db.begin() as session:
        objective = session.get(Objective, objective_id)
        assert objective is not None
        kr = objective.key_results[0]
        return kr.id, factories.check_in(session, kr, bot.clock.now, value=30).id


def form_adding(bot: RunningBot, objective_id: int, title: str, updates: int) -> Any:
    """An edit form of the objective with one key result added, typed in: (view, state)."""
    view = open_edit(bot, objective_id)
    form = ObjectiveForm(key_results=[KRForm("Raise NPS", start="20", target="40"), KRForm(title)])
    bot.click("objective_kr_add", "add", view=with_state(view, values(view, form)))
    view = latest_update(bot, updates)
    return view, values(view, form)


def test_two_edits_adding_a_key_result_one_saves_and_the_other_is_told(bot: RunningBot) -> None:
    objective_id = seed(bot)
    first = form_adding(bot, objective_id, "Cut churn to 3%", updates=1)
    second = form_adding(bot, objective_id, "Ship the survey", updates=2)

    answers = at_once(*(lambda form=form: bot.submit(*form).json() for form in (first, second)))

    saved = [a for a in answers if a["response_action"] == "update"]
    told = [a for a in answers if a["response_action"] == "errors"]
    assert len(saved) == 1 and len(told) == 1, answers
    assert STALE in told[0]["errors"]["objective_title"]
    with bot.db.begin() as session:
        rows = session.scalars(
            select(KeyResult).where(KeyResult.objective_id == objective_id)
        ).all()
        positions = sorted(kr.position for kr in rows)
        titles = {kr.title for kr in rows}
    assert positions == [0, 1]
    assert titles in ({"Raise NPS", "Cut churn to 3%"}, {"Raise NPS", "Ship the survey"})


def test_a_form_opened_before_another_save_is_refused_with_the_input_kept(
    bot: RunningBot,
) -> None:
    objective_id = seed(bot)
    early = form_adding(bot, objective_id, "Cut churn to 3%", updates=1)
    late = form_adding(bot, objective_id, "Ship the survey", updates=2)
    assert bot.submit(*late).json()["response_action"] == "update"

    answer = bot.submit(*early).json()

    assert answer["response_action"] == "errors" and list(answer["errors"]) == ["objective_title"]
    assert STALE in answer["errors"]["objective_title"]
    assert "close it and open it again" in answer["errors"]["objective_title"]
    with bot.db.begin() as session:
        titles = session.scalars(select(KeyResult.title).order_by(KeyResult.position)).all()
    assert titles == ["Raise NPS", "Ship the survey"]


def test_a_check_in_meanwhile_does_not_make_the_form_stale(bot: RunningBot) -> None:
    objective_id = seed(bot)
    view, state = form_adding(bot, objective_id, "Cut churn to 3%", updates=1)
    with bot.db.begin() as session:
        kr = session.scalars(select(KeyResult)).one()
        factories.check_in(session, kr, bot.clock.now, value=25)
    assert bot.submit(view, state).json()["response_action"] == "update"


def test_five_undo_clicks_undo_once(bot: RunningBot) -> None:
    _, check_in_id = seed_check_in(bot)
    bot.introduce("UADMIN")

    # Ana three times and an admin twice: one person's fourth request at once is turned away.
    users = ["U1", "U1", "U1", "UADMIN", "UADMIN"]
    at_once(
        *(
            lambda user=user: bot.click("checkin_undo", str(check_in_id), user=user)
            for user in users
        )
    )

    texts = sorted(call.params["text"] for call in bot.slack.wait_for("response_url", count=5))
    assert sum("Undone: 1 check-in" in t for t in texts) == 1, texts
    assert sum("deleted or undone already" in t for t in texts) == 4, texts
    assert [(e.entity, e.action) for e in audit_rows(bot)] == [("check_in", "undo")]


def test_archive_and_two_deletes_record_true_old_states(bot: RunningBot) -> None:
    objective_id = seed(bot)
    clicks = ["objective_archive", "objective_delete", "objective_delete"]

    at_once(*(lambda action=action: bot.click(action, str(objective_id)) for action in clicks))

    texts = [call.params["text"] for call in bot.slack.wait_for("response_url", count=3)]
    with bot.db.begin() as session:
        trail = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "objective", AuditEvent.entity_id == objective_id)
            .order_by(AuditEvent.id)
        ).all()
        changes = [e.changes["state"] for e in trail]
        final = session.get(Objective, objective_id)
        assert final is not None
    assert changes[0]["old"] == "active"
    assert all(later["old"] == earlier["new"] for earlier, later in pairwise(changes))
    assert final.state == changes[-1]["new"]
    done = [t for t in texts if " is archived: " in t or " is deleted, " in t]
    assert len(done) == len(changes), (texts, changes)
    refused = [t for t in texts if t not in done]
    assert all("can't be changed any more" in t or "can't find" in t for t in refused), texts


def test_two_edits_of_one_check_in_record_true_old_values(bot: RunningBot) -> None:
    kr_id, check_in_id = seed_check_in(bot)
    forms = []
    for count, value in enumerate(("31", "32"), start=1):
        bot.click("checkin_edit", str(check_in_id))
        forms.append(
            (opened_view(bot, count), edit_values(kr_id, value, "on_track", "", "2026-11-16"))
        )

    at_once(*(lambda form=form: bot.submit(*form) for form in forms))

    changes = [e.changes["value"] for e in audit_rows(bot)]
    assert [c["old"] for c in changes] in ([30, 31], [30, 32])
    assert changes[1]["old"] == changes[0]["new"]


def test_two_deletions_of_one_check_in_delete_once(bot: RunningBot) -> None:
    kr_id, check_in_id = seed_check_in(bot)
    forms = []
    for count in (1, 2):
        bot.click("checkin_edit", str(check_in_id))
        values = edit_values(kr_id, "30", "on_track", "", "2026-11-16", delete=True)
        forms.append((opened_view(bot, count), values))

    replies = at_once(*(lambda form=form: bot.submit(*form) for form in forms))

    told = [r.json() for r in replies if r.body]
    assert len(told) == 1 and "deleted or undone already" in str(told[0]["view"])
    assert [(e.entity, e.action) for e in audit_rows(bot)] == [("check_in", "delete")]


def test_an_edit_form_opened_before_forms_carried_a_version_saves(bot: RunningBot) -> None:
    objective_id = seed(bot)
    view, state = form_adding(bot, objective_id, "Cut churn to 3%", updates=1)
    metadata = json.loads(view["private_metadata"])
    del metadata["v"]
    older = {**view, "private_metadata": json.dumps(metadata)}

    assert bot.submit(older, state).json()["response_action"] == "update"
    with bot.db.begin() as session:
        titles = session.scalars(select(KeyResult.title).order_by(KeyResult.position)).all()
    assert titles == ["Raise NPS", "Cut churn to 3%"]
