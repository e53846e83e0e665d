"""Editing, archiving and deleting objectives over HTTP, with history kept."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from storage.models import AuditEvent, CheckIn, KeyResult, Objective
from tests import factories
from tests.blockkit import validate_view
from tests.bot_fixtures import RunningBot
from tests.factories import KR
from tests.objective_forms import KRForm, ObjectiveForm, latest_update, values, with_state


def seed(bot: RunningBot, **fields: Any) -> int:
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now, **fields)
        return objective.id


def open_edit(bot: RunningBot, objective_id: int, *, user: str = "U1") -> dict[str, Any]:
    before = len(bot.slack.calls_to("views.open"))
    assert bot.click("objective_edit", str(objective_id), user=user).status == 200
    call = bot.slack.wait_for("views.open", count=before + 1)[-1]
    view: dict[str, Any] = call.response["view"]
    return view


def element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    found: dict[str, Any] = block.get("element") or block.get("accessory") or {}
    return found


def test_edit_button_opens_the_form_filled_in(bot: RunningBot) -> None:
    objective_id = seed(
        bot,
        title="Delight customers",
        key_results=[
            KR("Raise NPS", start=20, target=40),
            KR(
                "Cut cost", kind="decrease", start=12.5, target=10, unit_kind="currency", unit="EUR"
            ),
        ],
    )
    with bot.db.begin() as session:
        first = session.scalars(select(KeyResult).order_by(KeyResult.position)).first()
        assert first is not None
        factories.check_in(session, first, bot.clock.now, value=25)
    view = open_edit(bot, objective_id)
    validate_view(view)
    assert view["title"]["text"] == "Edit objective"
    remove_first, remove_second = element(view, "kr1_head"), element(view, "kr2_head")
    assert remove_first["action_id"] == "objective_kr_remove"
    assert "It has 1 check-in(s)" in remove_first["confirm"]["text"]["text"]
    assert "confirm" not in remove_second, "nothing to lose: no need to ask"
    assert element(view, "objective_title")["initial_value"] == "Delight customers"
    assert element(view, "kr1_start")["initial_value"] == "20"
    assert element(view, "kr2_start")["initial_value"] == "12.5"
    assert element(view, "kr2_unit")["initial_value"] == "EUR"
    assert element(view, "kr2_kind")["initial_option"]["value"] == "decrease"
    assert "initial_date" not in element(view, "kr1_due"), "the end of the cycle shows as empty"
    assert {e["action_id"] for e in element_list(view, "objective_manage")} == {
        "objective_archive",
        "objective_delete",
    }


def element_list(view: dict[str, Any], block_id: str) -> list[dict[str, Any]]:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    elements: list[dict[str, Any]] = block["elements"]
    return elements


def test_editing_a_target_keeps_history_and_recomputes_progress(bot: RunningBot) -> None:
    objective_id = seed(bot, key_results=[KR("Raise NPS", start=20, target=40)])
    with bot.db.begin() as session:
        kr = session.scalars(select(KeyResult)).one()
        factories.check_in(session, kr, bot.clock.now, value=30)
        kr_id = kr.id
    view = open_edit(bot, objective_id)
    bot.clock.advance(hours=1)
    form = ObjectiveForm(key_results=[KRForm("Raise NPS", start="20", target="30")])
    answer = bot.submit(view, values(view, form)).json()
    assert answer["response_action"] == "update", answer
    assert answer["view"]["title"]["text"] == "Objective saved"
    with bot.db.begin() as session:
        kr = session.scalars(select(KeyResult)).one()
        assert kr.id == kr_id and kr.target_value == 30 and kr.current_value == 30
        assert len(session.scalars(select(CheckIn)).all()) == 1, "check-ins stay"
        event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "key_result")).one()
        assert event.action == "update" and event.actor_id == "U1"
        assert event.changes == {"target_value": {"old": 40.0, "new": 30.0}}
        assert event.at == bot.clock.now
    bot.command("list")
    (listed,) = bot.slack.wait_for("response_url")
    assert "*100%*" in str(listed.params["blocks"]), "30 of 20→30 is done"


def test_edit_adds_and_removes_key_results(bot: RunningBot) -> None:
    objective_id = seed(
        bot, key_results=[KR("First", start=0, target=10), KR("Second", start=0, target=5)]
    )
    view = open_edit(bot, objective_id)
    form = ObjectiveForm(
        key_results=[
            KRForm("First", start="0", target="10"),
            KRForm("Second", start="0", target="5"),
        ]
    )
    bot.click("objective_kr_remove", "1", view=with_state(view, values(view, form)))
    view = latest_update(bot)
    assert [b["block_id"] for b in view["blocks"] if b.get("block_id", "").endswith("_title")] == [
        "objective_title",
        "kr2_title",
    ]
    assert element(view, "kr2_title")["initial_value"] == "Second"
    form.key_results = [
        KRForm("Second", start="0", target="5"),
        KRForm("Third", "milestone", None, None),
    ]
    bot.click("objective_kr_add", "add", view=with_state(view, values(view, form)))
    view = latest_update(bot, 2)
    answer = bot.submit(view, values(view, form)).json()
    assert answer["response_action"] == "update", answer
    with bot.db.begin() as session:
        rows = session.scalars(select(KeyResult).order_by(KeyResult.position)).all()
        assert [(kr.title, kr.position) for kr in rows] == [("Second", 0), ("Third", 1)]
        deleted = session.scalars(select(AuditEvent).where(AuditEvent.action == "delete")).one()
        assert deleted.changes["title"] == {"old": "First", "new": None}


def test_an_admin_may_edit_someone_elses_objective(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    objective_id = seed(bot, owner="U2", visibility="private")
    view = open_edit(bot, objective_id, user="UADMIN")
    answer = bot.submit(
        view, values(view, ObjectiveForm(title="Renamed by admin", owner="U2")), user="UADMIN"
    ).json()
    assert answer["response_action"] == "update", answer
    with bot.db.begin() as session:
        objective = session.get(Objective, objective_id)
        assert objective is not None
        assert (objective.title, objective.owner_id, objective.updated_by) == (
            "Renamed by admin",
            "U2",
            "UADMIN",
        )


def test_archive_hides_the_objective_and_keeps_its_history(bot: RunningBot) -> None:
    objective_id = seed(bot, title="Old news")
    view = open_edit(bot, objective_id)
    (archive,) = [
        e for e in element_list(view, "objective_manage") if e["action_id"] == "objective_archive"
    ]
    assert archive["confirm"]["confirm"]["text"] == "Archive"
    bot.click("objective_archive", str(objective_id), view=view)
    notice = latest_update(bot)
    assert "is archived" in str(notice)
    with bot.db.begin() as session:
        objective = session.get(Objective, objective_id)
        assert objective is not None and objective.state == "archived"
        assert len(objective.key_results) == 1
        event = session.scalars(select(AuditEvent)).one()
        assert (event.action, event.actor_id, event.changes) == (
            "archive",
            "U1",
            {"state": {"old": "active", "new": "archived"}},
        )
    bot.command("list")
    (listed,) = bot.slack.wait_for("response_url")
    assert "Old news" not in str(listed.params)
    bot.click("objective_edit", str(objective_id))
    refusal = bot.slack.wait_for("response_url", count=2)[-1]
    assert "is archived, so it can't be changed" in refusal.params["text"]


def test_delete_asks_first_then_removes_it_everywhere(bot: RunningBot) -> None:
    parent_id = seed(bot, title="Parent")
    child_id = seed(bot, title="Child", owner="U2", parent_id=parent_id)
    view = open_edit(bot, parent_id)
    (delete,) = [
        e for e in element_list(view, "objective_manage") if e["action_id"] == "objective_delete"
    ]
    assert delete["style"] == "danger" and delete["confirm"]["style"] == "danger"
    bot.click("objective_delete", str(parent_id), view=view)
    notice = latest_update(bot)
    assert "is deleted" in str(notice)
    with bot.db.begin() as session:
        parent = session.get(Objective, parent_id)
        child = session.get(Objective, child_id)
        assert parent is not None and child is not None
        assert parent.state == "deleted" and child.parent_id is None
        actions = [
            (e.entity_id, e.action)
            for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]
        assert actions == [(child_id, "update"), (parent_id, "delete")]
    bot.click("objective_edit", str(parent_id))
    (refusal,) = bot.slack.wait_for("response_url")
    assert "can't find that objective" in refusal.params["text"]
    bot.click("objective_delete", str(parent_id), view=notice)
    assert "can't find that objective" in str(latest_update(bot, 2))


def test_okr_edit_opens_the_only_objective_or_asks_which_one(bot: RunningBot) -> None:
    bot.command("edit")
    (empty,) = bot.slack.wait_for("response_url")
    assert empty.params["text"] == "You have no active objectives in 2026-Q4 to edit yet."
    assert pick_buttons(empty.params) == [("objective_new", "new", "New objective")]
    first = seed(bot, title="Only one")
    bot.command("edit")
    (opened,) = bot.slack.wait_for("views.open")
    assert opened.params["view"]["private_metadata"].startswith(f'{{"o": {first}')
    second = seed(bot, title="Second one")
    seed(bot, title="Someone else's", owner="U2")
    bot.command("edit")
    asked = bot.slack.wait_for("response_url", count=2)[-1].params
    assert asked["text"] == "Which of your objectives in 2026-Q4 do you want to edit?"
    assert pick_buttons(asked) == [
        ("objective_edit", str(first), "Only one"),
        ("objective_edit", str(second), "Second one"),
        ("objective_new", "new", "New objective"),
    ], "a question with a button each, not the whole list"
    assert bot.click("objective_edit", str(second)).status == 200
    view = bot.slack.wait_for("views.open", count=2)[-1].params["view"]
    assert view["private_metadata"].startswith(f'{{"o": {second}')


def test_okr_edit_with_words_opens_the_one_they_name_and_never_another(bot: RunningBot) -> None:
    mine = seed(bot, title="Grow revenue")
    seed(bot, title="Keep trial users", owner="U2")
    bot.command("edit Keep trial users")
    asked = bot.slack.wait_for("response_url")[-1].params
    assert asked["text"] == (
        'None of your active objectives in 2026-Q4 is "Keep trial users". '
        "Which one do you want to edit?"
    ), "someone else's title does not open one's own objective"
    assert pick_buttons(asked)[0] == ("objective_edit", str(mine), "Grow revenue")
    assert bot.slack.calls_to("views.open") == []
    other = seed(bot, title="Grow the team")
    bot.command("edit grow")
    asked = bot.slack.wait_for("response_url", count=2)[-1].params
    assert asked["text"].startswith('"grow" starts more than one of your objectives.')
    assert [b[1] for b in pick_buttons(asked)[:2]] == [str(mine), str(other)]
    bot.command("edit 2")
    (opened,) = bot.slack.wait_for("views.open")
    assert opened.params["view"]["private_metadata"].startswith(f'{{"o": {other}')


def pick_buttons(message: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (e["action_id"], e["value"], e["text"]["text"])
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]


def test_changing_the_level_shows_the_channel_picker_and_milestones_hide_values(
    bot: RunningBot,
) -> None:
    from tests.objective_forms import open_new
    from tests.slack_requests import radio_value, select_value

    view = open_new(bot)
    form = ObjectiveForm(title="Typed before the change", level="team")
    bot.click(
        "objective_level",
        view=with_state(view, values(view, form)),
        block_id="objective_level",
        selected=radio_value("team"),
    )
    view = latest_update(bot)
    assert element(view, "objective_channel")["filter"]["include"] == ["public", "private"]
    assert element(view, "objective_title")["initial_value"] == "Typed before the change"
    form.key_results = [KRForm("Ship it", "milestone", None, None)]
    bot.click(
        "kr_kind",
        view=with_state(view, values(view, form)),
        block_id="kr1_kind",
        selected=select_value("milestone"),
    )
    view = latest_update(bot, 2)
    block_ids = [b.get("block_id") for b in view["blocks"]]
    assert "kr1_start" not in block_ids and "kr1_target" not in block_ids and "kr1_due" in block_ids


def test_a_stored_key_results_start_is_labelled_where_it_started(bot: RunningBot) -> None:
    """Editing, "today's value" would invite typing the latest value over the start (and so
    moving its progress); a key result added in the same form still starts at today's value."""
    objective_id = seed(bot, title="Grow", key_results=[KR("Weekly signups", start=0, target=9)])
    view = open_edit(bot, objective_id)
    labels = [
        b["label"]["text"]
        for b in view["blocks"]
        if b["type"] == "input" and b["block_id"].endswith("_start")
    ]
    assert labels == ["From (where it started)"], labels
    with_state = {**view, "state": {"values": {}}}
    bot.click("objective_kr_add", "add", view=with_state)
    added = bot.slack.wait_for("views.update")[-1].params["view"]
    labels = [
        b["label"]["text"]
        for b in added["blocks"]
        if b["type"] == "input" and b["block_id"].endswith("_start")
    ]
    assert labels == ["From (where it started)", "From (today's value)"], labels
