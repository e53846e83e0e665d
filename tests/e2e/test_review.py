"""`/okr review` over HTTP on SQLite and PostgreSQL: a person's last four check-ins, confidence
changes and risks first; private objectives only for the owner and admins; "Share in DM" posts
to the group DM of the two; the team view of a channel's members; plain answers to bad input."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from tests import factories
from tests.blockkit import validate_message
from tests.bot_fixtures import RunningBot
from tests.factories import KR

CHECKED = [
    (date(2026, 10, 19), 10, "on_track", "the oldest note"),
    (date(2026, 10, 26), 20, "on_track", "kick-off went well"),
    (date(2026, 11, 2), 25, "at_risk", "two deals slipped"),
    (date(2026, 11, 9), 30, "at_risk", ""),
    (date(2026, 11, 16), 32, "off_track", "<!channel> blocked by legal"),
]


def asked(bot: RunningBot, text: str, *, user: str = "U1") -> dict[str, Any]:
    before = len(bot.slack.calls_to("response_url"))
    assert bot.command(text, user=user).status == 200
    call = bot.slack.wait_for("response_url", count=before + 1)[-1]
    message: dict[str, Any] = call.params
    validate_message(message)
    assert len(message.get("blocks", [])) <= 50
    return message


def shown(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


def arrange_bo(bot: RunningBot) -> None:
    """Bo (U2): a public objective in trouble, one going well, and a private one."""
    now = bot.clock.now
    with bot.db.begin() as session:
        factories.objective(
            session, now, title="Hire well", owner="U2", key_results=[KR("Hires", current=90)]
        )
        risky = factories.objective(
            session, now, title="Grow signups", owner="U2", key_results=[KR("Signups")]
        )
        for day, value, confidence, note in CHECKED:
            factories.check_in(
                session,
                risky.key_results[0],
                now,
                value=value,
                confidence=confidence,
                note=note,
                author="U2",
                effective_on=day,
            )
        factories.objective(session, now, title="Secret plan", owner="U2", visibility="private")


def test_a_review_shows_the_last_four_check_ins_changes_and_risks_first(bot: RunningBot) -> None:
    arrange_bo(bot)
    message = asked(bot, "review <@U2|bo>")
    text = shown(message)
    assert message["response_type"] == "ephemeral"
    assert "*1:1 review of" in text and "2026-Q4" in text
    assert "*Talk about first*" in text
    assert "*Signups* (Grow signups): :red_circle: Off track" in text
    assert "behind pace: 32% where" in text
    # Newest first, four of them: the oldest of five is left out.
    assert text.index("Nov 16: 32") < text.index("Nov 9: 30") < text.index("Oct 26: 20")
    assert "Oct 19" not in text and "the oldest note" not in text
    assert "(at risk → off track)" in text and "(on track → at risk)" in text
    assert "&lt;!channel&gt; blocked by legal" in text and "<!channel>" not in text
    # The objective in trouble comes before the one going well.
    assert text.index("Grow signups*  ") < text.index("Hire well*  ")
    assert "Secret plan" not in text, "a private objective is for its owner and admins"
    (action,) = [b for b in message["blocks"] if b["type"] == "actions"]
    assert [(e["action_id"], e["value"]) for e in action["elements"]] == [("review_share", "U2")]


def test_private_objectives_show_to_the_owner_and_admins(bot: RunningBot) -> None:
    arrange_bo(bot)
    bot.introduce("UADMIN")
    assert "Secret plan" in shown(asked(bot, "review <@U2>", user="U2"))
    assert "Secret plan" in shown(asked(bot, "review <@U2>", user="UADMIN"))
    assert "Secret plan" not in shown(asked(bot, "review <@U2>", user="U1"))


def shared_in_dm(bot: RunningBot, *, user: str) -> tuple[str, list[dict[str, Any]]]:
    before = len(bot.slack.calls_to("response_url"))
    bot.click("review_share", "U2", user=user)
    reply = bot.slack.wait_for("response_url", count=before + 1)[-1].params
    assert reply["text"] == "Posted in a direct message between the two of you."
    opened = bot.slack.calls_to("conversations.open")[-1]
    assert sorted(opened.params["users"].split(",")) == sorted({user, "U2"})
    dm = str(opened.response["channel"]["id"])
    return dm, bot.slack.messages_in(dm)


def test_share_in_dm_posts_to_the_dm_of_the_two_with_what_the_sharer_may_see(
    bot: RunningBot,
) -> None:
    arrange_bo(bot)
    bot.introduce("UADMIN", "U2")
    dm, posted = shared_in_dm(bot, user="UADMIN")
    assert dm.startswith("G"), "a group DM of the admin, Bo and the bot"
    (message,) = posted
    text = shown(message)
    assert "Secret plan" in text, "both readers may see it: Bo owns it, the admin is an admin"
    assert "Shared by" in text and "review_share" not in text
    dm, posted = shared_in_dm(bot, user="U1")
    (message,) = posted
    assert "Grow signups" in shown(message) and "Secret plan" not in shown(message)
    # Bo sharing his own review: his DM with the bot, private objectives and all.
    bot.click("review_share", "U2", user="U2")
    reply = bot.slack.wait_for("response_url", count=3)[-1].params
    assert reply["text"] == "Posted in your direct message with me."
    opened = bot.slack.calls_to("conversations.open")[-1]
    assert opened.params["users"] == "U2"
    (own,) = bot.slack.messages_in(str(opened.response["channel"]["id"]))
    assert "Secret plan" in shown(own)


def test_the_team_view_lists_members_with_and_without_a_check_in_this_period(
    bot: RunningBot,
) -> None:
    now = bot.clock.now
    bot.slack.add_channel("C0TEAM", name="team", members=["U1", "U2", "UADMIN", "UBOT"])
    bot.slack.add_channel("C0HUSH", name="hush", is_private=True, is_member=False)
    with bot.db.begin() as session:
        mine = factories.objective(session, now, title="Ana's goal", key_results=[KR("Demos")])
        factories.check_in(session, mine.key_results[0], now, value=60)
        bos = factories.objective(
            session, now, title="Bo's goal", owner="U2", key_results=[KR("Calls")]
        )
        factories.check_in(
            session,
            bos.key_results[0],
            now,
            value=5,
            confidence="at_risk",
            author="U2",
            effective_on=now.date() - timedelta(days=10),
        )
        factories.objective(session, now, title="Bo's secret", owner="U2", visibility="private")
        factories.objective(session, now, title="Not in the channel", owner="U3")
    message = asked(bot, "review <#C0TEAM|team>")
    text = shown(message)
    assert "*Team review of <#C0TEAM>*" in text and "check-in period 2026-W47" in text
    assert "Ana's goal" in text and "Bo's goal" in text
    assert "Not in the channel" not in text and "Bo's secret" not in text
    bo_at, ana_at = text.index("Bo's goal"), text.index("Ana's goal")
    assert bo_at < ana_at, "who needs a word comes first"
    assert ":warning: no check-in this period" in text[:bo_at]
    assert ":white_check_mark: checked in this period" in text[bo_at:ana_at]
    assert "*Calls*: :large_yellow_circle: At risk" in text
    assert "1 member owns no objective you can see" in text, "the admin; the bot is no member"
    assert "<@" not in text, "people are named, never mentioned"
    hush = shown(asked(bot, "review <#C0HUSH|hush>"))
    assert "I can't see who is in <#C0HUSH>" in hush and "`/invite` me" in hush


def test_bad_input_gets_a_plain_answer_with_what_works(bot: RunningBot) -> None:
    assert "Whose review?" in shown(asked(bot, "review"))
    assert "I don't know anyone called “@nobody”" in shown(asked(bot, "review @nobody"))
    assert "Pick the channel from Slack's suggestions" in shown(asked(bot, "review #general"))
    assert "One person or one channel" in shown(asked(bot, "review <@U2> <@U1>"))
    empty = shown(asked(bot, "review <@U2>"))
    assert "has no objectives you can see in 2026-Q4" in empty and "/okr review #channel" in empty
    before = len(bot.slack.calls_to("conversations.open"))
    bot.click("review_share", "<!channel>")
    bot.click("review_share", "U2")
    reply = bot.slack.wait_for("response_url", count=6)[-1].params
    assert reply["text"] == "There is nothing of theirs you can see to share in this cycle."
    assert len(bot.slack.calls_to("conversations.open")) == before
