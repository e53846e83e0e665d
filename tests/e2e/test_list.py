"""`/okr list` for each audience, over HTTP: progress, status, alignment, privacy, pages."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from tests import factories
from tests.blockkit import validate_message
from tests.bot_fixtures import RunningBot
from tests.factories import KR


def listed(bot: RunningBot, text: str = "", *, user: str = "U1") -> dict[str, Any]:
    before = len(bot.slack.calls_to("response_url"))
    assert bot.command(f"list {text}".strip(), user=user).status == 200
    call = bot.slack.wait_for("response_url", count=before + 1)[-1]
    assert call.status == 200, call.response
    message: dict[str, Any] = call.params
    validate_message(message)
    return message


def shown(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (e["action_id"], e["value"])
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]


def test_my_objectives_with_progress_status_alignment_and_buttons(bot: RunningBot) -> None:
    now = bot.clock.now
    with bot.db.begin() as session:
        company = factories.objective(
            session, now, title="Win the market", owner="U2", level="company"
        )
        mine = factories.objective(
            session,
            now,
            title="Delight customers",
            parent_id=company.id,
            key_results=[
                KR("Raise NPS", start=20, target=40),
                KR("Cut churn", kind="decrease", start=5, target=3, unit_kind="percent"),
                KR("Ship the survey", kind="milestone", start=None, target=None),
            ],
        )
        factories.check_in(session, mine.key_results[0], now, value=30, confidence="at_risk")
        factories.objective(session, now, title="Child of mine", owner="U2", parent_id=mine.id)
        factories.objective(
            session, now, title="Last quarter", day=now.date() - timedelta(days=100)
        )
        factories.objective(session, now, title="Put away", state="archived")
        factories.objective(session, now, title="Thrown away", state="deleted")
        mine_id = mine.id
    message = listed(bot)
    text = shown(message)
    assert message["response_type"] == "ephemeral"
    assert "*Your objectives*  ·  2026-Q4" in text
    assert "Delight customers" in text and "*Win the market*\\n" not in text
    assert "Last quarter" not in text and "Put away" not in text and "Thrown away" not in text
    assert "▰▰▰▰▰▱▱▱▱▱  *50%*  *1. Raise NPS" in text
    assert "now 30 → target 40 (from 20)" in text and ":large_yellow_circle: At risk" in text
    assert "now 5% → target 3%" in text and "No check-in yet" in text
    assert "expected by today" in text and "_Expected by today_: where a key result" in text
    assert "not done yet" in text
    assert "*17%*" in text, "the objective is the mean of 50%, 0% and 0%"
    assert "Aligned to *Win the market*" in text
    assert "1 objective is aligned to this one" in text
    assert buttons(message) == [
        ("checkin_open", str(mine_id)),
        ("objective_edit", str(mine_id)),
        ("history_open", str(mine_id)),
        ("list_share", "mine||2026-Q4|0"),
    ]


def test_someone_elses_list_hides_their_private_objectives_except_from_admins(
    bot: RunningBot,
) -> None:
    bot.introduce("UADMIN")
    with bot.db.begin() as session:
        public = factories.objective(session, bot.clock.now, title="Public goal", owner="U2")
        factories.objective(
            session, bot.clock.now, title="Secret goal", owner="U2", visibility="private"
        )
        public_id = public.id
    for mention in ("<@U2|bo>", "<@U2>", "@bo", "@Bo"):
        message = listed(bot, mention)
        assert "*Objectives of <@U2>*" in shown(message)
        assert "Public goal" in shown(message) and "Secret goal" not in shown(message)
        assert buttons(message) == [
            ("history_open", str(public_id)),
            ("list_share", "person|U2|2026-Q4|0"),
        ], "U1 may see the history of U2's public objective, not change it"
    as_admin = listed(bot, "<@U2>", user="UADMIN")
    assert "Secret goal" in shown(as_admin) and ":lock: private" in shown(as_admin)
    assert ("objective_edit", str(public_id)) in buttons(as_admin)
    as_owner = listed(bot, user="U2")
    assert "Secret goal" in shown(as_owner)


def test_a_team_channels_objectives(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(
            session,
            bot.clock.now,
            title="Team goal",
            level="team",
            team_channel_id="C0TEAM",
            owner="U2",
        )
        factories.objective(
            session, bot.clock.now, title="Other team", level="team", team_channel_id="C0OTHER"
        )
    message = listed(bot, "<#C0TEAM|team>")
    assert "*Team objectives of <#C0TEAM>*" in shown(message)
    assert "Team goal" in shown(message) and "Other team" not in shown(message)


def test_company_objectives(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(
            session, bot.clock.now, title="Company goal", level="company", owner="U2"
        )
        factories.objective(session, bot.clock.now, title="My own goal")
    message = listed(bot, "company")
    assert "Company goal" in shown(message) and "My own goal" not in shown(message)


def test_another_cycle(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(
            session, bot.clock.now, title="Q3 goal", day=bot.clock.now.date() - timedelta(days=60)
        )
        factories.objective(session, bot.clock.now, title="Q4 goal")
    message = listed(bot, "2026-Q3")
    assert "Q3 goal" in shown(message) and "Q4 goal" not in shown(message)
    assert "2026-Q3" in message["text"]
    combined = listed(bot, "2026-q3 <@U1>")
    assert "Q3 goal" in shown(combined)
    never = listed(bot, "2019-Q1")
    assert "You have no objectives in 2019-Q1 yet" in shown(never)


def test_empty_lists_say_what_to_do(bot: RunningBot) -> None:
    empty = listed(bot)
    assert "You have no objectives in 2026-Q4 yet." in shown(empty)
    assert buttons(empty) == [("objective_new", "new")], "the next step, and nothing to share"
    assert "has no objectives you can see" in shown(listed(bot, "<@U2>"))
    # The button opens the form.
    assert bot.click("objective_new", "new").status == 200
    (opened,) = bot.slack.wait_for("views.open")
    assert opened.params["view"]["callback_id"] == "objective_form"


@pytest.mark.parametrize(
    ("words", "told"),
    [
        ("#team", "type `#` and pick the channel"),
        ("lots please", "I didn't understand `lots`"),
        ("@nobody", "I couldn't find anyone called `@nobody`"),
        ("<@U2> company", "Show one person, channel or `company` at a time"),
        ("2026-Q3 2026-Q4", "Show one cycle at a time"),
        ("<!channel>", "I didn't understand `&lt;!channel&gt;`"),
    ],
)
def test_words_it_cannot_read_get_a_clear_answer(bot: RunningBot, words: str, told: str) -> None:
    message = listed(bot, words)
    assert told in shown(message)
    assert "/okr list company" in shown(message)


def test_an_alignment_to_a_private_objective_stays_private(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        secret = factories.objective(
            session, bot.clock.now, title="Secret parent", owner="U2", visibility="private"
        )
        factories.objective(session, bot.clock.now, title="Mine", parent_id=secret.id)
    text = shown(listed(bot))
    assert "Aligned to a private objective" in text and "Secret parent" not in text


def test_long_lists_are_paged_within_slacks_block_limit(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        for n in range(20):
            factories.objective(
                session,
                bot.clock.now,
                title=f"Objective number {n:02d}",
                key_results=[KR(f"KR {k}", start=0, target=10) for k in range(5)],
            )
    message = listed(bot)
    seen: list[str] = []
    pages = 0
    while True:
        pages += 1
        assert len(message["blocks"]) <= 50
        seen += [t for n in range(20) if (t := f"Objective number {n:02d}") in shown(message)]
        more = [value for action, value in buttons(message) if action == "list_more"]
        if not more:
            break
        bot.click("list_more", more[0])
        message = bot.slack.wait_for("response_url", count=pages + 1)[-1].params
        validate_message(message)
        assert message["replace_original"] is True
    assert seen == [f"Objective number {n:02d}" for n in range(20)]
    assert pages == 4, "five objectives of five key results per page"


def test_a_forged_show_more_shows_only_what_the_clicker_may_see(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(
            session, bot.clock.now, title="Secret goal", owner="U2", visibility="private"
        )
    bot.click("list_more", "person|U2|2026-Q4|0")
    (reply,) = bot.slack.wait_for("response_url")
    assert "Secret goal" not in json.dumps(reply.params)
    bot.click("list_more", "garbage")
    assert "I didn't understand" in bot.slack.wait_for("response_url", count=2)[-1].params["text"]


def test_titles_cannot_ping_anyone(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        factories.objective(
            session,
            bot.clock.now,
            title="<!channel> look",
            key_results=[KR("<@U2> & <!here>", unit_kind="word", unit="<!everyone>")],
        )
    text = json.dumps(listed(bot))
    for marker in ("<!channel>", "<!here>", "<@U2>", "<!everyone>"):
        assert marker not in text
