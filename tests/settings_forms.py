"""The check-in prompt and celebration fields of the settings modal, as Slack submits them."""

from __future__ import annotations

from typing import Any

from bot.workspace_settings import celebrations_form as celebrations
from bot.workspace_settings import settings_form as form
from tests.slack_requests import channel_value, select_value, text_value


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
    close: str = "7",
) -> dict[str, dict[str, dict[str, Any]]]:
    """The defaults unless told otherwise (with the close reminder's days)."""
    return {
        form.CHECKIN_DAY: {form.CHECKIN_DAY: select_value(day)},
        form.CHECKIN_TIME: {form.CHECKIN_TIME: time_value(time)},
        form.CADENCE: {form.CADENCE: select_value(cadence)},
        form.REMINDER_HOURS: {form.REMINDER_HOURS: text_value(reminder)},
        form.SKIP_RECENT_DAYS: {form.SKIP_RECENT_DAYS: text_value(skip)},
        form.QUIET_START: {form.QUIET_START: time_value(quiet_start)},
        form.QUIET_END: {form.QUIET_END: time_value(quiet_end)},
        form.CLOSE_REMINDER_DAYS: {form.CLOSE_REMINDER_DAYS: text_value(close)},
    }


def ticked_values(values: list[str] | None) -> dict[str, Any]:
    options = [{"text": {"type": "plain_text", "text": v}, "value": v} for v in values or []]
    return {"type": "checkboxes", "selected_options": options}


def celebration_state(
    *,
    celebration: str | None = None,
    digest: str | None = None,
    milestones: list[str] | None = None,
    day: str | None = "4",
    time: str | None = "16:00",
    words: tuple[str, str, str] = ("OKR", "objective", "key result"),
) -> dict[str, dict[str, dict[str, Any]]]:
    """The defaults (50 % and 100 %, Friday 16:00, no channels) unless told otherwise."""
    c = celebrations
    return {
        c.CELEBRATION_CHANNEL: {c.CELEBRATION_CHANNEL: channel_value(celebration)},
        c.DIGEST_CHANNEL: {c.DIGEST_CHANNEL: channel_value(digest)},
        c.MILESTONES: {
            c.MILESTONES: ticked_values(["50", "100"] if milestones is None else milestones)
        },
        c.DIGEST_DAY: {c.DIGEST_DAY: select_value(day)},
        c.DIGEST_TIME: {c.DIGEST_TIME: time_value(time)},
        **{
            block: {block: text_value(word)}
            for block, word in zip(c.WORD_FIELDS, words, strict=True)
        },
    }
