"""Every hostile text of the table, as an objective's and a key result's title and as check-in
notes, through what the bot actually posts: the prompt, the check-in reply in the DM, the prompt
edited once done, the owner's notice of an admin's check-in, and the list shared in a channel.
Nothing Slack receives pings anyone or disguises a link; the only mentions are those code built
for the real people of the story."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests import factories
from tests.bot.prompts.support import tick
from tests.bot_fixtures import RunningBot
from tests.delivery import sender
from tests.e2e.checkin_support import opened_view, page_values
from tests.e2e.test_checkin_message import dm
from tests.e2e.test_dead_ends import share
from tests.e2e.test_list import listed
from tests.factories import KR
from tests.hostile_texts import MENTIONS
from tests.test_mention_safety import FORBIDDEN, text_fields

# Typed into a form or a message, these marks are refused (tests/e2e/test_hostile_text.py); a
# title written some other way may still carry them.
REFUSED_MARKS = str.maketrans("", "", "\u200e\u200f")
# The mentions the bot writes: the admin who checked in, told to the owner; the owner, in a list.
MENTION = re.compile(r"<@(UADMIN|U1)>")


def posted(bot: RunningBot) -> list[dict[str, Any]]:
    """Every message the bot posted or edited, as Slack received it."""
    found = []
    for method in ("chat.postMessage", "chat.update", "response_url"):
        for call in bot.slack.calls_to(method):
            params = dict(call.params)
            if isinstance(params.get("blocks"), str):
                params["blocks"] = json.loads(params["blocks"])
            found.append(params)
    return found


@pytest.mark.parametrize("hostile", MENTIONS, ids=list(MENTIONS))
def test_hostile_titles_and_notes_reach_slack_without_a_ping(bot: RunningBot, hostile: str) -> None:
    text = MENTIONS[hostile]
    typed = text.translate(REFUSED_MARKS)[:280]
    bot.introduce("U1", "UADMIN")
    with bot.db.begin() as session:
        objective = factories.objective(
            session, bot.clock.now, title=text[:150], key_results=[KR(text[:150], target=1000)]
        )
        objective_id = objective.id
        kr_id = objective.key_results[0].id
    assert tick(bot.db, bot.clock.now).startswith("1 prompt ")
    delivering = sender(bot.db, bot.slack, bot.clock)
    assert delivering.deliver().line().startswith("delivered 1")

    assert bot.event(dm(f"1: 30 on track {typed}")).status == 200
    bot.slack.wait_for("chat.postMessage", count=2)
    assert bot.click("checkin_open", str(objective_id), user="UADMIN").status == 200
    answer = bot.submit(
        opened_view(bot), page_values({kr_id: ("420", "at_risk", typed)}), user="UADMIN"
    )
    assert answer.json()["response_action"] == "update", answer.body
    # The prompt's edit, the owner's notice, and the first-check-in badge of each who checked in.
    assert delivering.deliver().line().startswith("delivered 4"), "the edit, notice and badges"

    in_channel = share(bot, listed(bot))
    assert in_channel["response_type"] == "in_channel"

    messages = posted(bot)
    assert len(messages) == 8, "prompt, reply, prompt done, notice, 2 badges, list and share"
    carried = 0
    for message in messages:
        for kind, field in text_fields(message):
            for forbidden in FORBIDDEN:
                assert forbidden not in field, f"{kind} {field[:300]!r}"
            if kind != "plain_text":
                assert "<" not in MENTION.sub("", field), f"{kind} {field[:300]!r}"
            carried += "&lt;" in field or "&amp;lt;" in field
    assert carried >= 6, "the hostile text was shown, escaped, in every message"
    assert any(MENTION.search(field) for m in messages for _, field in text_fields(m))
