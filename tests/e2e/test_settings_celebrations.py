"""`/okr settings` over HTTP: the celebration and digest channels, the milestones, the digest's
day and time and the words; a private channel the bot is not in is told to the admin by DM."""

from __future__ import annotations

from typing import Any

import pytest

from bot.workspace_settings import celebrations_form as form
from storage.models import Workspace
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.delivery import sender
from tests.e2e.test_settings import audit_rows, initial, open_settings, save, stored, text_of

CHOSEN: dict[str, Any] = {
    "celebration": "CWINS",
    "digest": "CDIGEST",
    "milestones": ["25", "50", "75", "100"],
    "day": "4",
    "time": "16:00",
    "words": ("OKR", "goal", "result"),
}


def block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


def invite_dms(bot: RunningBot, user_id: str) -> list[str]:
    return [
        m["text"]
        for m in bot.slack.messages_in(bot.slack.dm_channel(user_id))
        if m.get("metadata", {}).get("event_payload", {}).get("key", "").startswith("channel_")
    ]


def test_an_admin_sets_channels_milestones_digest_and_words_and_sees_them_again(
    bot: RunningBot,
) -> None:
    bot.slack.add_channel("CWINS", name="wins", is_member=False)
    bot.slack.add_channel("CDIGEST", name="digest")
    view = open_settings(bot)
    labels = " ".join(b["label"]["text"] for b in view["blocks"] if b["type"] == "input").lower()
    assert "celebration channel" in labels and "digest channel" in labels
    assert "/invite <@UBOT>" in text_of(view)
    assert [o["value"] for o in block(view, form.MILESTONES)["element"]["initial_options"]] == [
        "50",
        "100",
    ]
    assert initial(view, form.DIGEST_DAY) == "4"
    assert block(view, form.DIGEST_TIME)["element"]["initial_time"] == "16:00"

    answer = save(bot, view, celebrations=CHOSEN)
    bot.settle()

    assert answer["response_action"] == "update", answer
    shown = text_of(answer["view"])
    assert "*25 %, 50 %, 75 %, 100 %* milestones, in <#CWINS>" in shown
    assert "*Friday at 16:00* in the workspace time zone, in <#CDIGEST> and" in shown
    assert "*goal* for an objective, *result* for a key result" in shown
    with bot.db.begin() as session:
        workspace = session.get(Workspace, TEAM_ID)
        assert workspace is not None
        assert (
            workspace.celebration_channel_id,
            workspace.digest_channel_id,
            workspace.milestones,
            workspace.digest_weekday,
            workspace.digest_minute,
            workspace.word_objective,
            workspace.word_key_result,
        ) == ("CWINS", "CDIGEST", "25,50,75,100", 4, 960, "goal", "result")
    (event,) = audit_rows(bot)
    assert event.changes["milestones"] == {"old": [50, 100], "new": [25, 50, 75, 100]}
    assert event.changes["words"]["new"] == {
        "okr": "OKR",
        "objective": "goal",
        "key_result": "result",
    }
    assert bot.slack.calls_to("conversations.info"), "the channels were checked"
    assert invite_dms(bot, "UADMIN") == [], "public channels need no invitation"

    reopened = open_settings(bot)
    assert block(reopened, form.CELEBRATION_CHANNEL)["element"]["initial_conversation"] == "CWINS"
    assert block(reopened, form.DIGEST_CHANNEL)["element"]["initial_conversation"] == "CDIGEST"
    ticked = block(reopened, form.MILESTONES)["element"]["initial_options"]
    assert [o["value"] for o in ticked] == ["25", "50", "75", "100"]
    assert initial(reopened, form.DIGEST_DAY) == "4"
    assert block(reopened, form.WORD_OBJECTIVE)["element"]["initial_value"] == "goal"
    assert block(reopened, form.WORD_KEY_RESULT)["element"]["initial_value"] == "result"


def test_a_private_channel_the_bot_is_not_in_gets_the_admin_a_dm_to_invite_it(
    bot: RunningBot,
) -> None:
    bot.slack.add_channel("GLEADS", name="leads", is_member=False, is_private=True)
    view = open_settings(bot)

    answer = save(bot, view, celebrations={"celebration": "GLEADS"})
    bot.settle()

    assert answer["response_action"] == "update"
    (update,) = bot.slack.calls_to("views.update")
    assert update.response["ok"], update.response
    assert "cannot post in <#GLEADS> yet" in text_of(update.params["view"])
    assert "/invite <@UBOT>" in text_of(update.params["view"])
    delivering = sender(bot.db, bot.slack, bot.clock)
    delivering.step()
    delivering.close()
    (dm,) = invite_dms(bot, "UADMIN")
    assert "<#GLEADS>" in dm and "/invite <@UBOT>" in dm
    # Saving again the same day tells the admin in the modal, not by a second DM.
    save(bot, open_settings(bot), celebrations={"celebration": "GLEADS", "day": "0"})
    bot.settle()
    delivering = sender(bot.db, bot.slack, bot.clock)
    delivering.step()
    delivering.close()
    assert len(invite_dms(bot, "UADMIN")) == 1
    assert len(bot.slack.calls_to("views.update")) == 2


@pytest.mark.parametrize(
    ("celebrations", "block_id", "told"),
    [
        ({"milestones": []}, form.MILESTONES, "Tick at least one milestone"),
        ({"milestones": ["50", "60"]}, form.MILESTONES, "Tick at least one milestone"),
        ({"day": "7"}, form.DIGEST_DAY, "Pick the day of the week the digest"),
        ({"time": None}, form.DIGEST_TIME, "Pick the time the digest"),
        ({"celebration": "D123"}, form.CELEBRATION_CHANNEL, "Pick a channel"),
        ({"words": ("OKR", "", "result")}, form.WORD_OBJECTIVE, "Type what your teams call"),
        ({"words": ("OKR", "goal", "x" * 21)}, form.WORD_KEY_RESULT, "Type what your teams"),
        ({"words": ("<!channel>", "goal", "result")}, form.WORD_OKR, "Type what your teams"),
    ],
)
def test_bad_celebration_settings_get_inline_errors_and_nothing_is_saved(
    bot: RunningBot, celebrations: dict[str, Any], block_id: str, told: str
) -> None:
    answer = save(bot, open_settings(bot), celebrations=celebrations, month="2")
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [block_id]
    assert answer["errors"][block_id].startswith(told)
    assert stored(bot) == (1, "UTC", 3)
    assert audit_rows(bot) == []


def test_someone_not_an_admin_cannot_set_the_channels(bot: RunningBot) -> None:
    view = open_settings(bot)
    bot.introduce("U1")
    answer = save(bot, view, user="U1", celebrations=CHOSEN)
    bot.settle()
    assert "Only workspace admins and owners" in text_of(answer["view"])
    assert "Nothing was changed" in text_of(answer["view"])
    with bot.db.begin() as session:
        workspace = session.get(Workspace, TEAM_ID)
        assert workspace is not None and workspace.celebration_channel_id is None
    assert audit_rows(bot) == []
    assert bot.slack.calls_to("conversations.info") == []
