"""Forged team_ids, with two workspaces installed by OAuth, on SQLite and PostgreSQL: the
signature is the app's, so a request from Globex (or a bug) may name Acme's objective, key
result, check-in or history in a button's value or a view's private_metadata. Globex's U1 is
not Acme's U1, who owns them: each is refused with the usual refusal, nothing of Acme's is
stored or changed, and Globex's calls never name Acme's rows."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.models import AuditEvent, CheckIn, KeyResult, Objective
from tests import factories
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text, opened_view, page_values
from tests.e2e.close_support import open_close
from tests.e2e.isolation_support import ACME, GLOBEX, calls_of, leaks, workspaces  # noqa: F401
from tests.e2e.test_checkin_forged import edit_values
from tests.factories import KR
from tests.objective_forms import ObjectiveForm, latest_update, open_new, values

NOT_FOUND = "I can't find that objective"
DOES_NOT_EXIST = "does not exist"


def arrange(bot: RunningBot) -> dict[str, int]:
    """Acme's U1 owns an objective with a check-in; Globex's U1 owns one too."""
    now = bot.clock.now
    with bot.db.begin() as session:
        acme = factories.objective(
            session, now, title=f"{ACME.word} customers", key_results=[KR(f"{ACME.word} NPS")]
        )
        acme_check_in = factories.check_in(session, acme.key_results[0], now, value=25)
        globex = factories.objective(
            session,
            now,
            title=f"{GLOBEX.word} customers",
            team_id=GLOBEX.team_id,
            key_results=[KR(f"{GLOBEX.word} NPS")],
        )
        globex_check_in = factories.check_in(session, globex.key_results[0], now, value=30)
        globex_check_in.team_id = GLOBEX.team_id
        return {
            "acme": acme.id,
            "acme_kr": acme.key_results[0].id,
            "acme_check_in": acme_check_in.id,
            "globex": globex.id,
            "globex_kr": globex.key_results[0].id,
            "globex_check_in": globex_check_in.id,
        }


def acme_rows(bot: RunningBot) -> list[Any]:
    """Everything of Acme's a forged request could change."""
    with bot.db.begin() as session:
        where = ACME.team_id
        objectives = session.execute(
            select(Objective.id, Objective.title, Objective.state, Objective.parent_id).where(
                Objective.team_id == where
            )
        ).all()
        krs = session.execute(
            select(KeyResult.id, KeyResult.current_value).where(KeyResult.team_id == where)
        ).all()
        check_ins = session.execute(
            select(CheckIn.id, CheckIn.value, CheckIn.note, CheckIn.deleted_at).where(
                CheckIn.team_id == where
            )
        ).all()
        audits = session.scalar(select(func.count()).select_from(AuditEvent))
        return [*map(tuple, objectives), *map(tuple, krs), *map(tuple, check_ins), audits]


@pytest.fixture
def forging(workspaces: RunningBot) -> tuple[RunningBot, dict[str, int]]:  # noqa: F811
    """Globex speaking, and the ids of both workspaces' rows."""
    return workspaces.in_team(GLOBEX.team_id), arrange(workspaces)


def refused_in_reply(bot: RunningBot, before: int) -> str:
    call = bot.slack.wait_for("response_url", count=before + 1)[-1]
    assert call.params["response_type"] == "ephemeral", call.params
    return str(call.params["text"])


def assert_nothing_leaked(bot: RunningBot) -> None:
    bot.settle()
    assert leaks(calls_of(bot.slack, GLOBEX), GLOBEX) == []
    acme_calls = [c.method for c in calls_of(bot.slack, ACME)]
    assert acme_calls == ["auth.test"], "nothing said to Acme since its install"


@pytest.mark.parametrize("user", ["U1", "UGADMIN"])
@pytest.mark.parametrize("action", ["objective_edit", "objective_archive", "objective_delete"])
def test_objective_buttons_naming_acmes_objective_are_refused(
    forging: tuple[RunningBot, dict[str, int]], action: str, user: str
) -> None:
    globex, ids = forging
    # Globex's U1 and its admin, known to the bot as Globex describes them.
    globex.slack.add_user("UGADMIN", is_admin=True, team_id=GLOBEX.team_id)
    globex.introduce(user)
    before = acme_rows(globex)
    globex.click(action, str(ids["acme"]), user=user)
    assert NOT_FOUND in refused_in_reply(globex, 0)
    assert globex.slack.calls_to("views.open") == []
    assert acme_rows(globex) == before
    assert_nothing_leaked(globex)


def test_an_objective_form_naming_acmes_objective_or_parent_is_refused(
    forging: tuple[RunningBot, dict[str, int]],
) -> None:
    globex, ids = forging
    before = acme_rows(globex)
    view = open_new(globex)
    forged = dict(
        view, private_metadata=json.dumps({"o": ids["acme"], "k": [[1, None, 0]], "n": 2})
    )
    answer = globex.submit(forged, values(view, ObjectiveForm(title="Hijacked"))).json()
    assert NOT_FOUND in json.dumps(answer["view"], ensure_ascii=False)
    adopted = ObjectiveForm(title=f"{GLOBEX.word} child", parent=(ids["acme"], "Acme's"))
    view = open_new(globex)
    answer = globex.submit(view, values(view, adopted)).json()
    assert answer["response_action"] == "errors", answer
    assert answer["errors"] == {
        "objective_parent": "That objective can't be found any more: pick another one."
    }
    assert acme_rows(globex) == before
    with globex.db.begin() as session:
        assert session.scalars(select(Objective.title)).all().count("Hijacked") == 0
    assert_nothing_leaked(globex)


def test_check_in_buttons_and_pages_naming_acmes_rows_are_refused(
    forging: tuple[RunningBot, dict[str, int]],
) -> None:
    globex, ids = forging
    before = acme_rows(globex)
    globex.click("checkin_open", str(ids["acme"]))
    assert DOES_NOT_EXIST in blocks_text(opened_view(globex, count=1))
    globex.click("checkin_edit", str(ids["acme_check_in"]))
    assert DOES_NOT_EXIST in blocks_text(opened_view(globex, count=2))
    globex.click("checkin_undo", str(ids["acme_check_in"]))
    assert DOES_NOT_EXIST in refused_in_reply(globex, 0)
    globex.click("history_open", str(ids["acme"]))
    history = blocks_text(opened_view(globex, count=3))
    assert DOES_NOT_EXIST in history and ACME.word not in history

    # Globex's U1's own check-in page, rewritten to name Acme's key result too.
    globex.click("checkin_open", str(ids["globex"]))
    page = opened_view(globex, count=4)
    kr_ids = [ids["globex_kr"], ids["acme_kr"]]
    page["private_metadata"] = json.dumps({"krs": kr_ids, "next": [], "saved": [], "page": 1})
    answer = globex.submit(page, page_values(dict.fromkeys(kr_ids, ("99", "on_track", "x"))))
    assert DOES_NOT_EXIST in blocks_text(answer.json()["view"])

    # Globex's U1's own check-in edit, rewritten to name Acme's check-in.
    globex.click("checkin_edit", str(ids["globex_check_in"]))
    editor = opened_view(globex, count=5)
    metadata = json.loads(editor["private_metadata"])
    metadata["check_in"] = ids["acme_check_in"]
    editor["private_metadata"] = json.dumps(metadata)
    answer = globex.submit(editor, edit_values(ids["globex_kr"]))
    assert DOES_NOT_EXIST in blocks_text(answer.json()["view"])
    assert acme_rows(globex) == before
    assert_nothing_leaked(globex)


def test_the_archive_button_in_a_modal_naming_acmes_objective_is_refused(
    forging: tuple[RunningBot, dict[str, int]],
) -> None:
    globex, ids = forging
    before = acme_rows(globex)
    view = open_new(globex)
    globex.click("objective_archive", str(ids["acme"]), view=view)
    assert NOT_FOUND in json.dumps(latest_update(globex), ensure_ascii=False)
    assert acme_rows(globex) == before
    assert_nothing_leaked(globex)


@pytest.mark.parametrize("user", ["U1", "UGADMIN"])
def test_a_close_form_naming_acmes_objective_is_refused(
    forging: tuple[RunningBot, dict[str, int]], user: str
) -> None:
    globex, ids = forging
    globex.slack.add_user("UGADMIN", is_admin=True, team_id=GLOBEX.team_id)
    globex.introduce(user)
    before = acme_rows(globex)
    # The admin closes for Globex's U1, as admins may.
    view = open_close(globex, "" if user == "U1" else "<@U1>", user=user)
    with globex.db.begin() as session:
        acme_cycle = session.get_one(Objective, ids["acme"]).cycle_id
    for cycle_id in (json.loads(view["private_metadata"])["c"], acme_cycle):
        for mode in ("close", "carry"):
            metadata = {"m": mode, "c": cycle_id, "u": "U1", "o": [ids["acme"]]}
            forged = dict(view, private_metadata=json.dumps(metadata))
            state = {
                f"score-{ids['acme_kr']}": {"score": {"type": "plain_text_input", "value": "1"}}
            }
            answer = globex.submit(forged, state if mode == "close" else {}, user=user).json()
            assert ACME.word not in json.dumps(answer, ensure_ascii=False)
            assert answer["response_action"] == "update"
            assert NOT_FOUND in json.dumps(answer["view"], ensure_ascii=False)
    assert acme_rows(globex) == before
    assert_nothing_leaked(globex)


@pytest.mark.parametrize("action", ["list_share", "list_more"])
def test_list_buttons_naming_acmes_people_or_channel_show_globex_only(
    forging: tuple[RunningBot, dict[str, int]], action: str
) -> None:
    globex, _ = forging
    values_ = ["person|U1|2026-Q4|0", "mine||2026-Q4|0", "company||2026-Q4|0"]
    values_.append("channel|C0GENERAL|2026-Q4|0")  # Acme's channel, by its id
    for n, value in enumerate(values_):
        assert globex.click(action, value).status == 200
        answer = globex.slack.wait_for("response_url", count=n + 1)[-1]
        text = json.dumps(answer.params, ensure_ascii=False)
        assert ACME.word not in text, (value, text)
        if value.startswith(("person", "mine")):
            assert f"{GLOBEX.word} customers" in text, "Globex's U1's own objective"
    assert_nothing_leaked(globex)
