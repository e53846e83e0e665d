"""Forged payloads naming an objective the person may not change: refused, nothing changes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.models import AuditEvent, Objective
from tests import factories
from tests.bot_fixtures import RunningBot
from tests.factories import KR
from tests.objective_forms import ObjectiveForm, latest_update, open_new, values

# Whose objective the forger (U1, not an admin) names, and what they are told.
TARGETS = {
    "another owner's": ({"owner": "U2"}, "Only its owner, <@U2>, or a workspace admin can change"),
    "a private one": ({"owner": "U2", "visibility": "private"}, "I can't find that objective"),
    "another workspace's": ({"owner": "U1", "team_id": "T0002"}, "I can't find that objective"),
    "a deleted one": ({"owner": "U1", "state": "deleted"}, "I can't find that objective"),
}


def seed(bot: RunningBot, fields: dict[str, Any]) -> int:
    with bot.db.begin() as session:
        return factories.objective(session, bot.clock.now, title="Not yours", **fields).id


def snapshot(bot: RunningBot) -> list[tuple[Any, ...]]:
    with bot.db.begin() as session:
        rows = session.execute(
            select(Objective.id, Objective.title, Objective.state, Objective.parent_id).order_by(
                Objective.id
            )
        ).all()
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0
        return [tuple(r) for r in rows]


@pytest.mark.parametrize(("fields", "told"), TARGETS.values(), ids=TARGETS.keys())
def test_edit_button_is_refused(bot: RunningBot, fields: dict[str, Any], told: str) -> None:
    objective_id = seed(bot, fields)
    bot.click("objective_edit", str(objective_id))
    (reply,) = bot.slack.wait_for("response_url")
    assert told in reply.params["text"]
    assert (
        reply.params["response_type"] == "ephemeral" and reply.params["replace_original"] is False
    )
    assert bot.slack.calls_to("views.open") == []


@pytest.mark.parametrize("value", ["999999", "abc", "", "-1", "1" * 40])
def test_edit_button_naming_nothing_is_refused(bot: RunningBot, value: str) -> None:
    bot.click("objective_edit", value)
    (reply,) = bot.slack.wait_for("response_url")
    assert "I can't find that objective" in reply.params["text"]


@pytest.mark.parametrize(("fields", "told"), TARGETS.values(), ids=TARGETS.keys())
def test_form_submission_is_refused(bot: RunningBot, fields: dict[str, Any], told: str) -> None:
    objective_id = seed(bot, fields)
    before = snapshot(bot)
    view = open_new(bot)
    forged = dict(
        view, private_metadata=json.dumps({"o": objective_id, "k": [[1, None, 0]], "n": 2})
    )
    answer = bot.submit(forged, values(view, ObjectiveForm(title="Hijacked"))).json()
    assert answer["response_action"] == "update"
    assert told in json.dumps(answer["view"], ensure_ascii=False)
    assert snapshot(bot) == before


def test_form_submission_naming_another_objectives_key_result_is_refused(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        mine = factories.objective(session, bot.clock.now, title="Mine")
        theirs = factories.objective(session, bot.clock.now, owner="U2", key_results=[KR("Theirs")])
        mine_id, their_kr = mine.id, theirs.key_results[0].id
    before = snapshot(bot)
    view = open_new(bot)
    forged = dict(
        view, private_metadata=json.dumps({"o": mine_id, "k": [[1, their_kr, 0]], "n": 2})
    )
    answer = bot.submit(forged, values(view, ObjectiveForm(title="Mine"))).json()
    assert "out of date" in json.dumps(answer["view"])
    assert snapshot(bot) == before


@pytest.mark.parametrize("action", ["objective_archive", "objective_delete"])
@pytest.mark.parametrize(("fields", "told"), TARGETS.values(), ids=TARGETS.keys())
def test_archive_and_delete_are_refused(
    bot: RunningBot, action: str, fields: dict[str, Any], told: str
) -> None:
    objective_id = seed(bot, fields)
    before = snapshot(bot)
    bot.click(action, str(objective_id))
    (reply,) = bot.slack.wait_for("response_url")
    assert told in reply.params["text"]
    view = open_new(bot)
    bot.click(action, str(objective_id), view=view)
    assert told in json.dumps(latest_update(bot), ensure_ascii=False)
    assert snapshot(bot) == before


def test_an_admin_from_slack_is_not_an_admin_of_another_workspace(bot: RunningBot) -> None:
    objective_id = seed(bot, {"owner": "U9", "team_id": "T0002"})
    before = snapshot(bot)
    bot.click("objective_delete", str(objective_id), user="UADMIN")
    (reply,) = bot.slack.wait_for("response_url")
    assert "I can't find that objective" in reply.params["text"]
    assert snapshot(bot) == before
