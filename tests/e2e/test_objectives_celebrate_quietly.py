""" "Celebrate quietly" on the objective modal over HTTP: ticked, stored, shown again on the edit
form, unticked, audited, and told to the owner when someone else changes it."""

from __future__ import annotations

from sqlalchemy import select

from bot.objectives.filled_form import CELEBRATE
from storage.models import AuditEvent, Objective
from tests.blockkit import validate_view
from tests.bot_fixtures import RunningBot
from tests.e2e.test_objectives_edit import element, open_edit, seed
from tests.e2e.test_owner_notices import SIGNUPS, admin_edit, notices, shown
from tests.objective_forms import KRForm, ObjectiveForm, create, open_new, values


def quiet(bot: RunningBot) -> bool:
    with bot.db.begin() as session:
        return session.scalars(select(Objective)).one().celebrate_quietly


def test_celebrate_quietly_is_saved_shown_again_and_audited(bot: RunningBot) -> None:
    new = open_new(bot)
    box = element(new, CELEBRATE)
    assert [o["text"]["text"] for o in box["options"]] == [
        "Celebrate quietly: tell me by DM instead of posting in a channel"
    ]
    assert "initial_options" not in box
    hint = next(b for b in new["blocks"] if b.get("block_id") == CELEBRATE)["hint"]["text"]
    assert "A private objective is never celebrated in a channel" in hint

    form = ObjectiveForm(
        title="Ship the beta quietly",
        celebrate_quietly=True,
        key_results=[KRForm("Sign up 10 teams", start="0", target="10")],
    )
    answer = create(bot, form)
    assert answer["response_action"] == "update", answer
    assert quiet(bot) is True

    with bot.db.begin() as session:
        objective_id = session.scalars(select(Objective.id)).one()
    view = open_edit(bot, objective_id)
    validate_view(view)
    assert [o["value"] for o in element(view, CELEBRATE)["initial_options"]] == ["quietly"]

    form.celebrate_quietly = False
    answer = bot.submit(view, values(view, form)).json()
    assert answer["response_action"] == "update", answer
    assert quiet(bot) is False
    with bot.db.begin() as session:
        changes = [
            e.changes
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "objective"))
        ]
    assert changes[0]["celebrate_quietly"] == {"old": None, "new": True}
    assert changes[-1] == {"celebrate_quietly": {"old": True, "new": False}}
    reopened = open_edit(bot, objective_id)
    assert "initial_options" not in element(reopened, CELEBRATE)


def test_an_admin_ticking_it_tells_the_owner_by_dm(bot: RunningBot) -> None:
    bot.introduce("UADMIN")
    objective_id = seed(bot, title="Grow signups", owner="U2", key_results=[SIGNUPS])
    form = ObjectiveForm(
        title="Grow signups",
        owner="U2",
        celebrate_quietly=True,
        key_results=[KRForm("Weekly signups", "increase", "300", "600", "signups")],
    )
    admin_edit(bot, objective_id, form)

    (row,) = notices(bot)
    assert row.channel == "U2"
    assert shown(row).endswith("• Celebrate quietly: no → yes")
