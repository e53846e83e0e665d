"""The check-in prompt fields of the settings modal, as Slack submits them."""

from __future__ import annotations

from typing import Any

from bot.workspace_settings import settings_form as form
from tests.slack_requests import select_value, text_value


def time_value(value: str | None) -> dict[str, Any]:
    return {"type": "timepicker", "selected_time": value}


def prompt_state(
    *,
    day: str | None = "0",
    time: str | None = "09:00",
    cadence: str | None = "weekly",
    reminder: str = "24",
    skip: str = "3",
    quiet_start: str | None = "19:00",
    quiet_end: str | None = "08:00",
) -> dict[str, dict[str, dict[str, Any]]]:
    """The defaults unless told otherwise."""
    return {
        form.CHECKIN_DAY: {form.CHECKIN_DAY: select_value(day)},
        form.CHECKIN_TIME: {form.CHECKIN_TIME: time_value(time)},
        form.CADENCE: {form.CADENCE: select_value(cadence)},
        form.REMINDER_HOURS: {form.REMINDER_HOURS: text_value(reminder)},
        form.SKIP_RECENT_DAYS: {form.SKIP_RECENT_DAYS: text_value(skip)},
        form.QUIET_START: {form.QUIET_START: time_value(quiet_start)},
        form.QUIET_END: {form.QUIET_END: time_value(quiet_end)},
    }
