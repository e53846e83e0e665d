"""The Home tab shows my OKRs of the current cycle, with the buttons to act on them."""

from __future__ import annotations

import json
from typing import Any

from tests import factories
from tests.blockkit import validate_view
from tests.bot_fixtures import RunningBot
from tests.e2e.checkin_support import opened_view
from tests.factories import KR


def published_home(bot: RunningBot, user: str = "U1") -> dict[str, Any]:
    # A Home opened before may still be published again once its charts are uploaded.
    bot.settle()
    before = len(bot.slack.calls_to("views.publish"))
    assert bot.event({"type": "app_home_opened", "user": user, "tab": "home"}).status == 200
    call = bot.slack.wait_for("views.publish", count=before + 1)[-1]
    assert call.response["ok"], call.response
    view: dict[str, Any] = call.params["view"]
    validate_view(view)
    return view


def actions(view: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [
        (element["action_id"], element.get("value"))
        for block in view["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def test_home_shows_my_objectives_with_progress_and_buttons(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        mine = factories.objective(
            session,
            bot.clock.now,
            title="Ship the <!here> beta",
            key_results=[KR("Weekly signups", start=0, target=200)],
        )
        factories.check_in(session, mine.key_results[0], bot.clock.now, value=50)
        factories.objective(session, bot.clock.now, title="Not mine", owner="U2")
        mine_id = mine.id
    view = published_home(bot)
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Your OKRs · 2026-Q4" in shown
    assert "Ship the &lt;!here&gt; beta" in shown and "<!here>" not in shown
    assert "*25%*" in shown and "Not mine" not in shown
    assert actions(view) == [
        ("objective_new", None),
        ("checkin_mine", "all"),
        ("my_prompts_open", None),
        ("checkin_open", str(mine_id)),
        ("objective_edit", str(mine_id)),
        ("history_open", str(mine_id)),
    ]
    assert shown.count("`2: 45% at risk`") == 1, "the message example is given once, not twice"
    assert "every week" not in shown, "the workspace may prompt every 2 weeks or monthly"


def test_home_without_objectives_invites_a_first_one(bot: RunningBot) -> None:
    view = published_home(bot, user="U2")
    assert "You have no objectives in 2026-Q4 yet" in json.dumps(view["blocks"])


def test_new_objective_button_opens_the_objective_modal(bot: RunningBot) -> None:
    assert bot.click("objective_new", view={"id": "VHOME", "type": "home"}).status == 200
    view = opened_view(bot)
    validate_view(view)
    assert view["type"] == "modal"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["objective_owner"]["element"]["initial_user"] == "U1"
