"""`/okr settings` over HTTP: admins tune the fiscal year, time zone and focus limit."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.people import ensure_workspace
from storage.models import AuditEvent, Cycle, Objective, Workspace
from tests import factories
from tests.blockkit import validate_message, validate_options, validate_view
from tests.bot_fixtures import TEAM_ID, RunningBot
from tests.objective_forms import ObjectiveForm, create, initial_cycle, open_new, with_state
from tests.settings_forms import celebration_state, prompt_state
from tests.slack_requests import select_value

FISCAL, ZONE, LIMIT = "settings_fiscal_start", "settings_time_zone", "settings_focus_limit"


def open_settings(bot: RunningBot, *, user: str = "UADMIN") -> dict[str, Any]:
    bot.introduce(user)  # an admin the bot has met: someone never met is no admin until then
    before = len(bot.slack.calls_to("views.open"))
    reply = bot.command("settings", user=user)
    assert reply.status == 200 and not reply.body, reply.body
    call = bot.slack.wait_for("views.open", count=before + 1)[-1]
    assert call.response["ok"], call.response
    view: dict[str, Any] = call.response["view"]
    validate_view(view)
    return view


def state(
    month: str | None = "1",
    zone: str | None = "UTC",
    limit: str | None = "3",
    prompts: dict[str, Any] | None = None,
    celebrations: dict[str, Any] | None = None,
) -> dict[str, dict[str, dict[str, Any]]]:
    return {
        FISCAL: {FISCAL: select_value(month)},
        ZONE: {ZONE: select_value(zone, "external_select")},
        LIMIT: {LIMIT: select_value(limit)},
        **prompt_state(**(prompts or {})),
        **celebration_state(**(celebrations or {})),
    }


def save(
    bot: RunningBot,
    view: dict[str, Any],
    *,
    user: str = "UADMIN",
    prompts: dict[str, Any] | None = None,
    celebrations: dict[str, Any] | None = None,
    **picked: str | None,
) -> dict[str, Any]:
    reply = bot.submit(view, state(prompts=prompts, celebrations=celebrations, **picked), user=user)
    assert reply.status == 200, reply.body
    answer: dict[str, Any] = reply.json()
    return answer


def initial(view: dict[str, Any], block_id: str) -> str:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return str(block["element"]["initial_option"]["value"])


def text_of(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def stored(bot: RunningBot) -> tuple[int, str, int]:
    with bot.db.begin() as session:
        workspace = ensure_workspace(session, TEAM_ID, bot.clock.now)
        return (
            workspace.fiscal_year_start_month,
            workspace.time_zone,
            workspace.max_active_objectives,
        )


def audit_rows(bot: RunningBot) -> list[AuditEvent]:
    with bot.db.begin() as session:
        rows = list(
            session.scalars(select(AuditEvent).where(AuditEvent.entity == "workspace_settings"))
        )
        session.expunge_all()
        return rows


def configure(bot: RunningBot, month: int, zone: str, limit: int) -> None:
    with bot.db.begin() as session:
        workspace = ensure_workspace(session, TEAM_ID, bot.clock.now)
        workspace.time_zone = zone
        workspace.fiscal_year_start_month = month
        workspace.max_active_objectives = limit
        workspace.updated_at = bot.clock.now + timedelta(seconds=1)  # as saving them does


def test_an_admin_opens_the_settings_filled_in_with_what_they_are(bot: RunningBot) -> None:
    configure(bot, 4, "Europe/Lisbon", 5)
    bot.slack.add_user("UBOSS", name="boss", tz="America/New_York", is_admin=True)
    view = open_settings(bot, user="UBOSS")
    assert view["callback_id"] == "workspace_settings"
    assert (initial(view, FISCAL), initial(view, ZONE), initial(view, LIMIT)) == (
        "4",
        "Europe/Lisbon",
        "5",
    )
    assert "*This quarter:* FY2027-Q3, 1 Oct – 31 Dec 2026" in text_of(view)
    assert "Your own Slack time zone is America/New_York" in text_of(view)
    assert (
        len(next(b for b in view["blocks"] if b.get("block_id") == FISCAL)["element"]["options"])
        == 12
    )


def test_saving_changes_the_settings_with_an_audit_trail(bot: RunningBot) -> None:
    view = open_settings(bot)
    answer = save(bot, view, month="2", zone="UTC", limit="4")
    assert answer["response_action"] == "update", answer
    confirmation = answer["view"]
    validate_view(confirmation)
    shown = text_of(confirmation)
    assert "This quarter is *FY2027-Q4*, 1 Nov 2026 – 31 Jan 2027" in shown
    assert "keep their names and dates" in shown
    assert "starts in *February* (was January)" in shown
    assert stored(bot) == (2, "UTC", 4)
    (row,) = audit_rows(bot)
    assert (row.actor_id, row.entity_id, row.action, row.at) == (
        "UADMIN",
        0,
        "update",
        bot.clock.now,
    )
    assert row.changes == {
        "fiscal_year_start_month": {"old": 1, "new": 2},
        "max_active_objectives": {"old": 3, "new": 4},
    }
    with bot.db.begin() as session:
        workspace = session.get(Workspace, TEAM_ID)
        assert workspace is not None and workspace.updated_at == bot.clock.now


def test_new_objectives_and_the_list_use_the_new_cycle(bot: RunningBot) -> None:
    save(bot, open_settings(bot), month="2")
    assert initial_cycle(open_new(bot)) == "FY2027-Q4"
    assert create(bot, ObjectiveForm(title="Grow the fiscal way"))["response_action"] == "update"
    bot.command("list")
    (listed,) = bot.slack.wait_for("response_url")
    validate_message(listed.params)
    assert "FY2027-Q4" in listed.params["text"]
    assert "Grow the fiscal way" in json.dumps(listed.params["blocks"])
    with bot.db.begin() as session:
        cycle = session.scalars(select(Cycle).where(Cycle.name == "FY2027-Q4")).one()
        assert (cycle.starts_on, cycle.ends_on) == (date(2026, 11, 1), date(2027, 1, 31))


def test_existing_objectives_stay_in_their_cycle_and_the_admin_is_told(bot: RunningBot) -> None:
    with bot.db.begin() as session:
        objective_id = factories.objective(session, bot.clock.now, title="Ship the beta").id
    view = open_settings(bot)
    assert "still has" not in text_of(view)
    bot.click(
        FISCAL,
        view=with_state(view, state(month="2")),
        user="UADMIN",
        block_id=FISCAL,
        selected=select_value("2"),
    )
    redrawn = bot.slack.wait_for("views.update")[-1]
    assert redrawn.response["ok"], redrawn.response
    preview = text_of(redrawn.response["view"])
    assert "*This quarter:* FY2027-Q4, 1 Nov 2026 – 31 Jan 2027" in preview
    assert "*2026-Q4* (1 Oct – 31 Dec 2026) still has 1 active objective." in preview
    assert initial(redrawn.response["view"], FISCAL) == "2"
    assert stored(bot) == (1, "UTC", 3), "a preview saves nothing"

    answer = save(bot, redrawn.response["view"], month="2")
    assert "`/okr list 2026-Q4` shows them" in text_of(answer["view"])
    with bot.db.begin() as session:
        objective = session.get(Objective, objective_id)
        assert objective is not None
        cycle = session.get(Cycle, objective.cycle_id)
        assert cycle is not None and (cycle.name, cycle.starts_on) == ("2026-Q4", date(2026, 10, 1))
    bot.command("list 2026-Q4")
    (listed,) = bot.slack.wait_for("response_url")
    assert "Ship the beta" in json.dumps(listed.params["blocks"])


def test_the_time_zone_decides_the_current_cycle_at_a_quarter_boundary(bot: RunningBot) -> None:
    bot.clock.now = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)  # 1 January 2027, 02:00 on Kiritimati
    assert initial_cycle(open_new(bot)) == "2026-Q4"
    view = open_settings(bot)
    bot.click(
        ZONE,
        view=with_state(view, state(zone="Pacific/Kiritimati")),
        user="UADMIN",
        block_id=ZONE,
        selected=select_value("Pacific/Kiritimati", "external_select"),
    )
    redrawn = bot.slack.wait_for("views.update")[-1].response["view"]
    assert "*This quarter:* 2027-Q1, 1 Jan – 31 Mar 2027" in text_of(redrawn)
    answer = save(bot, redrawn, zone="Pacific/Kiritimati")
    assert "This quarter is *2027-Q1*" in text_of(answer["view"])
    assert stored(bot) == (1, "Pacific/Kiritimati", 3)
    assert initial_cycle(open_new(bot)) == "2027-Q1"
    bot.clock.now = datetime(2026, 12, 31, 9, 59, tzinfo=UTC)  # 23:59 on Kiritimati
    assert initial_cycle(open_new(bot)) == "2026-Q4"


def test_time_zones_are_found_by_city_or_offset(bot: RunningBot) -> None:
    bot.slack.add_user("UBOSS", name="boss", tz="America/New_York", is_admin=True)
    view = open_settings(bot, user="UBOSS")
    answer = bot.suggest(ZONE, "kiri", view=view, user="UBOSS").json()
    validate_options(answer)
    assert [o["value"] for o in answer["options"]] == ["Pacific/Kiritimati"]
    assert answer["options"][0]["text"]["text"] == "Pacific/Kiritimati (UTC+14:00)"
    typed_nothing = bot.suggest(ZONE, "", view=view, user="UBOSS").json()
    validate_options(typed_nothing)
    offered = [o["value"] for o in typed_nothing["options"]]
    assert offered[0] == "America/New_York", "the admin's own zone comes first"
    assert "Europe/London" in offered
    every_a = bot.suggest(ZONE, "a", view=view, user="UBOSS").json()
    validate_options(every_a)
    assert len(every_a["options"]) == 100


def test_saving_what_is_already_set_changes_nothing(bot: RunningBot) -> None:
    answer = save(bot, open_settings(bot))
    assert "Nothing changed" in text_of(answer["view"])
    assert audit_rows(bot) == []


def test_someone_who_is_not_an_admin_is_told_who_can_and_what_is_set(bot: RunningBot) -> None:
    configure(bot, 2, "Europe/Lisbon", 3)
    bot.introduce("U1")  # Slack has said who Ana is: not an admin
    message = bot.command("settings", user="U1").json()
    validate_message(message)
    assert message["response_type"] == "ephemeral"
    shown = json.dumps(message["blocks"], ensure_ascii=False)
    assert "Only workspace admins and owners can change the workspace settings" in shown
    assert "Ask them () if" not in shown
    assert "Ask one of them if the fiscal year's first month" in shown, "no admin met yet"
    bot.introduce("UADMIN")
    bot.slack.add_user("UBOSS", name="<!channel>boss", tz="UTC", is_owner=True)
    bot.introduce("UBOSS")
    shown = json.dumps(bot.command("settings", user="U1").json()["blocks"], ensure_ascii=False)
    assert (
        "Ask one of them (&lt;!channel&gt;boss, root) if the fiscal year's first month, "
        "the time zone, the focus limit, the check-in prompts, or celebrations and digests should "
        "change." in shown
    ), "their names, never a ping"
    assert "<@UADMIN>" not in shown and "<!channel>" not in shown
    assert "starts in *February*: this quarter is *FY2027-Q4*, 1 Nov 2026 – 31 Jan 2027" in shown
    assert "Time zone: *Europe/Lisbon*" in shown
    assert bot.slack.calls_to("views.open") == []


def test_a_forged_submission_by_someone_not_an_admin_changes_nothing(bot: RunningBot) -> None:
    view = open_settings(bot)
    bot.introduce("U1")
    answer = save(bot, view, user="U1", month="7", zone="Asia/Tokyo", limit="10")
    assert answer["response_action"] == "update"
    validate_view(answer["view"])
    assert "Only workspace admins and owners" in text_of(answer["view"])
    assert "Nothing was changed" in text_of(answer["view"])
    assert stored(bot) == (1, "UTC", 3)
    assert audit_rows(bot) == []


@pytest.mark.parametrize(
    ("picked", "block_id", "told"),
    [
        ({"month": "13"}, FISCAL, "Pick the month your fiscal year starts in."),
        ({"month": None}, FISCAL, "Pick the month your fiscal year starts in."),
        ({"zone": "Mars/Olympus"}, ZONE, "Pick a time zone from the list"),
        ({"zone": "localtime"}, ZONE, "Pick a time zone from the list"),
        ({"zone": None}, ZONE, "Pick a time zone from the list"),
        ({"limit": "0"}, LIMIT, "Pick a number from 1 to 10"),
        ({"limit": "11"}, LIMIT, "Pick a number from 1 to 10"),
        ({"limit": "３"}, LIMIT, "Pick a number from 1 to 10"),
    ],
)
def test_invalid_values_get_inline_errors_and_nothing_is_saved(
    bot: RunningBot, picked: dict[str, str | None], block_id: str, told: str
) -> None:
    answer = save(bot, open_settings(bot), **{"month": "2", "limit": "5", **picked})
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [block_id]
    assert answer["errors"][block_id].startswith(told)
    assert stored(bot) == (1, "UTC", 3)
    assert audit_rows(bot) == []


def test_help_lists_settings(bot: RunningBot) -> None:
    message = bot.command("help").json()
    assert "/okr settings" in json.dumps(message["blocks"])


def test_settings_are_per_workspace(bot: RunningBot) -> None:
    configure(bot, 2, "UTC", 3)
    with bot.db.begin() as session:
        ensure_workspace(session, "T0002", bot.clock.now)
        count = session.scalar(select(func.count()).select_from(Workspace))
        assert count == 2
    save(bot, open_settings(bot), month="5")
    with bot.db.begin() as session:
        other = ensure_workspace(session, "T0002", bot.clock.now)
        assert other.fiscal_year_start_month == 1


def test_the_focus_limit_decides_when_the_hint_comes(bot: RunningBot) -> None:
    save(bot, open_settings(bot), limit="1")
    first = create(bot, ObjectiveForm(title="Delight customers"))
    assert "Fewer objectives get more done" not in text_of(first["view"])
    second = create(bot, ObjectiveForm(title="Grow revenue"))
    assert "You now have 2 active objectives this cycle; your workspace suggests at most 1." in (
        text_of(second["view"])
    )


def test_admins_set_the_check_in_prompts_and_bad_input_gets_inline_errors(
    bot: RunningBot,
) -> None:
    view = open_settings(bot)
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert "Check-in day" in labels and any("Check-in time" in label for label in labels)
    assert initial(view, "settings_checkin_day") == "0"
    for prompts, block_id, told in (
        ({"reminder": "x"}, "settings_reminder_hours", "Type a whole number of hours"),
        ({"reminder": "200"}, "settings_reminder_hours", "Type a whole number of hours"),
        ({"skip": "-1"}, "settings_skip_recent_days", "Type a whole number of days"),
        ({"time": None}, "settings_checkin_time", "Pick the time"),
        ({"quiet_end": "25:00"}, "settings_quiet_end", "Pick a time"),
        ({"cadence": "daily"}, "settings_cadence", "Pick how often"),
    ):
        answer = save(bot, view, prompts=prompts)
        assert answer["response_action"] == "errors", prompts
        assert list(answer["errors"]) == [block_id]
        assert answer["errors"][block_id].startswith(told)
    answer = save(
        bot,
        view,
        prompts={
            "day": "2",
            "time": "10:30",
            "cadence": "biweekly",
            "reminder": "0",
            "skip": "5",
            "quiet_start": "20:00",
            "quiet_end": "07:00",
        },
    )
    shown = text_of(answer["view"])
    assert "Wednesday at 10:30" in shown and "every 2 weeks" in shown
    assert "no reminders" in shown and "quiet hours 20:00–07:00" in shown
    with bot.db.begin() as session:
        workspace = session.get(Workspace, TEAM_ID)
        assert workspace is not None
        assert (
            workspace.checkin_weekday,
            workspace.checkin_minute,
            workspace.checkin_cadence,
            workspace.reminder_hours,
            workspace.skip_recent_days,
            workspace.quiet_start_minute,
            workspace.quiet_end_minute,
        ) == (2, 630, "biweekly", 0, 5, 1200, 420)
    reopened = open_settings(bot)
    assert initial(reopened, "settings_cadence") == "biweekly"
    assert [e.changes.get("cadence") for e in audit_rows(bot)] == [
        {"old": "weekly", "new": "biweekly"}
    ]


def initial_text(view: dict[str, Any], block_id: str) -> str:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return str(block["element"]["initial_value"])


def test_admins_set_the_close_reminder_days_with_inline_errors(bot: RunningBot) -> None:
    view = open_settings(bot)
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert "Close reminder (days before a cycle ends)" in labels
    assert initial_text(view, "settings_close_reminder_days") == "7"
    for typed in ("31", "-1", "a week"):
        answer = save(bot, view, prompts={"close": typed})
        assert answer["response_action"] == "errors", typed
        assert answer["errors"] == {
            "settings_close_reminder_days": "Type a whole number of days from 0 to 30, like 7; "
            "0 sends no close reminder."
        }
    assert "Close reminder: none" in text_of(save(bot, view, prompts={"close": "0"})["view"])
    with bot.db.begin() as session:
        workspace = session.get(Workspace, TEAM_ID)
        assert workspace is not None and workspace.close_reminder_days == 0
    reopened = open_settings(bot)
    assert initial_text(reopened, "settings_close_reminder_days") == "0"
    shown = text_of(save(bot, reopened, prompts={"close": "3"})["view"])
    assert "Close reminder: *3 days* before a cycle ends" in shown
