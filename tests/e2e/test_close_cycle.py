"""`/okr close` over HTTP on both databases: scores and reflections stored, audited and shown,
carry-over into the next cycle (once), admins closing for others, forged forms refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from storage.models import AuditEvent, Cycle, KeyResult, Objective
from tests import factories
from tests.blockkit import validate_message
from tests.bot_fixtures import RunningBot
from tests.e2e.close_support import fill, open_close, shown, stored
from tests.e2e.test_home import published_home
from tests.factories import KR


def seed(bot: RunningBot, owner: str = "U1") -> tuple[int, list[int]]:
    """An objective of 2026-Q4: NPS checked in at 68 of 0 → 100, churn never checked in."""
    with bot.db.begin() as session:
        objective = factories.objective(
            session,
            bot.clock.now,
            title="Delight customers",
            owner=owner,
            key_results=[KR("Raise NPS", start=0, target=100), KR("Cut churn", start=8, target=4)],
        )
        factories.check_in(session, objective.key_results[0], bot.clock.now, value=68, author=owner)
        return objective.id, [kr.id for kr in objective.key_results]


def listed(bot: RunningBot, text: str, user: str = "U1") -> str:
    before = len(bot.slack.calls_to("response_url"))
    assert bot.command(f"list {text}", user=user).status == 200
    message = bot.slack.wait_for("response_url", count=before + 1)[-1].params
    validate_message(message)
    return shown(message["blocks"])


def test_close_with_scores_and_reflections(bot: RunningBot) -> None:
    objective_id, (nps, churn) = seed(bot)
    view = open_close(bot)
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert labels == [
        "Score: Raise NPS",
        "Score: Cut churn",
        "Reflection: what went well, what we learned",
        "Carry over to next cycle",
    ]
    score_block = view["blocks"][3]
    assert score_block["element"]["initial_value"] == "0.7"  # 68 % rounded to a tenth
    assert "0.7 is usually a good score" in score_block["hint"]["text"]

    answer = bot.submit(
        view, fill(view, {churn: "0.25"}, {objective_id: "Good <!channel> start"})
    ).json()
    assert answer["response_action"] == "update"
    assert "2026-Q4 is closed" in shown(answer["view"])
    assert "score 0.25" in shown(answer["view"])

    with bot.db.begin() as session:
        objective = session.get_one(Objective, objective_id)
        assert objective.reflection == "Good <!channel> start"
        assert objective.closed_at is not None and objective.closed_by == "U1"
        assert objective.state == "active"
        scores = [kr.score for kr in objective.key_results]
        assert scores == [0.7, 0.25]
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "close")).all()
        assert sorted((e.entity, e.entity_id) for e in events) == sorted(
            [("objective", objective_id), ("key_result", nps), ("key_result", churn)]
        )
        assert next(e for e in events if e.entity_id == churn).changes == {
            "score": {"old": None, "new": 0.25}
        }
        carried = select(Objective).where(Objective.carried_from_id.is_not(None))
        assert session.scalars(carried).all() == []
        assert session.scalars(select(Cycle.name)).all() == ["2026-Q4"]  # nothing carried

    page = listed(bot, "2026-Q4")
    assert "score 0.7" in page and "score 0.25" in page
    assert "Reflection: Good &lt;!channel&gt; start" in page

    bot.click("history_open", str(objective_id))
    history = bot.slack.wait_for("views.open", count=2)[-1].params
    assert "score 0.7" in shown(history["view"])
    assert "Good &lt;!channel&gt; start" in shown(history["view"])


def test_invalid_scores_are_shown_inline_and_nothing_is_stored(bot: RunningBot) -> None:
    _, (nps, churn) = seed(bot)
    before = stored(bot)
    view = open_close(bot)
    answer = bot.submit(view, fill(view, {nps: "1.5", churn: "lots"})).json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {f"score-{nps}", f"score-{churn}"}
    assert "0.0" in answer["errors"][f"score-{nps}"]
    assert stored(bot) == before


def test_carry_over_copies_unfinished_key_results_from_their_last_value_with_the_parent(
    bot: RunningBot,
) -> None:
    now = bot.clock.now
    with bot.db.begin() as session:
        parent = factories.objective(
            session, now, title="Win the market", level="company", key_results=[KR("Revenue")]
        )
        child = factories.objective(
            session,
            now,
            title="Delight customers",
            parent_id=parent.id,
            key_results=[
                KR("Raise NPS", start=20, target=40),
                KR("Ship survey", start=0, target=1),
            ],
        )
        factories.check_in(session, child.key_results[0], now, value=31)
        factories.check_in(session, child.key_results[1], now, value=1)  # done: stays behind
        parent_id, child_id = parent.id, child.id
    view = open_close(bot)
    answer = bot.submit(view, fill(view, carry={parent_id, child_id})).json()
    assert "Carried over to *2027-Q1*" in shown(answer["view"])
    assert "`/okr list 2027-Q1`" in shown(answer["view"])

    def copies() -> dict[str, tuple[object, ...]]:
        with bot.db.begin() as session:
            q1 = session.scalars(select(Cycle).where(Cycle.name == "2027-Q1")).one()
            rows = session.scalars(select(Objective).where(Objective.cycle_id == q1.id)).all()
            ids = {row.id: row.carried_from_id for row in rows}
            return {
                row.title: (
                    row.carried_from_id,
                    ids.get(row.parent_id or 0),
                    row.level,
                    [(kr.title, kr.start_value, kr.current_value) for kr in row.key_results],
                )
                for row in rows
            }

    expected = {
        "Win the market": (parent_id, None, "company", [("Revenue", 0, None)]),
        "Delight customers": (child_id, parent_id, "personal", [("Raise NPS", 31, None)]),
    }
    assert copies() == expected
    with bot.db.begin() as session:  # the closed cycle keeps its key results as they were
        original = session.get_one(Objective, child_id)
        assert [(kr.start_value, kr.current_value) for kr in original.key_results] == [
            (20, 31),
            (0, 1),
        ]
        assert (
            original.cycle_id
            != session.scalars(select(Cycle.id).where(Cycle.name == "2027-Q1")).one()
        )

    # Carrying twice makes one copy: a new form no longer offers the box, and a forged tick or
    # the "Carry over" button change nothing.
    again = open_close(bot)
    assert "Carried over to 2027-Q1 already" in shown(again)
    forged = fill(again, carry={parent_id, child_id})
    forged[f"carry-{child_id}"] = {
        "carry": {"type": "checkboxes", "selected_options": [{"value": "carry"}]}
    }
    assert "Carried over before" in shown(bot.submit(again, forged).json()["view"])
    bot.click("cycle_carry_open", "2026-Q4")
    reply = bot.slack.wait_for("response_url")[-1].params
    assert "Nothing to carry over from 2026-Q4" in reply["text"]
    assert copies() == expected

    page = listed(bot, "2027-Q1")
    assert page.count("carried from 2026-Q4") == 2


def test_the_carry_over_button_offers_closed_objectives_not_yet_carried(bot: RunningBot) -> None:
    objective_id, _ = seed(bot)
    view = open_close(bot)
    closed = bot.submit(view, fill(view)).json()["view"]
    assert "cycle_carry_open" in shown(closed)  # the confirmation's next step
    bot.click("cycle_carry_open", "2026-Q4")
    carry_view = bot.slack.wait_for("views.open", count=2)[-1].response["view"]
    assert carry_view["callback_id"] == "cycle_carry"
    assert [b["block_id"] for b in carry_view["blocks"] if b["type"] == "input"] == [
        f"carry-{objective_id}"
    ]
    answer = bot.submit(carry_view, fill(carry_view, carry={objective_id})).json()
    assert "Carried over to *2027-Q1*" in shown(answer["view"])
    with bot.db.begin() as session:
        copy = session.scalars(
            select(Objective).where(Objective.carried_from_id == objective_id)
        ).one()
        assert [(kr.title, kr.start_value) for kr in copy.key_results] == [
            ("Raise NPS", 68),
            ("Cut churn", 8),
        ]


def test_an_admin_closes_for_another_and_others_may_not(bot: RunningBot) -> None:
    objective_id, (nps, _) = seed(bot, owner="U2")
    bot.introduce("UADMIN", "U1")
    reply = bot.command("close <@U2|bo>", user="U1").json()
    assert "Only workspace admins can close a cycle for someone else" in reply["text"]
    assert bot.slack.calls_to("views.open") == []

    view = open_close(bot, "<@U2|bo> 2026-Q4", user="UADMIN")
    assert "the objectives of <@U2>" in shown(view)
    answer = bot.submit(view, fill(view, {nps: "0.9"}), user="UADMIN").json()
    assert "is closed* for <@U2>" in shown(answer["view"])
    with bot.db.begin() as session:
        objective = session.get_one(Objective, objective_id)
        assert objective.closed_by == "UADMIN" and objective.key_results[0].score == 0.9


def test_a_forged_form_naming_anothers_objectives_is_refused_with_nothing_stored(
    bot: RunningBot,
) -> None:
    theirs, their_krs = seed(bot, owner="U2")
    with bot.db.begin() as session:
        factories.objective(session, bot.clock.now, title="Mine")
    before = stored(bot)
    view = open_close(bot)
    cycle_id = json.loads(view["private_metadata"])["c"]
    for owner in ("U2", "U1"):
        metadata = {"m": "close", "c": cycle_id, "u": owner, "o": [theirs]}
        forged = dict(view, private_metadata=json.dumps(metadata))
        state = {
            f"score-{kr}": {"score": {"type": "plain_text_input", "value": "1"}} for kr in their_krs
        }
        answer = bot.submit(forged, state).json()
        assert answer["response_action"] == "update"
        assert "Only its owner, <@U2>, or a workspace admin" in shown(answer["view"])
    carry = dict(
        view, private_metadata=json.dumps({"m": "carry", "c": cycle_id, "u": "U2", "o": [theirs]})
    )
    assert "Only its owner" in shown(bot.submit(carry, {}).json()["view"])
    assert stored(bot) == before


def test_in_the_first_weeks_of_a_cycle_close_means_the_one_that_ended(bot: RunningBot) -> None:
    seed(bot)
    bot.clock.now = datetime(2027, 1, 6, 10, 0, tzinfo=UTC)
    view = open_close(bot)
    assert "*Close 2026-Q4*" in shown(view) and "2026-Q4 has ended" in shown(view)
    with bot.db.begin() as session:
        assert session.scalars(select(KeyResult.score)).all() == [None, None]


def test_a_carried_objective_says_where_it_came_from_on_home_and_in_edit(bot: RunningBot) -> None:
    objective_id, _ = seed(bot)
    bot.clock.now = datetime(2027, 1, 6, 10, 0, tzinfo=UTC)  # 2027-Q1 has begun
    view = open_close(bot)
    answer = bot.submit(view, fill(view, carry={objective_id})).json()
    assert "checkin_mine" in shown(answer["view"])  # the copy is in the current cycle
    with bot.db.begin() as session:
        copy_id = session.scalars(
            select(Objective.id).where(Objective.carried_from_id == objective_id)
        ).one()
    home = published_home(bot)
    assert "carried from 2026-Q4" in shown(home)
    bot.click("objective_edit", str(copy_id))
    edit = bot.slack.wait_for("views.open", count=2)[-1].params["view"]
    assert "Carried from 2026-Q4" in shown(edit)
