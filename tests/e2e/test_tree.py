"""`/okr tree` over HTTP on SQLite and PostgreSQL: alignment drawn as a tree with rolled-up
progress, private objectives kept in place without their title for others, and paging."""

from __future__ import annotations

import json
from typing import Any

from tests import factories
from tests.blockkit import validate_message
from tests.bot_fixtures import RunningBot
from tests.factories import KR


def asked(bot: RunningBot, text: str = "tree", *, user: str = "U1") -> dict[str, Any]:
    before = len(bot.slack.calls_to("response_url"))
    assert bot.command(text, user=user).status == 200
    message: dict[str, Any] = bot.slack.wait_for("response_url", count=before + 1)[-1].params
    validate_message(message)
    assert len(message["blocks"]) <= 50
    return message


def lines(message: dict[str, Any]) -> list[str]:
    return [
        b["text"]["text"]
        for b in message["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith("`")
    ]


def arrange(bot: RunningBot) -> None:
    now = bot.clock.now
    with bot.db.begin() as session:
        win = factories.objective(
            session,
            now,
            title="Win",
            owner="U2",
            level="company",
            key_results=[KR("Share", current=25)],
        )
        grow = factories.objective(
            session,
            now,
            title="Grow",
            level="team",
            parent_id=win.id,
            key_results=[KR("Signups", current=50)],
        )
        factories.objective(
            session,
            now,
            title="Webinar",
            parent_id=grow.id,
            key_results=[KR("Seats", current=100)],
        )
        secret = factories.objective(
            session,
            now,
            title="Secret",
            owner="U2",
            level="team",
            visibility="private",
            parent_id=win.id,
            key_results=[KR("Quiet", current=0)],
        )
        factories.objective(
            session,
            now,
            title="Under the secret",
            parent_id=secret.id,
            key_results=[KR("Steps", current=0)],
        )
        factories.objective(
            session,
            now,
            title="Alone",
            owner="U2",
            visibility="private",
            key_results=[KR("Solo", current=80)],
        )


def test_the_tree_rolls_progress_up_and_keeps_private_objectives_out(bot: RunningBot) -> None:
    arrange(bot)
    message = asked(bot)
    assert message["response_type"] == "ephemeral"
    text = json.dumps(message["blocks"], ensure_ascii=False)
    assert "*Alignment tree*  ·  2026-Q4" in text
    assert "the mean of an objective's own key results and of the rolled-up progress" in text
    assert lines(message) == [
        "`·` 🏢 *Win*  ▰▰▰▰▰▱▱▱▱▱ 50% (own 25%)",
        "`├ ` 👥 *Grow*  ▰▰▰▰▰▰▰▰▱▱ 75% (own 50%)",
        "`│  └ ` 👤 *Webinar*  ▰▰▰▰▰▰▰▰▰▰ 100% (own 100%)",
        "`└ ` :lock: _an objective you can't see_",
        "`   └ ` 👤 *Under the secret*  ▱▱▱▱▱▱▱▱▱▱ 0% (own 0%)",
    ], "Win: the mean of its own 25% and Grow's 75%; the private ones are not counted"
    assert "Secret" not in text and "Alone" not in text and "Quiet" not in text


def test_the_owner_and_admins_see_the_private_objectives_in_the_tree(bot: RunningBot) -> None:
    arrange(bot)
    bot.introduce("UADMIN")
    for user in ("U2", "UADMIN"):
        shown = lines(asked(bot, user=user))
        assert "`└ ` 👥 *Secret*  ▱▱▱▱▱▱▱▱▱▱ 0% (own 0%)" in shown
        assert "`·` 🏢 *Win*  ▰▰▰▱▱▱▱▱▱▱ 33% (own 25%)" in shown, "mean of 25%, 75% and 0%"
        assert any("*Alone*" in line for line in shown)


def test_a_long_tree_is_paged_with_show_more(bot: RunningBot) -> None:
    now = bot.clock.now
    with bot.db.begin() as session:
        for n in range(60):
            factories.objective(session, now, title=f"Objective {n:02d}")
    message = asked(bot)
    seen: list[str] = []
    pages = 0
    while True:
        pages += 1
        seen += [line.split("*")[1] for line in lines(message)]
        more = [
            e["value"]
            for b in message["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if e["action_id"] == "tree_more"
        ]
        if not more:
            break
        bot.click("tree_more", more[0])
        message = bot.slack.wait_for("response_url", count=pages + 1)[-1].params
        validate_message(message)
        assert message["replace_original"] is True and len(message["blocks"]) <= 50
        assert "continued" in json.dumps(message["blocks"])
    assert seen == [f"Objective {n:02d}" for n in range(60)]
    assert pages == 2


def test_the_tree_of_another_cycle_and_bad_words(bot: RunningBot) -> None:
    arrange(bot)
    empty = json.dumps(asked(bot, "tree 2026-Q1")["blocks"])
    assert "There are no objectives you can see in 2026-Q1 yet." in empty
    assert "`/okr tree` takes a cycle like" in json.dumps(asked(bot, "tree everything"))
    bot.click("tree_more", "junk")
    reply = bot.slack.wait_for("response_url", count=3)[-1].params
    assert reply["text"] == "That page is out of date: run `/okr tree` again."
