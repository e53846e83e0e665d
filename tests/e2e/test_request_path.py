"""The request path never waits on Slack to know who asks: a command is answered and its modal
opened within the trigger id's 3 seconds while users.info is rate-limited, and the profile is
asked for once the answer has gone."""

from __future__ import annotations

import pytest

from storage.models import Person
from tests import factories
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.e2e.checkin_support import opened_view


def stored_person(bot: RunningBot, user_id: str) -> tuple[str, str, bool] | None:
    with bot.db.begin() as session:
        row = session.get(Person, (TEAM_ID, user_id))
        return None if row is None else (row.display_name, row.time_zone, row.is_admin)


@pytest.mark.parametrize("command", ["checkin", "history"])
def test_a_command_opens_its_modal_while_users_info_is_rate_limited(
    bot: RunningBot, command: str
) -> None:
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now)
        factories.check_in(session, objective.key_results[0], bot.clock.now, value=3)
    bot.slack.fail("users.info", status=429, retry_after=4)

    reply = bot.command(command)

    assert (reply.status, reply.body) == (200, ""), "acknowledged at once, with nothing to say"
    assert opened_view(bot)["type"] == "modal"
    bot.settle()
    assert stored_person(bot, "U1") == ("U1", "UTC", False), "defaults until Slack answers"

    bot.command(command)  # Slack answers this time: after the modal, the profile is stored
    bot.settle()
    assert stored_person(bot, "U1") == ("ana", "Europe/Lisbon", False)


def test_an_admin_opens_the_settings_from_the_stored_profile_while_users_info_is_limited(
    bot: RunningBot,
) -> None:
    bot.introduce("UADMIN")
    bot.clock.advance(hours=13)  # the stored profile is old: Slack is asked again, afterwards
    bot.slack.fail("users.info", status=429, retry_after=4)

    reply = bot.command("settings", user="UADMIN")

    assert (reply.status, reply.body) == (200, "")
    assert opened_view(bot)["callback_id"] == "workspace_settings"
    bot.settle()
    assert len(bot.slack.calls_to("users.info")) == 1, "asked after the modal opened"


def test_someone_new_is_no_admin_until_slack_says_so_and_is_told_so(bot: RunningBot) -> None:
    first = bot.command("settings", user="UADMIN").json()
    # Not "only admins may": that would be untrue of an admin whom Slack has not described yet.
    assert "Slack has not told me yet whether you are a workspace admin" in first["text"]
    assert "try again in a few seconds" in first["text"]
    bot.settle()
    assert stored_person(bot, "UADMIN") == ("root", "UTC", True)
    assert bot.command("settings", user="UADMIN").body == ""
    assert opened_view(bot)["callback_id"] == "workspace_settings"


def test_a_profile_change_slack_announces_is_stored(bot: RunningBot) -> None:
    bot.introduce("U2")
    bot.slack.add_user("U2", name="bo", real_name="Bo Chen", tz="Asia/Tokyo", is_admin=True)

    reply = bot.event({"type": "user_change", "user": bot.slack.profile("U2")})

    assert reply.status == 200
    bot.settle()
    assert stored_person(bot, "U2") == ("bo", "Asia/Tokyo", True)
    assert bot.slack.calls_to("users.info") == []
