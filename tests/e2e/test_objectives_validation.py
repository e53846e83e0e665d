"""Each mistake in the objective form gets an inline error on the field at fault; nothing stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.models import AuditEvent, KeyResult, Objective, Person
from tests import factories
from tests.bot_fixtures import RunningBot
from tests.objective_forms import KRForm, ObjectiveForm, create, kr_keys, open_new, values


def errors_for(bot: RunningBot, form: ObjectiveForm) -> dict[str, str]:
    answer = create(bot, form)
    assert answer["response_action"] == "errors", answer
    found: dict[str, str] = answer["errors"]
    return found


def assert_nothing_stored(bot: RunningBot, objectives: int = 0) -> None:
    with bot.db.begin() as session:
        assert session.scalar(select(func.count()).select_from(Objective)) == objectives
        assert session.scalar(select(func.count()).select_from(KeyResult)) == objectives
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


CASES: list[tuple[str, ObjectiveForm, str, str]] = [
    ("empty title", ObjectiveForm(title="   "), "objective_title", "Give the objective a title"),
    (
        "empty key result title",
        ObjectiveForm(key_results=[KRForm(title="")]),
        "kr1_title",
        "Give this key result (or remove it) a title",
    ),
    (
        "missing start",
        ObjectiveForm(key_results=[KRForm(start="")]),
        "kr1_start",
        "Enter where it starts",
    ),
    (
        "missing target",
        ObjectiveForm(key_results=[KRForm(kind="stay_above", start=None, target="")]),
        "kr1_target",
        "Enter the target value",
    ),
    (
        "non-numeric target",
        ObjectiveForm(key_results=[KRForm(target="45 signups")]),
        "kr1_target",
        'I understood 45 but not "signups"',
    ),
    (
        "gibberish start",
        ObjectiveForm(key_results=[KRForm(start="lots")]),
        "kr1_start",
        '"lots" is not a number',
    ),
    (
        "target equals start",
        ObjectiveForm(key_results=[KRForm(start="1,200", target="1200")]),
        "kr1_target",
        "The target equals the start (1,200)",
    ),
    (
        "increase going down",
        ObjectiveForm(key_results=[KRForm(kind="increase", start="40", target="20")]),
        "kr1_target",
        "choose the type Decrease",
    ),
    (
        "decrease going up",
        ObjectiveForm(key_results=[KRForm(kind="decrease", start="20", target="40")]),
        "kr1_target",
        "choose the type Increase",
    ),
    (
        "unit disagrees with the value",
        ObjectiveForm(key_results=[KRForm(start="10%", target="45%", unit="USD")]),
        "kr1_start",
        "is a percent, but the unit is “USD”",
    ),
    (
        "values disagree on their unit",
        ObjectiveForm(key_results=[KRForm(start="$1k", target="45%")]),
        "kr1_target",
        "is a percent, but the unit is “USD”",
    ),
    (
        "due date outside the cycle",
        ObjectiveForm(key_results=[KRForm(due="2027-01-15")]),
        "kr1_due",
        "Pick a date within 2026-Q4 (1 Oct – 31 Dec 2026)",
    ),
    (
        "team without a channel",
        ObjectiveForm(level="team", channel=None),
        "objective_channel",
        "A team objective needs the team's channel",
    ),
]


@pytest.mark.parametrize(
    ("form", "block", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_mistake_gets_an_inline_error_and_nothing_is_stored(
    bot: RunningBot, form: ObjectiveForm, block: str, message: str
) -> None:
    errors = errors_for(bot, form)
    assert message in errors.get(block, ""), errors
    assert_nothing_stored(bot)


def test_every_mistake_is_reported_at_once(bot: RunningBot) -> None:
    form = ObjectiveForm(
        title="",
        key_results=[KRForm(start="x"), KRForm(kind="decrease", start="1", target="9")],
    )
    errors = errors_for(bot, form)
    keys = sorted(errors)
    assert keys == ["kr1_start", "kr2_target", "objective_title"], errors


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,200", 1200),
        ("1 200", 1200),
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("$3k", 3000),
        ("2.5m", 2.5e6),
    ],
)
def test_numbers_are_read_as_people_type_them(bot: RunningBot, typed: str, value: float) -> None:
    answer = create(bot, ObjectiveForm(key_results=[KRForm("Grow it", start="0", target=typed)]))
    assert answer["response_action"] == "update", answer
    with bot.db.begin() as session:
        assert session.scalars(select(KeyResult.target_value)).one() == value


def test_parent_in_another_cycle_is_refused(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        old = factories.objective(
            session, bot.clock.now - timedelta(days=100), title="Last quarter"
        )
        old_id = old.id
    errors = errors_for(bot, ObjectiveForm(parent=(old_id, "Last quarter")))
    assert "is in another cycle: pick an objective of 2026-Q4" in errors["objective_parent"]
    assert_nothing_stored(bot, objectives=1)


def test_a_private_parent_of_someone_else_cannot_be_chosen(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        hidden = factories.objective(session, bot.clock.now, owner="U2", visibility="private")
        hidden_id = hidden.id
    errors = errors_for(bot, ObjectiveForm(parent=(hidden_id, "guessed")))
    assert "can't be found" in errors["objective_parent"]


def test_an_owner_who_left_the_workspace_is_refused(bot: RunningBot) -> None:
    bot.slack.add_user("UGONE", name="gone", deleted=True)
    bot.introduce("UGONE")  # Slack has said so: at a request of theirs, or in a user_change
    errors = errors_for(bot, ObjectiveForm(owner="UGONE"))
    assert "no longer in this workspace" in errors["objective_owner"]


def owner(bot: RunningBot, user_id: str) -> tuple[str, str, bool] | None:
    with bot.db.begin() as session:
        row = session.get(Person, (factories.TEAM_ID, user_id))
        return None if row is None else (row.display_name, row.time_zone, row.is_active)


def test_an_owner_never_met_is_taken_at_once_and_described_after_the_answer(
    bot: RunningBot,
) -> None:
    bot.introduce("U1")
    bot.slack.fail("users.info", status=429, retry_after=4)

    answer = create(bot, ObjectiveForm(owner="U2"))

    assert answer["response_action"] == "update", "saved within the 3 s, Slack not asked first"
    bot.settle()
    assert owner(bot, "U2") == ("U2", "UTC", True), "the defaults while Slack says wait"
    create(bot, ObjectiveForm(title="Another", owner="U2"))
    bot.settle()
    assert owner(bot, "U2") == ("bo", "America/New_York", True), "described after the answer"


def test_someone_else_may_be_the_owner(bot: RunningBot) -> None:
    answer = create(bot, ObjectiveForm(owner="U2"))
    assert answer["response_action"] == "update"
    with bot.db.begin() as session:
        objective = session.scalars(select(Objective)).one()
        assert (objective.owner_id, objective.created_by) == ("U2", "U1")


@pytest.mark.parametrize("left", [True, False], ids=["deleted", "unknown_to_slack"])
def test_an_owner_slack_says_is_not_in_the_workspace_is_told_of_after_the_answer(
    bot: RunningBot, left: bool
) -> None:
    if left:
        bot.slack.add_user("UGONE", name="gone", deleted=True)
    bot.introduce("U1")

    answer = create(bot, ObjectiveForm(title="Ship <it>", owner="UGONE"))

    assert answer["response_action"] == "update", "Slack is not asked before the answer"
    told = bot.slack.wait_for("chat.postMessage")[-1].params
    assert told["channel"] == "U1"
    assert told["text"] == (
        ":warning: *Ship &lt;it&gt;* is saved, but Slack says its owner, <@UGONE>, is not in "
        "this workspace: pick someone else from its Edit button."
    )
    with bot.db.begin() as session:
        saved_id = session.scalars(select(Objective.id)).one()
    (edit,) = [e for b in told["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert (edit["action_id"], edit["value"]) == ("objective_edit", str(saved_id)), (
        "its Edit button: `/okr edit` would not even offer someone else's objective"
    )
    bot.settle()
    stored = owner(bot, "UGONE")
    assert stored is not None and stored[2] is False, "stored as gone"
    errors = errors_for(bot, ObjectiveForm(title="Another", owner="UGONE"))
    assert "no longer in this workspace" in errors["objective_owner"]


def test_a_cycle_that_was_not_offered_is_refused(bot: RunningBot) -> None:
    errors = errors_for(bot, ObjectiveForm(cycle="1999-Q1"))
    assert errors == {"objective_cycle": "Pick a cycle from the list."}


def test_the_next_cycle_may_be_chosen_and_due_dates_follow_it(bot: RunningBot) -> None:
    answer = create(bot, ObjectiveForm(cycle="2027-Q1", key_results=[KRForm(due="2027-02-01")]))
    assert answer["response_action"] == "update", answer
    assert "2027-Q1" in str(answer["view"])


def test_a_tampered_form_is_refused_without_storing(bot: RunningBot) -> None:
    view = open_new(bot)
    form_values: dict[str, Any] = values(view, ObjectiveForm())
    forged = dict(view, private_metadata='{"o": null, "k": [[1, 999, 0]], "n": 2}')
    answer = bot.submit(forged, form_values).json()
    assert answer["response_action"] == "update"
    assert "out of date" in str(answer["view"])
    assert_nothing_stored(bot)
    assert kr_keys(view) == [1]
