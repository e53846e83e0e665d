"""A team's first week, following the README: a manager (a workspace admin) and two reports,
Ana and Bo. Each creates objectives, checks in by modal or by message, the manager corrects a
report's objective (the owner's notice is queued), and each reads lists and the Home tab. The
assertions are on what each person sees: the words on screen and the buttons offered."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from storage.models import KeyResult, Objective, OutboxMessage
from tests.blockkit import validate_message
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import blocks_text, opened_view, page_values
from tests.e2e.test_home import actions, published_home
from tests.e2e.test_list import buttons, listed, shown
from tests.e2e.test_objectives_alignment import options
from tests.e2e.test_objectives_edit import open_edit
from tests.objective_forms import KRForm, ObjectiveForm, create, open_new, values

MANAGER, ANA, BO = "UADMIN", "U1", "U2"


def objective_id(bot: RunningBot, title: str) -> int:
    with bot.db.begin() as session:
        return session.scalars(select(Objective.id).where(Objective.title == title)).one()


def key_result_ids(bot: RunningBot, objective: int) -> list[int]:
    with bot.db.begin() as session:
        query = select(KeyResult.id).where(KeyResult.objective_id == objective)
        return list(session.scalars(query.order_by(KeyResult.position)))


def saved_text(answer: dict[str, Any]) -> str:
    assert answer["response_action"] == "update", answer
    return json.dumps(answer["view"]["blocks"], ensure_ascii=False)


def view_buttons(view: dict[str, Any]) -> list[str]:
    return [
        e["text"]["text"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]


def edit_value(view: dict[str, Any]) -> str:
    return next(
        str(e["value"])
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "objective_edit"
    )


def test_a_teams_first_week(bot: RunningBot) -> None:
    bot.introduce(MANAGER, ANA, BO)

    # Monday: everyone asks for help first, as the README says.
    help_text = json.dumps(bot.command("help", user=ANA).json()["blocks"])
    assert "*Check in by message*" in help_text and "*Home tab*" in help_text

    # The manager sets the company objective, typed in the team's channel: it starts as the
    # channel's team objective, and the manager makes it a company one.
    form = open_new(bot, user=MANAGER)
    level = next(b for b in form["blocks"] if b.get("block_id") == "objective_level")
    assert level["element"]["initial_option"]["value"] == "team"
    company = ObjectiveForm(
        title="Grow the business",
        level="company",
        owner=MANAGER,
        key_results=[KRForm("Weekly signups", "increase", "300", "600", "signups")],
    )
    text = saved_text(create(bot, company, user=MANAGER))
    assert "*Grow the business* is set for 2026-Q4: a company objective" in text
    company_id = objective_id(bot, "Grow the business")

    # Ana aligns her personal objective to it: the search offers it.
    ana_form = open_new(bot, user=ANA)
    assert ("🏢 Grow the business") in [label for _, label in options(bot, ana_form, user=ANA)]
    mine = ObjectiveForm(
        title="Make onboarding effortless",
        parent=(company_id, "Grow the business"),
        key_results=[
            KRForm("Weekly signups", "increase", "200", "1,000", "signups"),
            KRForm("Create a self-serve onboarding checklist", "milestone", None, None),
        ],
    )
    answer = create(bot, mine, user=ANA)
    text = saved_text(answer)
    assert "*Make onboarding effortless* is set for 2026-Q4: a personal objective" in text
    assert "reads like a task" in text, "the coach suggests an outcome for the checklist"
    assert view_buttons(answer["view"]) == ["Check in", "Edit", "History"], (
        "its Edit button right there, not 'change it from its Edit button there'"
    )
    opened = len(bot.slack.calls_to("views.push"))
    saved = {**answer["view"], "id": bot.slack.calls_to("views.open")[-1].response["view"]["id"]}
    bot.click("objective_edit", edit_value(saved), user=ANA, view=saved)
    assert len(bot.slack.wait_for("views.push", count=opened + 1)) == opened + 1
    ana_id = objective_id(bot, "Make onboarding effortless")

    # Bo's objective: churn down from 8% to 4%.
    bo = ObjectiveForm(
        title="Keep trial users",
        owner=BO,
        key_results=[KRForm("Trial churn", "decrease", "8%", "4%")],
    )
    saved_text(create(bot, bo, user=BO))
    bo_id = objective_id(bot, "Keep trial users")

    # Ana checks in by the modal, from her list's Check in button.
    ana_list = listed(bot, user=ANA)
    assert "*Your objectives*  ·  2026-Q4" in shown(ana_list)
    assert "Aligned to *Grow the business*" in shown(ana_list)
    assert buttons(ana_list) == [
        ("checkin_open", str(ana_id)),
        ("objective_edit", str(ana_id)),
        ("history_open", str(ana_id)),
        ("list_share", "mine||2026-Q4|0"),
    ]
    opened = len(bot.slack.calls_to("views.open"))
    assert bot.click("checkin_open", str(ana_id), user=ANA).status == 200
    modal = opened_view(bot, count=opened + 1)
    signups, checklist = key_result_ids(bot, ana_id)
    typed = page_values(
        {signups: ("400", "on_track", "ads live"), checklist: ("not_done", "at_risk", "")}
    )
    done = bot.submit(modal, typed, user=ANA).json()
    assert done["response_action"] == "update"
    assert "Saved 2 check-ins for 2026-Q4" in json.dumps(done["view"])
    assert view_buttons(done["view"]) == ["History"]
    after = shown(listed(bot, user=ANA))
    assert "*25%*  *1. Weekly signups*\\nnow 400 → target 1,000 signups (from 200)" in after, (
        "(400 − 200) / (1,000 − 200), numbered as a message check-in names it"
    )
    assert ":large_green_circle: On track" in after and ":large_yellow_circle: At risk" in after

    # Bo checks in by message, by the key result's number.
    before = len(bot.slack.calls_to("chat.postMessage"))
    dm = {
        "type": "message",
        "channel": "D0000002",
        "channel_type": "im",
        "user": BO,
        "text": "1 6% on track fewer drop-offs",
        "ts": "1763300000.000200",
    }
    assert bot.event(dm).status == 200
    reply = bot.slack.wait_for("chat.postMessage", count=before + 1)[-1].params
    validate_message(reply)
    assert "Checked in 1 key result for 2026-Q4" in blocks_text(reply)
    assert [
        e["text"]["text"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]
    ] == ["Undo", "History"]

    # Nobody was told of their own changes; their first check-ins earned a badge each, and Bo's
    # churn is halfway (8% → 6% of 4%): his shout-out, in his DM since no celebration channel is
    # set, is the only other message to send.
    with bot.db.begin() as session:
        queued = session.scalars(select(OutboxMessage)).all()
        assert {row.kind for row in queued} == {"badge", "celebration"}
        shoutouts = [(row.kind, row.channel) for row in queued if row.kind == "celebration"]
        assert shoutouts == [("celebration", BO)]

    # Wednesday: the manager tightens Bo's target; Bo is told who, what, before → after.
    view = open_edit(bot, bo_id, user=MANAGER)
    edited = ObjectiveForm(
        title="Keep trial users",
        owner=BO,
        key_results=[KRForm("Trial churn", "decrease", "8%", "3%")],
    )
    assert (
        bot.submit(view, values(view, edited), user=MANAGER).json()["response_action"] == "update"
    )
    with bot.db.begin() as session:
        (notice,) = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind.not_in(("celebration", "badge")))
        ).all()
        assert (notice.kind, notice.channel) == ("change_notice", BO)
        payload = notice.payload
    told = json.dumps(payload["blocks"], ensure_ascii=False)
    assert "<@UADMIN> changed your objective *Keep trial users*:" in told
    assert "• Key result “Trial churn”: target: 4% → 3%" in told
    assert [
        e["text"]["text"]
        for b in payload["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ] == ["View its history"]

    # Lists: Bo looks at Ana's, the manager at the company's and shares it in the channel.
    anas_for_bo = listed(bot, "<@U1>", user=BO)
    assert "Make onboarding effortless" in shown(anas_for_bo)
    assert ("objective_edit", str(ana_id)) not in buttons(anas_for_bo), "Bo may only look"
    assert ("history_open", str(ana_id)) in buttons(anas_for_bo)
    company_list = listed(bot, "company", user=MANAGER)
    assert "Grow the business" in shown(company_list)
    assert "1 objective is aligned to this one" in shown(company_list)
    before = len(bot.slack.calls_to("response_url"))
    share = dict(buttons(company_list))["list_share"]
    assert bot.click("list_share", share, user=MANAGER).status == 200
    posted = bot.slack.wait_for("response_url", count=before + 1)[-1].params
    assert posted["response_type"] == "in_channel"
    assert "Shared by <@UADMIN>" in shown(posted) and "Grow the business" in shown(posted)

    # Home: each sees their own objectives with their buttons.
    for user, title, own in (
        (ANA, "Make onboarding effortless", ana_id),
        (BO, "Keep trial users", bo_id),
        (MANAGER, "Grow the business", company_id),
    ):
        home = published_home(bot, user=user)
        text = json.dumps(home["blocks"], ensure_ascii=False)
        assert title in text
        assert actions(home)[:2] == [("objective_new", None), ("checkin_mine", "all")]
        assert ("checkin_open", str(own)) in actions(home)
    bo_home = json.dumps(published_home(bot, user=BO)["blocks"], ensure_ascii=False)
    assert "Make onboarding effortless" not in bo_home
