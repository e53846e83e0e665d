"""One request that Slack sends again (a retry, or a replay within the 5-minute window) changes
nothing the second time and gets the first answer again, over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import func, select

from storage.models import AuditEvent, Objective
from tests import factories
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.e2e.checkin_support import check_ins, opened_view, page_values
from tests.e2e.test_checkin_message import dm
from tests.factories import KR
from tests.logs import waiting_logs
from tests.objective_forms import ObjectiveForm, open_new, values
from tests.slack_requests import Reply, interactivity_body, view_submission_payload


def submission(bot: RunningBot, view: dict[str, Any], state: dict[str, Any]) -> bytes:
    payload = view_submission_payload(
        team_id=TEAM_ID,
        user_id="U1",
        view=view,
        values=state,
        trigger_id=bot.slack.new_trigger_id(),
    )
    return interactivity_body(payload)


def sent_again(bot: RunningBot, body: bytes, times: int, *, at_once: bool) -> list[Reply]:
    """The same signed bytes, one after the other or all at once (threads)."""
    stamp = int(time.time())

    def send(_: int) -> Reply:
        return bot.post(body, "application/x-www-form-urlencoded", timestamp=stamp)

    if not at_once:
        return [send(n) for n in range(times)]
    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(send, range(times)))


def count(bot: RunningBot, query: Any) -> int:
    with bot.db.begin() as session:
        return int(session.scalar(query) or 0)


def test_an_objective_form_sent_three_times_at_once_creates_one_objective(
    bot: RunningBot,
) -> None:
    view = open_new(bot)
    body = submission(bot, view, values(view, ObjectiveForm(title="Delight customers")))

    replies = sent_again(bot, body, 3, at_once=True)

    assert [r.status for r in replies] == [200, 200, 200]
    first = replies[0].json()
    assert first["response_action"] == "update"
    assert first["view"]["title"]["text"] == "Objective created"
    assert [r.json() for r in replies] == [first] * 3, "each copy gets the first answer"
    assert count(bot, select(func.count()).select_from(Objective)) == 1
    created = select(func.count()).where(
        AuditEvent.entity == "objective", AuditEvent.action == "create"
    )
    assert count(bot, created) == 1


def test_an_objective_form_replayed_later_gets_the_first_answer(bot: RunningBot) -> None:
    view = open_new(bot)
    body = submission(bot, view, values(view, ObjectiveForm(title="Delight customers")))

    first, again, third = sent_again(bot, body, 3, at_once=False)

    assert first.json()["view"]["title"]["text"] == "Objective created"
    assert again.json() == first.json() and third.json() == first.json()
    assert count(bot, select(func.count()).select_from(Objective)) == 1


def test_a_form_with_errors_can_be_corrected_and_sent_again(bot: RunningBot) -> None:
    view = open_new(bot)
    wrong = bot.submit(view, values(view, ObjectiveForm(title="")))
    assert wrong.json()["response_action"] == "errors"

    right = bot.submit(view, values(view, ObjectiveForm(title="Delight customers")))

    assert right.json()["view"]["title"]["text"] == "Objective created"
    assert count(bot, select(func.count()).select_from(Objective)) == 1


def test_a_check_in_form_replayed_records_one_check_in(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now, key_results=[KR("Signups")])
        kr_id = objective.key_results[0].id
    bot.command("checkin")
    view = opened_view(bot)
    body = submission(bot, view, page_values({kr_id: ("42", "on_track", "good week")}))

    replies = sent_again(bot, body, 2, at_once=False) + sent_again(bot, body, 2, at_once=True)

    assert [r.json() for r in replies] == [replies[0].json()] * 4
    assert replies[0].json()["response_action"] == "update"
    assert [(r.value, r.note) for r in check_ins(bot)] == [(42, "good week")]


def test_an_unreadable_dm_delivered_again_is_answered_once(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, key_results=[KR("Signups")])
    event = dm("what is this even")
    assert bot.event(event).status == 200
    (reply,) = bot.slack.wait_for("chat.postMessage")
    assert "Signups" in reply.params["text"] or "Signups" in str(reply.params["blocks"])
    assert check_ins(bot) == []

    retried = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    with waiting_logs("okr_bot.replays") as logs:
        assert bot.event(event, headers=retried).status == 200
        logs.wait_for("answered already")
    with waiting_logs("okr_bot.replays") as logs:
        assert bot.event(event).status == 200
        logs.wait_for("answered already")

    assert len(bot.slack.calls_to("chat.postMessage")) == 1
