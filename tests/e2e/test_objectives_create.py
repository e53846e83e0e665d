"""Creating objectives over HTTP: the modal, each key-result type, units and the coach."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from storage.models import AuditEvent, KeyResult, Objective
from tests.blockkit import validate_view
from tests.bot_fixtures import RunningBot
from tests.objective_forms import KRForm, ObjectiveForm, create, kr_keys, open_new


def test_okr_new_opens_a_valid_modal_for_the_current_cycle(bot: RunningBot) -> None:
    view = open_new(bot, "Grow R&amp;D &lt;fast&gt;")
    validate_view(view)
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["objective_title"]["element"]["initial_value"] == "Grow R&D <fast>"
    assert blocks["objective_owner"]["element"]["initial_user"] == "U1"
    assert blocks["objective_cycle"]["element"]["initial_option"]["value"] == "2026-Q4"
    assert blocks["objective_parent"]["element"]["type"] == "external_select"
    # Typed in a channel, it is that channel's team objective until the person says otherwise.
    assert blocks["objective_level"]["element"]["initial_option"]["value"] == "team"
    assert blocks["objective_channel"]["element"]["initial_conversation"] == "C0GENERAL"
    assert len(kr_keys(view)) == 1


def test_okr_new_in_a_direct_message_is_personal(bot: RunningBot) -> None:
    assert bot.command("new", channel="D0000001").status == 200
    (opened,) = bot.slack.wait_for("views.open")
    blocks = {b.get("block_id"): b for b in opened.params["view"]["blocks"]}
    assert blocks["objective_level"]["element"]["initial_option"]["value"] == "personal"
    assert "objective_channel" not in blocks, "the channel picker shows for team objectives only"


@pytest.mark.parametrize(
    ("kr", "stored"),
    [
        (
            KRForm("Increase weekly signups", "increase", "1,200", "1 500", "signups"),
            ("increase", 1200.0, 1500.0, "word", "signups"),
        ),
        (
            KRForm("Reduce churn", "decrease", "5%", "3", None),
            ("decrease", 5.0, 3.0, "percent", ""),
        ),
        (
            KRForm("Keep uptime", "stay_above", None, "99,9", "%"),
            ("stay_above", None, 99.9, "percent", ""),
        ),
        (
            KRForm("Keep cloud spend low", "stay_below", "$2.5k", "$3k", None),
            ("stay_below", 2500.0, 3000.0, "currency", "USD"),
        ),
        (
            KRForm("SOC 2 report signed", "milestone", None, None, None),
            ("milestone", None, None, "number", ""),
        ),
    ],
    ids=["increase", "decrease", "stay_above", "stay_below", "milestone"],
)
def test_creates_an_objective_with_each_key_result_type(
    bot: RunningBot, kr: KRForm, stored: tuple[object, ...]
) -> None:
    answer = create(bot, ObjectiveForm(title="Delight customers", key_results=[kr]))
    assert answer["response_action"] == "update", answer
    validate_view(answer["view"])
    assert answer["view"]["title"]["text"] == "Objective created"
    with bot.db.begin() as session:
        objective = session.scalars(select(Objective)).one()
        (row,) = objective.key_results
        assert (row.kind, row.start_value, row.target_value, row.unit_kind, row.unit) == stored
        assert row.due_on == date(2026, 12, 31), "no due date means the end of the cycle"
        assert objective.owner_id == "U1" and objective.created_by == "U1"
        assert objective.state == "active" and objective.level == "personal"


def test_creates_a_team_objective_with_five_key_results_and_records_it(bot: RunningBot) -> None:
    form = ObjectiveForm(
        title="Make onboarding effortless",
        level="team",
        channel="C0TEAM",
        visibility="private",
        description="New customers should succeed alone.",
        key_results=[
            KRForm(f"Raise activation step {n} from 10% to 20%", start="10%", target="20%")
            for n in range(5)
        ],
    )
    answer = create(bot, form)
    assert answer["response_action"] == "update", answer
    with bot.db.begin() as session:
        objective = session.scalars(select(Objective)).one()
        assert (objective.level, objective.team_channel_id, objective.visibility) == (
            "team",
            "C0TEAM",
            "private",
        )
        assert [kr.position for kr in objective.key_results] == [0, 1, 2, 3, 4]
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.entity, e.action) for e in events] == [("objective", "create")] + [
            ("key_result", "create")
        ] * 5
        assert (
            events[0].actor_id == "U1"
            and events[0].changes["title"]["new"] == "Make onboarding effortless"
        )


def test_the_coach_suggests_an_outcome_for_a_task_and_never_blocks(bot: RunningBot) -> None:
    form = ObjectiveForm(
        key_results=[
            KRForm("Create a monthly newsletter", "milestone", None, None),
            KRForm("Reduce churn from 5% to 3%", "decrease", "5%", "3%"),
        ]
    )
    answer = create(bot, form)
    text = str(answer["view"])
    assert "Create a monthly newsletter" in text and "reads like a task" in text
    assert "Increase monthly readership by 25%" in text
    assert "Reduce churn from 5% to 3%” reads like a task" not in text
    with bot.db.begin() as session:
        assert len(session.scalars(select(KeyResult)).all()) == 2


def test_a_fourth_active_objective_gets_a_focus_hint(bot: RunningBot) -> None:
    for n in range(3):
        answer = create(bot, ObjectiveForm(title=f"Objective {n}"))
        assert "active objectives this cycle" not in str(answer["view"])
    answer = create(bot, ObjectiveForm(title="One too many"))
    assert "You now have 4 active objectives this cycle" in str(answer["view"])
    assert "at most 3" in str(answer["view"])


def test_user_text_is_escaped_in_the_confirmation(bot: RunningBot) -> None:
    answer = create(
        bot,
        ObjectiveForm(
            title="Ping <!channel> & <@U2>",
            key_results=[KRForm("Tell <!here>", "milestone", None, None)],
        ),
    )
    rendered = str(answer["view"])
    assert "<!channel>" not in rendered and "<!here>" not in rendered and "<@U2>" not in rendered
    assert "&lt;!channel&gt; &amp; &lt;@U2&gt;" in rendered


@pytest.mark.parametrize("title", ["Ship the payload pipeline", "payload=1"])
def test_a_title_that_says_payload_opens_the_modal(bot: RunningBot, title: str) -> None:
    # Bolt reads any form body mentioning "payload" as an interaction and found none here.
    view = open_new(bot, title)
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["objective_title"]["element"]["initial_value"] == title
