"""Check-in prompts end to end: /okr prompts, pause and resume, the prompt's buttons, a thread
reply, and the prompt marked done after a check-in; over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from storage.models import Person
from tests import factories
from tests.bot.prompts.support import queued, tick
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.e2e.checkin_support import blocks_text, check_ins, opened_view, page_values
from tests.e2e.test_checkin_message import dm
from tests.factories import KR
from tests.slack_requests import radio_value, select_value

# The bot's clock starts on Monday 16 Nov 2026 at 14:00 UTC; Ana (U1) is in Lisbon (UTC+0).
PERIOD = "2026-W47"


def arrange(bot: RunningBot) -> int:
    """Ana, as Slack describes her, owns an objective with one key result; returns its id."""
    bot.introduce("U1")
    with bot.db.begin() as session:
        objective = factories.objective(session, bot.clock.now)
        return objective.key_results[0].id


def stored(bot: RunningBot, user_id: str = "U1") -> Person:
    with bot.db.begin() as session:
        found = session.get(Person, (TEAM_ID, user_id))
        assert found is not None
        return found


def prompted(bot: RunningBot) -> dict[str, Any]:
    """The prompt the job queued for Ana this week (missed at 09:00, sent late the same day)."""
    assert tick(bot.db, bot.clock.now).startswith("1 prompt ")
    return queued(bot.db)[f"prompt:U1:{PERIOD}"].payload


def button(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    for block in message["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return dict(element)
    raise AssertionError(f"no {action_id} button")


def test_pause_shows_pauses_refuses_nonsense_and_resumes(bot: RunningBot) -> None:
    arrange(bot)
    shown = bot.command("pause").json()
    assert "not paused" in shown["text"] and "/okr pause 2w" in shown["text"]
    assert "/okr prompts" not in shown["text"], "a button opens one's own prompts"
    assert button(shown, "my_prompts_open")["text"]["text"] == "My check-in prompts"
    paused = bot.command("pause 2w").json()
    assert "Paused" in paused["text"] and "Monday 30 Nov at 14:00" in paused["text"]
    assert stored(bot).paused_until == bot.clock.now + timedelta(weeks=2)
    assert "paused until *Monday 30 Nov at 14:00*" in bot.command("pause").json()["text"]
    assert tick(bot.db, bot.clock.now).endswith("0 quiet hours, 0 prompts off")
    assert "1 paused" in tick(bot.db, bot.clock.now)
    assert not queued(bot.db)
    for words, said in (
        ("until 2026-11-16", "already begun or passed"),
        ("until 2028-01-01", "longer than a year"),
        ("whenever", "couldn't read"),
    ):
        answer = bot.command(f"pause {words}").json()
        assert said in answer["text"] and "Nothing was changed" in answer["text"]
    assert stored(bot).paused_until == bot.clock.now + timedelta(weeks=2)
    assert "Resumed" in bot.command("resume").json()["text"]
    assert stored(bot).paused_until is None
    assert "were not paused" in bot.command("resume").json()["text"]
    until = bot.command("pause until 2026-12-01").json()
    assert "Tuesday 1 Dec at 00:00" in until["text"]
    help_text = str(bot.command("help").json())
    assert "/okr pause" in help_text and "/okr resume" in help_text and "/okr prompts" in help_text


def test_my_own_day_and_time_or_off(bot: RunningBot) -> None:
    arrange(bot)
    bot.command("prompts")
    view = opened_view(bot)
    assert "Monday at 09:00, every week" in str(view)
    errors = bot.submit(view, {"my_prompts_choice": {"my_prompts_choice": radio_value("own")}})
    assert set(errors.json()["errors"]) == {"my_prompts_day", "my_prompts_time"}
    answer = bot.submit(
        view,
        {
            "my_prompts_choice": {"my_prompts_choice": radio_value("own")},
            "my_prompts_day": {"my_prompts_day": select_value("2")},
            "my_prompts_time": {
                "my_prompts_time": {"type": "timepicker", "selected_time": "15:30"}
            },
        },
    ).json()
    assert "Wednesday 18 Nov at 15:30" in blocks_text(answer["view"])
    assert (stored(bot).prompt_weekday, stored(bot).prompt_minute) == (2, 15 * 60 + 30)
    assert tick(bot.db, bot.clock.now).startswith("0 prompts")
    bot.clock.now = bot.clock.now.replace(day=18, hour=15, minute=30)
    assert tick(bot.db, bot.clock.now).startswith("1 prompt ")

    bot.command("prompts")
    off = bot.submit(
        opened_view(bot, 2), {"my_prompts_choice": {"my_prompts_choice": radio_value("off")}}
    ).json()
    assert "no check-in prompts for you" in blocks_text(off["view"])
    assert stored(bot).prompts_off and stored(bot).prompt_weekday is None


def test_the_home_tab_opens_my_prompts(bot: RunningBot) -> None:
    arrange(bot)
    bot.event({"type": "app_home_opened", "user": "U1", "channel": "D0000001", "tab": "home"})
    home = bot.slack.wait_for("views.publish")[0].params["view"]
    assert button(home, "my_prompts_open")
    bot.click("my_prompts_open", None)
    assert opened_view(bot)["callback_id"] == "my_prompts"


def test_snooze_asks_again_tomorrow_at_the_same_time(bot: RunningBot) -> None:
    arrange(bot)
    prompt = prompted(bot)
    assert button(prompt, "prompt_snooze")["value"] == PERIOD
    bot.click("prompt_snooze", PERIOD)
    (answer,) = bot.slack.wait_for("response_url")
    assert answer.params["replace_original"] is True
    assert "Tuesday 17 Nov at 14:00" in blocks_text(answer.params)
    assert button(answer.params, "prompt_checkin")
    bot.clock.advance(hours=23, minutes=59)
    tick(bot.db, bot.clock.now)
    assert len(queued(bot.db)) == 1
    bot.clock.advance(minutes=1)
    assert tick(bot.db, bot.clock.now).startswith("1 prompt ")
    assert f"prompt:U1:{PERIOD}+2026-11-17" in queued(bot.db)
    assert stored(bot).snoozed_until is None


def test_no_reminder_comes_while_the_prompt_is_snoozed(bot: RunningBot) -> None:
    """Prompted at 14:00 (reminder due 24 hours on), snoozed at 16:00 until 16:00 tomorrow: the
    reminder would come at 14:00 tomorrow, before the snoozed prompt; only the prompt comes."""
    arrange(bot)
    prompted(bot)
    bot.clock.advance(hours=2)
    bot.click("prompt_snooze", PERIOD)
    bot.slack.wait_for("response_url")
    bot.clock.advance(hours=22)
    assert tick(bot.db, bot.clock.now).startswith("0 prompts and 0 reminders")
    bot.clock.advance(hours=2)
    assert tick(bot.db, bot.clock.now).startswith("1 prompt and 0 reminders")
    assert sorted(queued(bot.db)) == [f"prompt:U1:{PERIOD}", f"prompt:U1:{PERIOD}+2026-11-17"]


def test_skip_means_no_reminder_this_period(bot: RunningBot) -> None:
    arrange(bot)
    prompted(bot)
    bot.click("prompt_skip", PERIOD)
    (answer,) = bot.slack.wait_for("response_url")
    assert "no reminder" in blocks_text(answer.params)
    assert "Monday 23 Nov at 09:00" in blocks_text(answer.params)
    bot.clock.advance(hours=30)
    assert tick(bot.db, bot.clock.now).startswith("0 prompts and 0 reminders")
    assert list(queued(bot.db)) == [f"prompt:U1:{PERIOD}"]


def test_a_reply_in_the_prompts_thread_is_a_check_in_and_marks_the_prompt_done(
    bot: RunningBot,
) -> None:
    kr_id = arrange(bot)
    prompted(bot)
    bot.clock.advance(minutes=5)
    bot.event(dm("1: 42 on track", thread_ts="1763300000.000001"))
    reply = bot.slack.wait_for("chat.postMessage")[0].params
    assert reply["thread_ts"] == "1763300000.000001"
    assert [(r.key_result_id, r.value) for r in check_ins(bot)] == [(kr_id, 42)]
    done = queued(bot.db)[f"prompt_done:U1:{PERIOD}"]
    assert (done.edits_key, done.method, done.channel) == (
        f"prompt:U1:{PERIOD}",
        "chat.update",
        "U1",
    )
    assert "Checked in" in str(done.payload["blocks"]) and "42" in str(done.payload["blocks"])
    assert "/okr history" not in str(done.payload["blocks"]), "a button, not a command to type"
    assert button(done.payload, "history_open")["text"]["text"] == "History"


def test_the_prompts_example_reply_is_one_the_bot_reads_for_their_own_key_result(
    bot: RunningBot,
) -> None:
    """Its first key result is a milestone: the example says done, not a number it would refuse;
    replied as shown, it is recorded."""
    bot.introduce("U1")
    with bot.db.begin() as session:
        objective = factories.objective(
            session, bot.clock.now, key_results=[KR("Launch the beta", kind="milestone")]
        )
        kr_id = objective.key_results[0].id
    shown = blocks_text(prompted(bot))
    assert "like `1: done on track what moved or blocks`" in shown
    bot.event(dm("1: done on track what moved or blocks"))
    bot.slack.wait_for("chat.postMessage")
    assert [(r.key_result_id, r.value) for r in check_ins(bot)] == [(kr_id, 1)]


def test_a_key_result_behind_pace_says_so_once_in_the_prompt(bot: RunningBot) -> None:
    """The status already ends in "behind" when under what is expected by today."""
    arrange(bot)
    shown = blocks_text(prompted(bot))
    assert ":hourglass_flowing_sand: behind" in shown
    assert shown.count("behind") == 1, shown


def test_the_prompts_check_in_button_opens_the_modal_and_saving_marks_the_prompt_done(
    bot: RunningBot,
) -> None:
    kr_id = arrange(bot)
    prompt = prompted(bot)
    bot.click("prompt_checkin", button(prompt, "prompt_checkin")["value"])
    view = opened_view(bot)
    assert view["callback_id"] == "checkin"
    bot.submit(view, page_values({kr_id: ("30", "at_risk", "")}))
    assert f"prompt_done:U1:{PERIOD}" in queued(bot.db)
    assert "reminder:U1" not in str(list(queued(bot.db)))
    bot.clock.advance(days=1)
    assert tick(bot.db, bot.clock.now).startswith("0 prompts and 0 reminders")


def test_a_check_in_without_a_prompt_queues_nothing(bot: RunningBot) -> None:
    arrange(bot)
    bot.event(dm("1: 24 on track"))  # 20 → 40: 20 %, short of any milestone to celebrate
    bot.slack.wait_for("chat.postMessage")
    bot.settle()
    assert not [key for key in queued(bot.db) if not key.startswith("badge:")], "only badges"


def test_a_user_change_stores_the_zone_and_status(bot: RunningBot) -> None:
    arrange(bot)
    profile = bot.slack.profile("U1")
    profile["tz"] = "Pacific/Auckland"
    profile["profile"].update(status_text="Vacation", status_emoji=":palm_tree:")
    bot.event({"type": "user_change", "user": profile})
    bot.settle()
    person = stored(bot)
    assert (person.time_zone, person.status_emoji, person.status_text) == (
        "Pacific/Auckland",
        ":palm_tree:",
        "Vacation",
    )
